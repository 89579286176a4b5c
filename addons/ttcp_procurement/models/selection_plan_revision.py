from odoo import fields, models


class SelectionPlanRevision(models.Model):
    """An approved version of a selection plan, kept when the plan is adjusted."""

    _name = "ttcp.selection.plan.revision"
    _description = "Selection plan earlier version"
    _order = "plan_id, id desc"

    plan_id = fields.Many2one("ttcp.selection.plan", required=True, index=True, ondelete="cascade")
    currency_id = fields.Many2one(related="plan_id.currency_id")
    decision_number = fields.Char("Approving decision", readonly=True)
    approval_date = fields.Date(readonly=True)
    amount_total = fields.Monetary("Total package price", readonly=True)
    content = fields.Html("Approved packages", readonly=True, sanitize=False)
    reason = fields.Text("Reason for the adjustment")
