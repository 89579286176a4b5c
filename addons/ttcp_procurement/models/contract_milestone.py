from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ContractMilestone(models.Model):
    """A payment milestone of a contract: what is planned to be paid and when."""

    _name = "ttcp.contract.milestone"
    _description = "Contract payment milestone"
    _order = "contract_id, planned_date, id"

    contract_id = fields.Many2one("ttcp.contract", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    name = fields.Char(required=True)
    planned_date = fields.Date(required=True)
    amount = fields.Monetary(required=True)
    acceptance_ids = fields.One2many("ttcp.contract.acceptance", "milestone_id")
    is_done = fields.Boolean("Accepted", compute="_compute_is_done", store=True)
    done_date = fields.Date(compute="_compute_is_done", store=True)

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK (amount >= 0)",
            "A milestone amount cannot be negative. / Giá trị mốc thanh toán không được âm.",
        ),
    ]

    @api.depends("acceptance_ids.date")
    def _compute_is_done(self):
        for milestone in self:
            dates = milestone.acceptance_ids.mapped("date")
            milestone.is_done = bool(dates)
            milestone.done_date = max(dates) if dates else False

    @api.constrains("amount", "contract_id")
    def _check_total(self):
        for contract in self.contract_id:
            if (
                contract.currency_id.compare_amounts(
                    sum(contract.milestone_ids.mapped("amount")), contract.value_in_force
                )
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "The milestones of contract %(contract)s add up to more than its value in force.",
                        contract=contract.display_name,
                    )
                )
