from odoo import api, fields, models


class CapitalPlan(models.Model):
    _inherit = "ttcp.capital.plan"

    disbursement_ids = fields.One2many("ttcp.disbursement", "capital_plan_id", "Disbursements")

    @api.depends("disbursement_ids.state", "disbursement_ids.net_amount")
    def _compute_amount_disbursed(self):
        groups = self.env["ttcp.disbursement"]._read_group(
            [("capital_plan_id", "in", self.ids), ("state", "=", "paid")],
            ["capital_plan_id"],
            ["net_amount:sum"],
        )
        paid = {plan.id: amount for plan, amount in groups}
        for plan in self:
            plan.amount_disbursed = paid.get(plan.id, 0.0)
