from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

DECISION_TYPES = [
    ("policy", "Investment policy"),
    ("investment", "Investment decision"),
    ("adjustment", "Adjustment"),
    ("design", "Design approval"),
    ("selection_plan", "Contractor selection plan"),
    ("settlement", "Final settlement"),
    ("other", "Other"),
]
# Decision types that set or change the total investment: they need an amount.
AMOUNT_TYPES = ("investment", "adjustment", "settlement")


class ProjectDecision(models.Model):
    """A decision (quyết định) that ends a legal step of a project."""

    _name = "ttcp.project.decision"
    _description = "Project decision"
    _inherit = ["ttcp.workflow.mixin", "mail.thread"]
    _order = "date desc, id desc"
    # A decision is signed when it is recorded: what it decides never changes; a later
    # decision (an adjustment) corrects it.
    _workflow_state_field = None
    _workflow_locks = {None: {"investment_project_id", "decision_type", "number", "date", "signer", "amount"}}
    _workflow_free_fields = frozenset({"note", "document", "document_name"})
    _check_company_auto = True

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
    decision_type = fields.Selection(DECISION_TYPES, "Type", required=True, tracking=True)
    number = fields.Char(required=True, tracking=True, help="Số quyết định, e.g. 1865/QĐ-TTCP.")
    date = fields.Date(required=True, tracking=True, default=fields.Date.context_today)
    signer = fields.Char(tracking=True, help="Người ký.")
    amount = fields.Monetary(
        tracking=True,
        help="Total investment approved (investment decision), new total after an "
        "adjustment, or the settled value.",
    )
    document = fields.Binary("Scan", attachment=True, copy=False)
    document_name = fields.Char("Scan file name")
    note = fields.Text()

    _sql_constraints = [
        (
            "number_project_unique",
            "UNIQUE (investment_project_id, number)",
            "This decision number is already recorded for the project. / Số quyết định đã có trong dự án.",
        ),
        (
            "amount_positive",
            "CHECK (amount >= 0)",
            "A decision's amount cannot be negative. / Giá trị quyết định không được âm.",
        ),
    ]

    @api.depends("number", "date")
    def _compute_display_name(self):
        for decision in self:
            date = decision.date and decision.date.strftime("%d/%m/%Y") or ""
            decision.display_name = f"{decision.number or ''} ({date})"

    @api.constrains("decision_type", "amount")
    def _check_amount(self):
        for decision in self:
            if decision.decision_type in AMOUNT_TYPES and decision.amount <= 0:
                raise ValidationError(
                    self.env._(
                        "Decision %(number)s sets an amount: enter it (greater than zero).",
                        number=decision.number,
                    )
                )

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for decision in self:
            if decision.date > today:
                raise ValidationError(
                    self.env._(
                        "Decision %(number)s is dated %(date)s, in the future.",
                        number=decision.number,
                        date=decision.date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        decisions = super().create(vals_list)
        decisions.investment_project_id._check_stage_requirements()
        return decisions

    def write(self, vals):
        projects = self.investment_project_id
        res = super().write(vals)
        (projects | self.investment_project_id)._check_stage_requirements()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_proposal(self):
        for decision in self:
            if decision.investment_project_id.stage != "proposal":
                raise UserError(
                    self.env._(
                        "Decision %(number)s belongs to project %(project)s, which has passed "
                        "the proposal stage: approved decisions are never deleted. Correct it or "
                        "record an adjusting decision.",
                        number=decision.number,
                        project=decision.investment_project_id.display_name,
                    )
                )
