from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

# Each kind has a number that makes the view's ids unique and stable across queries:
# id = number * 10^10 + the source record's id (ttcp_procurement uses 3-5, ttcp_it_assets 6).
OVERDUE_KIND_NUMBERS = {"legal_step": 1, "milestone": 2}
OVERDUE_KINDS = [
    ("legal_step", "Late legal step"),
    ("milestone", "Late project milestone"),
]
KIND_ID_BASE = 10**10
# Amounts are in dong: the project's currency, else VND.
VND = "(SELECT id FROM res_currency WHERE name = 'VND')"


class OverdueItem(models.Model):
    """What is late across the suite, in one filterable list (the overdue panel).

    A read-only SQL view: the union of the queries each addon adds by extending
    ``_overdue_queries()`` (and ``kind`` with ``selection_add``). Each query selects the
    columns of :meth:`_overdue_columns`; the view is rebuilt when an addon is installed or
    updated, and reads today's date at query time.
    """

    _name = "ttcp.overdue.item"
    _description = "Overdue item"
    _auto = False
    _order = "due_date, id"
    _rec_name = "name"
    _depends = {
        "ttcp.investment.project": [
            "active",
            "stage",
            "next_step_due",
            "code",
            "name",
            "manager_id",
            "company_id",
            "project_id",
        ],
        "project.milestone": ["is_reached", "deadline", "name", "project_id"],
    }

    kind = fields.Selection(OVERDUE_KINDS, "What is late", readonly=True)
    name = fields.Char("Item", readonly=True)
    res_model = fields.Char("Document model", readonly=True)
    res_id = fields.Many2oneReference("Document", model_field="res_model", readonly=True)
    investment_project_id = fields.Many2one("ttcp.investment.project", "Project", readonly=True)
    due_date = fields.Date("Due", readonly=True)
    days_late = fields.Integer("Days late", readonly=True, aggregator="max")
    amount = fields.Monetary(readonly=True, help="The amount at stake, where there is one.")
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one("res.users", "Responsible", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    @api.model
    def _overdue_columns(self):
        return (
            "id, kind, name, res_model, res_id, investment_project_id, due_date, days_late, "
            "amount, currency_id, user_id, company_id"
        )

    @api.model
    def _overdue_queries(self):
        """SELECTs of the view, one per kind, each yielding ``_overdue_columns()``."""
        return [
            f"""
            SELECT {OVERDUE_KIND_NUMBERS["legal_step"]} * {KIND_ID_BASE}::bigint + p.id AS id,
                   'legal_step' AS kind,
                   COALESCE(p.code || ' – ', '') || p.name AS name,
                   'ttcp.investment.project' AS res_model, p.id AS res_id,
                   p.id AS investment_project_id, p.next_step_due AS due_date,
                   CURRENT_DATE - p.next_step_due AS days_late,
                   NULL::numeric AS amount,
                   COALESCE(p.currency_id, {VND}) AS currency_id,
                   p.manager_id AS user_id, p.company_id AS company_id
              FROM ttcp_investment_project p
              JOIN res_company c ON c.id = p.company_id
             WHERE p.active AND p.stage NOT IN ('closed', 'cancelled')
               AND p.next_step_due < CURRENT_DATE
            """,
            f"""
            SELECT {OVERDUE_KIND_NUMBERS["milestone"]} * {KIND_ID_BASE}::bigint + m.id AS id,
                   'milestone' AS kind,
                   COALESCE(p.code || ' – ', '') || m.name AS name,
                   'project.milestone' AS res_model, m.id AS res_id,
                   p.id AS investment_project_id, m.deadline AS due_date,
                   CURRENT_DATE - m.deadline AS days_late,
                   NULL::numeric AS amount,
                   COALESCE(p.currency_id, {VND}) AS currency_id,
                   p.manager_id AS user_id, p.company_id AS company_id
              FROM project_milestone m
              JOIN ttcp_investment_project p ON p.project_id = m.project_id
              JOIN res_company c ON c.id = p.company_id
             WHERE p.active AND p.stage NOT IN ('closed', 'cancelled')
               AND NOT m.is_reached AND m.deadline < CURRENT_DATE
            """,
        ]

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        columns = self._overdue_columns()
        parts = [f"SELECT {columns} FROM ({query}) AS part" for query in self._overdue_queries()]
        union = "\nUNION ALL\n".join(parts)
        # The parts are the addons' own SQL text (no user input): composed as SQL, not formatted.
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), SQL(union))  # pylint: disable=sql-injection
        )

    def action_open_document(self):
        """Open the late record itself."""
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(self.env._("The document of this item no longer exists."))
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
            "target": "current",
        }
