#!/usr/bin/env bash
# The whole test job of ttcp-odoo, on a fresh database:
#   1. install every addon of addons/ with demo data and --test-enable (Odoo's own runner:
#      at-install and post-install tests),
#   2. upgrade them all once more on that database (-u with demo data),
#   3. fail on any WARNING, ERROR, CRITICAL or traceback in either log, or any failed test,
#   4. run the suite-level pytest-odoo tests of tests/ against the same database.
# Needs: Odoo 18.0 importable by python3, PostgreSQL reachable (started here if it is the
# local Debian cluster), psql/createdb/dropdb. Settings from the environment:
#   PGHOST PGPORT PGUSER PGPASSWORD (default localhost 5432 odoo odoo), TTCP_HTTP_PORT (18069),
#   TTCP_KEEP_DB=1 keeps the database, TTCP_SKIP_PIP=1 skips the pip install,
#   TTCP_PIP_FLAGS extra pip flags (the Docker image needs --user --break-system-packages).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PY=${PYTHON:-python3}

if ! "$PY" -c "import odoo" >/dev/null 2>&1; then
    echo "ERROR: Odoo 18 is not importable by '$PY'. This suite needs an Odoo 18.0 installed in" >&2
    echo "Python (as the official odoo:18.0 Docker image provides; see README.md). No test was run." >&2
    exit 1
fi
SERIE=$("$PY" -c "import odoo.release as r; print(r.serie)")
if [ "$SERIE" != "18.0" ]; then
    echo "ERROR: Odoo $SERIE found; this suite needs Odoo 18.0. No test was run." >&2
    exit 1
fi

export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-odoo} PGPASSWORD=${PGPASSWORD:-odoo}
bash "$ROOT/scripts/lib/ensure-postgres.sh"

if [ "${TTCP_SKIP_PIP:-0}" != "1" ]; then
    PY=$PY bash "$ROOT/scripts/lib/pip-install.sh" requirements.txt requirements-test.txt
fi

ADDONS=$(for m in addons/*/__manifest__.py; do if [ -e "$m" ]; then basename "$(dirname "$m")"; fi; done | paste -sd, -)
if [ -z "$ADDONS" ]; then
    echo "ERROR: no addon found under addons/. No test was run." >&2
    exit 1
fi
ADDONS_PATH=$("$PY" "$ROOT/scripts/lib/addons_path.py" "$ROOT/addons")
DB=${TTCP_TEST_DB:-ttcp_test_$(date +%Y%m%d%H%M%S)_$$}
LOGDIR=${TTCP_LOG_DIR:-$ROOT/var/log}
mkdir -p "$LOGDIR"
PORT=${TTCP_HTTP_PORT:-18069}
ODOO=("$PY" -m odoo -d "$DB" --db_host="$PGHOST" --db_port="$PGPORT" -r "$PGUSER" -w "$PGPASSWORD"
      --addons-path="$ADDONS_PATH" --http-port="$PORT" --gevent-port="$((PORT + 3))"
      --stop-after-init --log-level=info --max-cron-threads=0)

cleanup() {
    if [ "${TTCP_KEEP_DB:-0}" != "1" ]; then
        dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    else
        echo "Kept database $DB"
    fi
}
trap cleanup EXIT

echo "== ttcp-odoo tests: addons $ADDONS on fresh database $DB (logs in $LOGDIR)"
dropdb --if-exists "$DB" >/dev/null 2>&1 || true
start=$(date +%s)

echo "== 1/3 install with demo data and Odoo's test runner"
set +e
TAGS=$(echo "$ADDONS" | sed -e 's#^#/#' -e 's#,#,/#g')
"${ODOO[@]}" -i "$ADDONS" --test-enable --test-tags="$TAGS" 2>&1 | tee "$LOGDIR/install.log" | grep -E " (WARNING|ERROR|CRITICAL) |odoo.tests.result|tests when loading|Workflow matrix" || true
rc_install=${PIPESTATUS[0]}
echo "== 2/3 upgrade of every addon with demo data"
"${ODOO[@]}" -u "$ADDONS" 2>&1 | tee "$LOGDIR/upgrade.log" | grep -E " (WARNING|ERROR|CRITICAL) " || true
rc_upgrade=${PIPESTATUS[0]}
set -e

status=0
"$PY" "$ROOT/scripts/lib/check_odoo_log.py" --counts "$LOGDIR/odoo-counts" \
    "$LOGDIR/install.log" "$LOGDIR/upgrade.log" || status=1
read -r odoo_passed odoo_failed < "$LOGDIR/odoo-counts"
[ "$rc_install" -eq 0 ] || { echo "install exited with $rc_install"; status=1; }
[ "$rc_upgrade" -eq 0 ] || { echo "upgrade exited with $rc_upgrade"; status=1; }
echo "== Odoo part took $(( $(date +%s) - start ))s"
# Odoo runner's tally as a plain line (a log problem without a failed test counts as one failure).
echo "odoo: $odoo_passed passed, $((odoo_failed + (status != 0 && odoo_failed == 0 ? 1 : 0))) failed"

echo "== 3/3 suite-level pytest-odoo tests"
CONF="$LOGDIR/pytest-odoo.conf"
cat > "$CONF" <<EOF
[options]
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_password = $PGPASSWORD
addons_path = $ADDONS_PATH
http_port = $PORT
EOF
set +e
"$PY" -m pytest -p no:cacheprovider tests/ --odoo-database="$DB" --odoo-config="$CONF" -q -rfE \
    2>&1 | tee "$LOGDIR/pytest.log"
rc_pytest=${PIPESTATUS[0]}
set -e
# pytest's closing line, e.g. "4 passed, 1 failed, 4 subtests passed in 2.3s".
summary=$(grep -E "[0-9]+ (passed|failed|error)" "$LOGDIR/pytest.log" | tail -n 1 || true)
py_passed=$(echo "$summary" | awk '{for (i = 2; i <= NF; i++) if ($i ~ /^passed/ && $(i-1) ~ /^[0-9]+$/) s += $(i-1)} END {print s + 0}')
py_failed=$(echo "$summary" | awk '{for (i = 2; i <= NF; i++) if ($i ~ /^(failed|error)/ && $(i-1) ~ /^[0-9]+$/) s += $(i-1)} END {print s + 0}')
if [ "$rc_pytest" -ne 0 ] && [ "$py_failed" -eq 0 ]; then py_failed=1; fi
echo "== took $(( $(date +%s) - start ))s; Odoo runner $odoo_passed passed, $odoo_failed failed; pytest-odoo $py_passed passed, $py_failed failed"
if [ "$status" -ne 0 ] || [ "$rc_pytest" -ne 0 ]; then
    echo "ttcp-odoo tests FAILED"
    echo "$((odoo_passed + py_passed)) passed, $((odoo_failed + py_failed + (status != 0 && odoo_failed == 0 ? 1 : 0))) failed"
    exit 1
fi
echo "$((odoo_passed + py_passed)) passed, 0 failed"
