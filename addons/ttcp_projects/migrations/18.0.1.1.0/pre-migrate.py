"""Issue 9: bring the seeded legal rules and holidays of an existing database in line.

The rule and holiday records are ``noupdate`` so that an administrator may correct them,
so an update does not reload them; yet the corrections of DOMAIN.md §3.4 must reach
existing databases, and the new periods (Decree 45/2026, Resolution 04/2025, Law
43/2013 for competitive shopping) cannot be created next to the old, overlapping ones.
Before the data files load, this script therefore writes the periods, bases, articles,
notes and sources of the seeded rules that still exist (both addons' files, read here)
and the corrected holidays; the seeded rules that no code reads are deleted. Rules an
administrator created by hand are left alone (one overlapping a new period would stop
the update with the overlap message: end it first).
"""

import logging
from pathlib import Path

from lxml import etree

_logger = logging.getLogger(__name__)

ADDONS = Path(__file__).resolve().parents[3]
FILES = {
    "ttcp_projects": ADDONS / "ttcp_projects" / "data" / "legal_rule_data.xml",
    "ttcp_procurement": ADDONS / "ttcp_procurement" / "data" / "legal_rule_data.xml",
}
COLUMNS = ("value", "date_from", "date_to", "legal_basis", "article", "note", "source")
REMOVED_CODES = (
    "project.warranty_security_percent",
    "disbursement.treasury_payment_working_days",
    "disbursement.treasury_advance_working_days",
    "procurement.owner_payment_days",
    "procurement.unit_head_purchase_max",
)
HOLIDAYS = {
    "holiday_2026_1": "2026-01-04 16:59:59",
    "holiday_2025_4": "2025-05-04 16:59:59",
}


def _xmlid_res_id(cr, module, name, model):
    cr.execute(
        "SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s AND model = %s",
        [module, name, model],
    )
    row = cr.fetchone()
    return row and row[0]


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE ttcp_legal_rule ADD COLUMN IF NOT EXISTS source varchar")
    cr.execute("UPDATE ttcp_legal_rule SET source = 'developer' WHERE source IS NULL")
    # Rules that no code reads.
    cr.execute("SELECT id FROM ttcp_legal_rule WHERE code IN %s", [REMOVED_CODES])
    removed = [row[0] for row in cr.fetchall()]
    if removed:
        cr.execute("DELETE FROM ttcp_legal_rule WHERE id IN %s", [tuple(removed)])
        cr.execute(
            "DELETE FROM ir_model_data WHERE model = 'ttcp.legal.rule' AND res_id IN %s", [tuple(removed)]
        )
    # The seeded rules: periods first (shortened before the new periods are created).
    for module, path in FILES.items():
        if not path.exists():
            continue
        for record in etree.parse(str(path)).getroot().iter("record"):
            res_id = _xmlid_res_id(cr, module, record.get("id"), "ttcp.legal.rule")
            if not res_id:
                continue
            values = {field.get("name"): field.text for field in record.iter("field")}
            assignments = {column: values.get(column) for column in COLUMNS if column != "value"}
            if values.get("value") is not None:
                assignments["value"] = values["value"]
            sql = ", ".join(f"{column} = %s" for column in assignments)
            cr.execute(f"UPDATE ttcp_legal_rule SET {sql} WHERE id = %s", [*assignments.values(), res_id])
    for name, date_to in HOLIDAYS.items():
        res_id = _xmlid_res_id(cr, "ttcp_projects", name, "resource.calendar.leaves")
        if res_id:
            cr.execute("UPDATE resource_calendar_leaves SET date_to = %s WHERE id = %s", [date_to, res_id])
    _logger.info("Issue 9: seeded legal rules and holidays corrected; %s unused rules removed", len(removed))
