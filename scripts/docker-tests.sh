#!/usr/bin/env bash
# Entry point of the docker-compose 'tests' service: the whole suite on a fresh database.
set -euo pipefail
export TTCP_PIP_FLAGS="--user --break-system-packages" PGHOST=db PGUSER=odoo PGPASSWORD=odoo
export PATH="$HOME/.local/bin:$PATH" TTCP_LOG_DIR=/tmp/ttcp-logs
# The repository is mounted read-only; work on a copy so logs and caches can be written.
cp -r /opt/ttcp /tmp/ttcp
exec bash /tmp/ttcp/scripts/run-tests.sh
