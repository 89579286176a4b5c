from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ttcp_projects.models.workflow_mixin import ALL


class ContractAmendment(models.Model):
    """A contract amendment (phụ lục hợp đồng): value change and/or new end date.

    Once recorded an amendment is history (only its note stays free): a further
    change is a new amendment. It is the only way a signed contract's value in force
    and end date move.
    """

    _name = "ttcp.contract.amendment"
    _description = "Contract amendment"
    _inherit = ["ttcp.workflow.mixin"]
    _order = "contract_id, date, id"
    _workflow_state_field = None
    _workflow_locks = {
        None: {
            "contract_id",
            "number",
            "date",
            "decision",
            "value_change",
            "previous_end_date",
            "new_end_date",
        }
    }
    _workflow_free_fields = frozenset({"note"})
    _workflow_undeletable_states = ALL

    contract_id = fields.Many2one("ttcp.contract", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    number = fields.Char(required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    decision = fields.Char("Approving decision")
    value_change = fields.Monetary(help="Positive or negative change of the contract value.")
    previous_end_date = fields.Date(readonly=True)
    new_end_date = fields.Date()
    note = fields.Text()

    @api.constrains("contract_id", "value_change", "new_end_date", "date")
    def _check_amendment(self):
        for amendment in self:
            contract = amendment.contract_id
            if contract.state in ("draft", "liquidated", "cancelled"):
                raise ValidationError(self.env._("Only a signed, running contract can be amended."))
            if amendment.date > fields.Date.context_today(self):
                raise ValidationError(
                    self.env._("Amendment %(number)s is dated in the future.", number=amendment.number)
                )
            if contract.currency_id.compare_amounts(contract.value_in_force, 0) <= 0:
                raise ValidationError(
                    self.env._(
                        "Amendment %(number)s would bring the contract value to zero or below.",
                        number=amendment.number,
                    )
                )
            floor = contract.amount_paid + contract.advance_outstanding
            if contract.currency_id.compare_amounts(contract.value_in_force, floor) < 0:
                raise ValidationError(
                    self.env._(
                        "Amendment %(number)s would bring the contract value below what has been paid.",
                        number=amendment.number,
                    )
                )
            if contract.currency_id.compare_amounts(contract.value_in_force, contract.accepted_value) < 0:
                raise ValidationError(
                    self.env._(
                        "Amendment %(number)s would bring the contract value below what has been accepted.",
                        number=amendment.number,
                    )
                )
            if amendment.new_end_date and amendment.new_end_date < contract.effective_date:
                raise ValidationError(
                    self.env._(
                        "Amendment %(number)s ends the contract before it takes effect.",
                        number=amendment.number,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # The end date it replaces is read from the contract, never typed.
        vals_list = [{k: v for k, v in vals.items() if k != "previous_end_date"} for vals in vals_list]
        amendments = super().create(vals_list)
        for amendment in amendments.filtered("new_end_date"):
            contract = amendment.contract_id
            amendment._workflow_internal().write({"previous_end_date": contract.end_date})
            # A signed contract's end date is locked: only an amendment moves it.
            contract._workflow_internal().write({"end_date": amendment.new_end_date})
        return amendments

    @api.ondelete(at_uninstall=False)
    def _never_unlink(self):
        if self:
            raise UserError(
                self.env._("A contract amendment is never deleted: record a new amendment instead.")
            )
