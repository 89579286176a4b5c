#!/usr/bin/env bash
# Entry point of the docker-compose 'odoo-prod' service (official odoo:18.0 image, user odoo):
# writes the configuration from config/odoo-prod.conf.template and the environment, installs
# the runtime requirements, then starts Odoo in multi-worker mode behind the nginx proxy.
set -euo pipefail
: "${ODOO_MASTER_PASSWORD:?set ODOO_MASTER_PASSWORD (the database master password) in the environment}"
if [ "${ODOO_MASTER_PASSWORD}" = "admin" ] || [ "${#ODOO_MASTER_PASSWORD}" -lt 12 ]; then
    echo "ODOO_MASTER_PASSWORD must not be 'admin' and must have at least 12 characters" >&2
    exit 1
fi
export ODOO_DB_PASSWORD=${ODOO_DB_PASSWORD:-odoo} ODOO_DB_NAME=${ODOO_DB_NAME:-ttcp} ODOO_WORKERS=${ODOO_WORKERS:-5}
conf=/var/lib/odoo/odoo-prod.conf
python3 - "$conf" <<'PY'
import os, string, sys
template = open("/opt/ttcp/config/odoo-prod.conf.template", encoding="utf-8").read()
with open(sys.argv[1], "w", encoding="utf-8") as handle:
    handle.write(string.Template(template).substitute(os.environ))
os.chmod(sys.argv[1], 0o600)
PY
export PATH="$HOME/.local/bin:$PATH"
python3 -m pip install -q --user --break-system-packages --disable-pip-version-check -r /opt/ttcp/requirements.txt
# First start: install the suite (no demo data) into the production database.
if ! PGPASSWORD=$ODOO_DB_PASSWORD psql -h db -U odoo -d "$ODOO_DB_NAME" -Atc \
        "select 1 from ir_module_module where name = 'ttcp_it_assets' and state = 'installed'" 2>/dev/null | grep -q 1; then
    odoo -c "$conf" -d "$ODOO_DB_NAME" -i ttcp_projects,ttcp_procurement,ttcp_it_assets \
        --stop-after-init --workers=0 --without-demo=all
fi
exec odoo -c "$conf"
