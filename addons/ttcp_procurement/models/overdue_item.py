from odoo import api, fields, models

from odoo.addons.ttcp_projects.models.overdue_item import KIND_ID_BASE, VND

CONTRACT_OPEN = "('signed', 'in_progress')"


class OverdueItem(models.Model):
    """Contracts past their end date, late payment milestones, payments beyond acceptance."""

    _inherit = "ttcp.overdue.item"
    _depends = {
        "ttcp.contract": [
            "state",
            "end_date",
            "value",
            "accepted_value",
            "amount_paid",
            "number",
            "name",
            "investment_project_id",
            "company_id",
        ],
        "ttcp.contract.milestone": ["is_done", "planned_date", "amount", "name", "contract_id"],
    }

    kind = fields.Selection(
        selection_add=[
            ("contract_end", "Contract past its end date"),
            ("contract_milestone", "Late contract milestone"),
            ("payment_unaccepted", "Paid beyond the work accepted"),
        ]
    )

    @api.model
    def _overdue_queries(self):
        contract_project = """
              JOIN ttcp_contract k ON k.id = {alias}.contract_id
              LEFT JOIN ttcp_investment_project p ON p.id = k.investment_project_id
        """
        return super()._overdue_queries() + [
            f"""
            SELECT 3 * {KIND_ID_BASE}::bigint + k.id AS id, 'contract_end' AS kind,
                   COALESCE(k.number || ' – ', '') || k.name AS name,
                   'ttcp.contract' AS res_model, k.id AS res_id,
                   k.investment_project_id AS investment_project_id, k.end_date AS due_date,
                   CURRENT_DATE - k.end_date AS days_late,
                   k.value - COALESCE(k.accepted_value, 0) AS amount,
                   COALESCE(p.currency_id, {VND}) AS currency_id,
                   p.manager_id AS user_id, k.company_id AS company_id
              FROM ttcp_contract k
              JOIN res_company c ON c.id = k.company_id
              LEFT JOIN ttcp_investment_project p ON p.id = k.investment_project_id
             WHERE k.state IN {CONTRACT_OPEN} AND k.end_date < CURRENT_DATE
            """,
            f"""
            SELECT 4 * {KIND_ID_BASE}::bigint + m.id AS id, 'contract_milestone' AS kind,
                   COALESCE(k.number || ' – ', '') || m.name AS name,
                   'ttcp.contract' AS res_model, k.id AS res_id,
                   k.investment_project_id AS investment_project_id, m.planned_date AS due_date,
                   CURRENT_DATE - m.planned_date AS days_late,
                   m.amount AS amount,
                   COALESCE(p.currency_id, {VND}) AS currency_id,
                   p.manager_id AS user_id, k.company_id AS company_id
              FROM ttcp_contract_milestone m
              {contract_project.format(alias="m")}
              JOIN res_company c ON c.id = k.company_id
             WHERE k.state IN {CONTRACT_OPEN} AND NOT m.is_done AND m.planned_date < CURRENT_DATE
            """,
            f"""
            SELECT 5 * {KIND_ID_BASE}::bigint + k.id AS id, 'payment_unaccepted' AS kind,
                   COALESCE(k.number || ' – ', '') || k.name AS name,
                   'ttcp.contract' AS res_model, k.id AS res_id,
                   k.investment_project_id AS investment_project_id, NULL::date AS due_date,
                   NULL::integer AS days_late,
                   k.amount_paid - COALESCE(k.accepted_value, 0) AS amount,
                   COALESCE(p.currency_id, {VND}) AS currency_id,
                   p.manager_id AS user_id, k.company_id AS company_id
              FROM ttcp_contract k
              JOIN res_company c ON c.id = k.company_id
              LEFT JOIN ttcp_investment_project p ON p.id = k.investment_project_id
             WHERE k.state NOT IN ('draft', 'cancelled')
               AND k.amount_paid > COALESCE(k.accepted_value, 0) + 0.5
            """,
        ]
