#!/usr/bin/env bash
# Make PostgreSQL reachable for $PGUSER: start the local Debian cluster if it is down and
# create the role if missing (Odoo refuses to connect as 'postgres').
set -euo pipefail
PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-odoo} PGPASSWORD=${PGPASSWORD:-odoo}
local_host=0
case "$PGHOST" in localhost|127.0.0.1|::1|/*) local_host=1 ;; esac

if ! pg_isready -h "$PGHOST" -p "$PGPORT" -q 2>/dev/null; then
    if [ "$local_host" = 1 ] && command -v pg_lsclusters >/dev/null 2>&1; then
        read -r ver name _ < <(pg_lsclusters -h | head -n 1)
        echo "Starting PostgreSQL cluster $ver/$name"
        pg_ctlcluster "$ver" "$name" start
    fi
    for _ in $(seq 1 30); do
        pg_isready -h "$PGHOST" -p "$PGPORT" -q 2>/dev/null && break
        sleep 1
    done
fi
if ! pg_isready -h "$PGHOST" -p "$PGPORT" -q 2>/dev/null; then
    echo "ERROR: PostgreSQL is not reachable on $PGHOST:$PGPORT" >&2
    exit 1
fi
if ! PGPASSWORD=$PGPASSWORD psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -Atqc "select 1" >/dev/null 2>&1; then
    if [ "$local_host" = 1 ] && id postgres >/dev/null 2>&1; then
        echo "Creating PostgreSQL role $PGUSER"
        runuser -u postgres -- env -u PGHOST -u PGUSER -u PGPASSWORD -u PGDATABASE psql -p "$PGPORT" -qc \
            "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PGUSER') THEN
               CREATE ROLE \"$PGUSER\" LOGIN CREATEDB PASSWORD '$PGPASSWORD';
             ELSE ALTER ROLE \"$PGUSER\" LOGIN CREATEDB PASSWORD '$PGPASSWORD'; END IF; END\$\$;"
    else
        echo "ERROR: cannot log in to PostgreSQL as $PGUSER on $PGHOST:$PGPORT" >&2
        exit 1
    fi
fi
