#!/usr/bin/env bash
# Local demo: a database with every ttcp addon and its demo data, in Vietnamese, served on
# http://localhost:8069. Needs Odoo 18.0 importable by python3 and PostgreSQL (the local
# Debian cluster is started if it is down). Settings: PGHOST PGPORT PGUSER PGPASSWORD,
# TTCP_DEMO_DB (ttcp_demo), TTCP_HTTP_PORT (8069), TTCP_SKIP_PIP=1, TTCP_PIP_FLAGS.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PY=${PYTHON:-python3}
if ! "$PY" -c "import odoo" >/dev/null 2>&1; then
    echo "ERROR: Odoo 18 is not importable by '$PY' (see README.md)." >&2
    exit 1
fi
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-odoo} PGPASSWORD=${PGPASSWORD:-odoo}
bash "$ROOT/scripts/lib/ensure-postgres.sh"
if [ "${TTCP_SKIP_PIP:-0}" != "1" ]; then
    # shellcheck disable=SC2086
    "$PY" -m pip install -q --disable-pip-version-check ${TTCP_PIP_FLAGS:-} -r requirements.txt
fi
ADDONS=$(for m in addons/*/__manifest__.py; do basename "$(dirname "$m")"; done | paste -sd, -)
ADDONS_PATH=$("$PY" "$ROOT/scripts/lib/addons_path.py" "$ROOT/addons")
DB=${TTCP_DEMO_DB:-ttcp_demo}
PORT=${TTCP_HTTP_PORT:-8069}
ODOO=("$PY" -m odoo -d "$DB" --db_host="$PGHOST" --db_port="$PGPORT" -r "$PGUSER" -w "$PGPASSWORD"
      --addons-path="$ADDONS_PATH" --http-port="$PORT" --gevent-port="$((PORT + 3))")

if ! psql -d postgres -Atqc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    echo "== Creating $DB with $ADDONS and demo data (a few minutes)"
    "${ODOO[@]}" -i "$ADDONS" --load-language=vi_VN --stop-after-init --log-level=warn
    "$PY" -m odoo shell "${ODOO[@]:3}" --log-level=warn <<'PY' >/dev/null
env["res.users"].search([("share", "=", False)]).write({"lang": "vi_VN"})
env["res.partner"].browse(env.ref("base.main_company").partner_id.id).lang = "vi_VN"
env.cr.commit()
PY
fi
echo "== Odoo with the ttcp suite: http://localhost:$PORT  login: admin  password: admin"
echo "   (demo users: board.manager, board.user, finance.officer, leadership.user, department.user, rules.admin; password = login)"
exec "${ODOO[@]}"
