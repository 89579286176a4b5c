from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CapitalPlan(models.Model):
    """The capital allocated to a project for a year from one funding source."""

    _name = "ttcp.capital.plan"
    _description = "Annual capital plan"
    _inherit = ["ttcp.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "year desc, investment_project_id, funding_source_id"
    _workflow_state_field = None
    # Once the plan is adjusted or paid from, the allocation decision and what the plan is
    # for are history: a change is a new adjustment.
    _ALLOCATION_FIELDS = frozenset(
        {
            "investment_project_id",
            "year",
            "funding_source_id",
            "amount_allocated",
            "allocation_decision",
            "allocation_date",
        }
    )
    _check_company_auto = True
    _ttcp_year_fields = ("year",)

    investment_project_id = fields.Many2one(
        "ttcp.investment.project",
        "Project",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(related="investment_project_id.company_id", store=True)
    currency_id = fields.Many2one(related="investment_project_id.currency_id")
    department_id = fields.Many2one(
        related="investment_project_id.department_id", store=True, string="Implementing unit"
    )
    year = fields.Integer(required=True, tracking=True)
    funding_source_id = fields.Many2one(
        "ttcp.funding.source", required=True, ondelete="restrict", tracking=True
    )
    amount_allocated = fields.Monetary(
        "Allocated", required=True, tracking=True, help="Amount first allocated for the year."
    )
    allocation_decision = fields.Char(
        "Allocation decision", tracking=True, help="Number of the allocating decision."
    )
    allocation_date = fields.Date(tracking=True)
    adjustment_ids = fields.One2many("ttcp.capital.plan.adjustment", "plan_id", "Adjustments")
    amount = fields.Monetary(
        "Plan in force",
        compute="_compute_amount",
        store=True,
        tracking=True,
        help="Allocated amount plus every adjustment.",
    )
    amount_disbursed = fields.Monetary(
        "Disbursed",
        compute="_compute_amount_disbursed",
        store=True,
        help="Paid against this plan; filled by the procurement addon.",
    )
    disbursement_rate = fields.Float(
        "Disbursement rate (%)",
        compute="_compute_disbursement_rate",
        store=True,
        aggregator="avg",
        digits=(5, 2),
    )

    _sql_constraints = [
        (
            "project_year_source_unique",
            "UNIQUE (investment_project_id, year, funding_source_id)",
            "A project has one capital plan per year and funding source. / "
            "Mỗi dự án chỉ có một kế hoạch vốn cho mỗi năm và nguồn vốn.",
        ),
        (
            "allocated_positive",
            "CHECK (amount_allocated >= 0)",
            "The allocated amount cannot be negative. / Số vốn giao không được âm.",
        ),
        (
            "year_range",
            "CHECK (year BETWEEN 1990 AND 2100)",
            "The plan year must be between 1990 and 2100. / Năm kế hoạch phải từ 1990 đến 2100.",
        ),
    ]

    @api.depends("investment_project_id.code", "year", "funding_source_id.code")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = (
                f"{plan.investment_project_id.code or ''} / {plan.year} / {plan.funding_source_id.code or ''}"
            )

    @api.depends("amount_allocated", "adjustment_ids.amount_change")
    def _compute_amount(self):
        for plan in self:
            plan.amount = plan.amount_allocated + sum(plan.adjustment_ids.mapped("amount_change"))

    def _compute_amount_disbursed(self):
        # The procurement addon overrides this with the paid disbursements.
        for plan in self:
            plan.amount_disbursed = 0.0

    @api.depends("amount", "amount_disbursed")
    def _compute_disbursement_rate(self):
        for plan in self:
            plan.disbursement_rate = plan.amount_disbursed / plan.amount * 100.0 if plan.amount else 0.0

    @api.constrains("amount", "amount_disbursed")
    def _check_amount_in_force(self):
        for plan in self:
            if plan.currency_id.compare_amounts(plan.amount, 0.0) < 0:
                raise ValidationError(
                    self.env._(
                        "Capital plan %(plan)s would fall below zero after its adjustments.",
                        plan=plan.display_name,
                    )
                )
            if plan.currency_id.compare_amounts(plan.amount, plan.amount_disbursed) < 0:
                raise ValidationError(
                    self.env._(
                        "Capital plan %(plan)s cannot be reduced below what has already been "
                        "disbursed (%(paid)s).",
                        plan=plan.display_name,
                        paid=plan.amount_disbursed,
                    )
                )

    def _workflow_locked_fields(self):
        self.ensure_one()
        return self._ALLOCATION_FIELDS if self._has_history() else set()

    def _has_history(self):
        """Adjusted or paid from (the procurement addon adds its disbursements)."""
        self.ensure_one()
        return bool(self.adjustment_ids) or bool(self.amount_disbursed)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_untouched(self):
        for plan in self:
            if plan.adjustment_ids or plan.amount_disbursed:
                raise UserError(
                    self.env._(
                        "Capital plan %(plan)s has adjustments or disbursements: it cannot be "
                        "deleted. Adjust it to zero instead.",
                        plan=plan.display_name,
                    )
                )
