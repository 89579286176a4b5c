#!/usr/bin/env bash
# Entry point of the docker-compose 'odoo' service (official odoo:18.0 image, user odoo).
set -euo pipefail
export TTCP_PIP_FLAGS="--user --break-system-packages" PGHOST=db PGUSER=odoo PGPASSWORD=odoo
export PATH="$HOME/.local/bin:$PATH"
exec bash /opt/ttcp/scripts/run-demo.sh
