from odoo import fields, models
from odoo.exceptions import UserError


class ProjectCancelWizard(models.TransientModel):
    _name = "ttcp.project.cancel.wizard"
    _description = "Cancel an investment project"

    investment_project_id = fields.Many2one("ttcp.investment.project", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason for cancelling the project."))
        self.investment_project_id.write({"stage": "cancelled", "cancel_reason": self.reason})
        return {"type": "ir.actions.act_window_close"}
