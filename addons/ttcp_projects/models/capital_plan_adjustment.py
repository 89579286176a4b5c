from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .workflow_mixin import ALL


class CapitalPlanAdjustment(models.Model):
    """A change to a year's capital plan, with the decision that made it."""

    _name = "ttcp.capital.plan.adjustment"
    _description = "Capital plan adjustment"
    _inherit = ["ttcp.workflow.mixin"]
    _order = "date, id"
    # An adjustment is a decision: recorded once, corrected by a later adjustment.
    _workflow_state_field = None
    _workflow_locks = {None: ALL}
    _workflow_undeletable_states = ALL

    plan_id = fields.Many2one(
        "ttcp.capital.plan", "Capital plan", required=True, index=True, ondelete="restrict"
    )
    currency_id = fields.Many2one(related="plan_id.currency_id")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    date = fields.Date("Decision date", required=True, default=fields.Date.context_today)
    decision_number = fields.Char(required=True, help="Số quyết định điều chỉnh kế hoạch vốn.")
    amount_change = fields.Monetary(
        "Change", required=True, help="Positive to add capital, negative to withdraw it."
    )
    reason = fields.Text()

    @api.constrains("amount_change", "plan_id")
    def _check_amount_change(self):
        # The plan's own constraint does not run when only its computed amount changes.
        self.plan_id._check_amount_in_force()
        for adjustment in self:
            if adjustment.currency_id.is_zero(adjustment.amount_change):
                raise ValidationError(self.env._("An adjustment must change the plan by some amount."))

    @api.constrains("date", "plan_id")
    def _check_date(self):
        for adjustment in self:
            if adjustment.date > fields.Date.context_today(self):
                raise ValidationError(
                    self.env._(
                        "Adjustment %(number)s is dated in the future.", number=adjustment.decision_number
                    )
                )
