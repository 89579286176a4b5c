from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ContractAcceptance(models.Model):
    """An acceptance record (biên bản nghiệm thu) with the value accepted."""

    _name = "ttcp.contract.acceptance"
    _description = "Contract acceptance"
    _order = "contract_id, date, id"

    contract_id = fields.Many2one("ttcp.contract", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    number = fields.Char(required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    accepted_value = fields.Monetary(required=True)
    milestone_id = fields.Many2one(
        "ttcp.contract.milestone", domain="[('contract_id', '=', contract_id)]", ondelete="restrict"
    )
    is_final = fields.Boolean("Final acceptance")
    note = fields.Text()

    _sql_constraints = [
        (
            "value_positive",
            "CHECK (accepted_value > 0)",
            "The accepted value must be positive. / Giá trị nghiệm thu phải lớn hơn 0.",
        ),
    ]

    @api.constrains("accepted_value", "date", "milestone_id")
    def _check_acceptance(self):
        for acceptance in self:
            contract = acceptance.contract_id
            if contract.state not in ("signed", "in_progress", "accepted", "warranty"):
                raise ValidationError(self.env._("Only a signed contract can have acceptance records."))
            if acceptance.date > fields.Date.context_today(self):
                raise ValidationError(
                    self.env._("Acceptance %(number)s is dated in the future.", number=acceptance.number)
                )
            if contract.effective_date and acceptance.date < contract.effective_date:
                raise ValidationError(
                    self.env._(
                        "Acceptance %(number)s is dated before the contract took effect.",
                        number=acceptance.number,
                    )
                )
            if acceptance.milestone_id and acceptance.milestone_id.contract_id != contract:
                raise ValidationError(self.env._("The milestone belongs to another contract."))
            if contract.currency_id.compare_amounts(contract.accepted_value, contract.value_in_force) > 0:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: the accepted value would exceed its value in force.",
                        contract=contract.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _never_unlink(self):
        if self:
            raise UserError(self.env._("An acceptance record is never deleted."))
