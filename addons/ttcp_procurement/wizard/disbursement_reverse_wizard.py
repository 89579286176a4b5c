from odoo import fields, models


class DisbursementReverseWizard(models.TransientModel):
    """Ask the reason, then create the reversal of a paid disbursement."""

    _name = "ttcp.disbursement.reverse.wizard"
    _description = "Reverse a paid disbursement"

    disbursement_id = fields.Many2one("ttcp.disbursement", required=True, readonly=True)
    currency_id = fields.Many2one(related="disbursement_id.currency_id")
    amount = fields.Monetary(related="disbursement_id.amount")
    net_amount = fields.Monetary(related="disbursement_id.net_amount")
    paid_date = fields.Date(related="disbursement_id.paid_date")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        return self.disbursement_id.action_reverse(self.reason)
