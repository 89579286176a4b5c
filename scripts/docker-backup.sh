#!/usr/bin/env bash
# Entry point of the docker-compose 'backup' service (postgres image): every BACKUP_INTERVAL
# seconds, a custom-format dump of the database and a tarball of its filestore into /backups,
# keeping the newest BACKUP_KEEP of each. Restore: pg_restore -d <db> <dump>; untar the filestore
# into /var/lib/odoo/filestore/<db>.
set -euo pipefail
: "${PGPASSWORD:?}" "${ODOO_DB_NAME:=ttcp}"
interval=${BACKUP_INTERVAL:-86400} keep=${BACKUP_KEEP:-14}
mkdir -p /backups
while true; do
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    pg_dump -h db -U odoo -Fc -f "/backups/${ODOO_DB_NAME}_${stamp}.dump" "$ODOO_DB_NAME"
    if [ -d "/filestore/filestore/${ODOO_DB_NAME}" ]; then
        tar -C "/filestore/filestore" -czf "/backups/${ODOO_DB_NAME}_${stamp}_filestore.tar.gz" "$ODOO_DB_NAME"
    fi
    for pattern in "${ODOO_DB_NAME}_*.dump" "${ODOO_DB_NAME}_*_filestore.tar.gz"; do
        # shellcheck disable=SC2012
        ls -1t /backups/$pattern 2>/dev/null | tail -n +"$((keep + 1))" | xargs -r rm -f
    done
    echo "backup ${stamp} done"
    sleep "$interval"
done
