from odoo import api, fields, models

from odoo.addons.ttcp_projects.models.overdue_item import KIND_ID_BASE, VND

SUPPORTED_STATES = "('in_use', 'lent', 'under_repair')"


class OverdueItem(models.Model):
    """Assets in service with neither a running warranty nor a covering maintenance contract."""

    _inherit = "ttcp.overdue.item"
    _depends = {
        "maintenance.equipment": [
            "active",
            "asset_state",
            "warranty_end",
            "maintenance_contract_id",
            "asset_code",
            "name",
            "technician_user_id",
            "company_id",
            "source_contract_id",
        ],
    }

    kind = fields.Selection(selection_add=[("asset_unsupported", "Asset with neither warranty nor contract")])

    @api.model
    def _overdue_queries(self):
        return super()._overdue_queries() + [
            f"""
            SELECT 6 * {KIND_ID_BASE}::bigint + e.id AS id, 'asset_unsupported' AS kind,
                   COALESCE('[' || e.asset_code || '] ', '') || (e.name->>'en_US') AS name,
                   'maintenance.equipment' AS res_model, e.id AS res_id,
                   k.investment_project_id AS investment_project_id, e.warranty_end AS due_date,
                   CURRENT_DATE - e.warranty_end AS days_late,
                   NULL::numeric AS amount,
                   {VND} AS currency_id,
                   e.technician_user_id AS user_id, e.company_id AS company_id
              FROM maintenance_equipment e
              JOIN res_company c ON c.id = e.company_id
              LEFT JOIN ttcp_contract k ON k.id = e.source_contract_id
             WHERE e.active AND e.asset_state IN {SUPPORTED_STATES}
               AND (e.warranty_end IS NULL OR e.warranty_end < CURRENT_DATE)
               AND e.maintenance_contract_id IS NULL
            """
        ]
