#!/usr/bin/env bash
# Local demo: a database with every ttcp addon and its demo data, in Vietnamese, served on
# http://localhost:8069. Needs Odoo 18.0 importable by python3 and PostgreSQL (the local
# Debian cluster is started if it is down, the role created if missing).
# The database is created on the first run; later runs upgrade the ttcp addons in it (so the
# demo follows the code) and keep what was entered. TTCP_DEMO_RESET=1 drops and recreates it;
# so does a database where some ttcp addon is not installed (an earlier run that failed).
# Settings: PGHOST PGPORT PGUSER PGPASSWORD (localhost 5432 odoo odoo), TTCP_DEMO_DB (ttcp_demo),
# TTCP_HTTP_PORT (8069), TTCP_DEMO_RESET=1, TTCP_SKIP_PIP=1, TTCP_PIP_FLAGS.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PY=${PYTHON:-python3}
if ! "$PY" -c "import odoo" >/dev/null 2>&1; then
    echo "ERROR: Odoo 18 is not importable by '$PY' (see README.md)." >&2
    exit 1
fi
SERIE=$("$PY" -c "import odoo.release as r; print(r.serie)")
if [ "$SERIE" != "18.0" ]; then
    echo "ERROR: Odoo $SERIE found; this suite needs Odoo 18.0." >&2
    exit 1
fi
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-odoo} PGPASSWORD=${PGPASSWORD:-odoo}
bash "$ROOT/scripts/lib/ensure-postgres.sh"
if [ "${TTCP_SKIP_PIP:-0}" != "1" ]; then
    PY=$PY bash "$ROOT/scripts/lib/pip-install.sh" requirements.txt
fi
ADDONS=$(for m in addons/*/__manifest__.py; do if [ -e "$m" ]; then basename "$(dirname "$m")"; fi; done | paste -sd, -)
if [ -z "$ADDONS" ]; then
    echo "ERROR: no addon found under addons/ (no addons/*/__manifest__.py)." >&2
    exit 1
fi
N_ADDONS=$(echo "$ADDONS" | tr ',' '\n' | wc -l)
ADDONS_PATH=$("$PY" "$ROOT/scripts/lib/addons_path.py" "$ROOT/addons")
DB=${TTCP_DEMO_DB:-ttcp_demo}
PORT=${TTCP_HTTP_PORT:-8069}
ODOO=("$PY" -m odoo -d "$DB" --db_host="$PGHOST" --db_port="$PGPORT" -r "$PGUSER" -w "$PGPASSWORD"
      --addons-path="$ADDONS_PATH" --http-port="$PORT" --gevent-port="$((PORT + 3))")

installed=-1
if psql -d postgres -Atqc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    in_list=$(echo "$ADDONS" | sed "s/^/'/; s/,/','/g; s/\$/'/")
    installed=$(psql -d "$DB" -Atqc "select count(*) from ir_module_module
                                      where state = 'installed' and name in ($in_list)" 2>/dev/null || echo 0)
    if [ "${TTCP_DEMO_RESET:-0}" = "1" ] || [ "$installed" != "$N_ADDONS" ]; then
        echo "== Dropping $DB to create it anew"
        dropdb "$DB"
        installed=-1
    fi
fi

if [ "$installed" = "-1" ]; then
    echo "== Creating $DB with $ADDONS and demo data, in Vietnamese (a few minutes)"
    "${ODOO[@]}" -i "$ADDONS" --load-language=vi_VN --stop-after-init --log-level=warn
    "$PY" -m odoo shell "${ODOO[@]:3}" --log-level=warn <<'PY' >/dev/null
env["res.users"].search([("share", "=", False)]).write({"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"})
env["res.partner"].browse(env.ref("base.main_company").partner_id.id).lang = "vi_VN"
env.cr.commit()
PY
else
    echo "== Upgrading $ADDONS in the existing $DB (TTCP_DEMO_RESET=1 recreates it)"
    "${ODOO[@]}" -u "$ADDONS" --stop-after-init --log-level=warn
fi
echo "== Odoo with the ttcp suite: http://localhost:$PORT  login: admin  password: admin"
echo "   (demo users: board.manager, board.user, finance.officer, leadership.user, department.user, rules.admin; password = login)"
exec "${ODOO[@]}"
