from odoo import fields, models, tools
from odoo.tools import SQL

# Ids of the view: the kind's number * ID_BASE + the source row's id. Stable, and unlike a
# row_number() over the union they let PostgreSQL push a filter (the plan year) into each part.
ID_BASE = 10**10


class DisbursementAnalysis(models.Model):
    """Plan in force, scheduled milestones and paid amounts by project, source and month.

    A read-only SQL view for the finance pivot and the monthly cumulative chart
    (planned against paid). Rows belong to the capital plan year whose window
    holds them: January payments count for the previous year. A paid reversal is a
    'paid' row with its negative net amount, dated on its own payment and counted for
    its original's plan year, so the sums net.
    """

    _name = "ttcp.disbursement.analysis"
    _description = "Disbursement analysis"
    _auto = False
    _order = "date"

    date = fields.Date(readonly=True)
    year = fields.Integer("Plan year", readonly=True, aggregator=None)
    investment_project_id = fields.Many2one("ttcp.investment.project", "Project", readonly=True)
    funding_source_id = fields.Many2one("ttcp.funding.source", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    kind = fields.Selection(
        [("plan", "Plan in force"), ("scheduled", "Scheduled (milestones)"), ("paid", "Paid")],
        readonly=True,
        help="Group the chart by this to see the plan, the schedule and what is paid side by side.",
    )
    amount = fields.Monetary(readonly=True)
    plan_amount = fields.Monetary("Plan in force", readonly=True)
    scheduled_amount = fields.Monetary("Scheduled (milestones)", readonly=True)
    paid_amount = fields.Monetary("Paid", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT u.*
                  FROM (
                    SELECT 1 * %(id_base)s::bigint + cp.id AS id,
                           make_date(cp.year, 1, 1) AS date,
                           cp.year AS year,
                           cp.investment_project_id,
                           cp.funding_source_id,
                           cp.company_id,
                           p.currency_id,
                           'plan' AS kind,
                           cp.amount AS amount,
                           cp.amount AS plan_amount,
                           0.0 AS scheduled_amount,
                           0.0 AS paid_amount
                      FROM ttcp_capital_plan cp
                      JOIN ttcp_investment_project p ON p.id = cp.investment_project_id
                    UNION ALL
                    SELECT 2 * %(id_base)s::bigint + m.id,
                           m.planned_date,
                           EXTRACT(YEAR FROM m.planned_date - INTERVAL '1 month')::int,
                           c.investment_project_id,
                           c.funding_source_id,
                           c.company_id,
                           p.currency_id,
                           'scheduled',
                           m.amount,
                           0.0,
                           m.amount,
                           0.0
                      FROM ttcp_contract_milestone m
                      JOIN ttcp_contract c ON c.id = m.contract_id
                      JOIN ttcp_investment_project p ON p.id = c.investment_project_id
                     WHERE c.state NOT IN ('draft', 'cancelled')
                    UNION ALL
                    SELECT 3 * %(id_base)s::bigint + d.id,
                           d.paid_date,
                           cp.year,
                           cp.investment_project_id,
                           cp.funding_source_id,
                           cp.company_id,
                           p.currency_id,
                           'paid',
                           d.net_amount,
                           0.0,
                           0.0,
                           d.net_amount
                      FROM ttcp_disbursement d
                      JOIN ttcp_capital_plan cp ON cp.id = d.capital_plan_id
                      JOIN ttcp_investment_project p ON p.id = cp.investment_project_id
                     WHERE d.state = 'paid'
                  ) u
            )
                """,
                table=SQL.identifier(self._table),
                id_base=ID_BASE,
            )
        )
