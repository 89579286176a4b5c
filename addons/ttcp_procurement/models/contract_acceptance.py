from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ttcp_projects.models.workflow_mixin import ALL

# What an acceptance record states; once recorded it is history, corrected by a
# correcting acceptance (only its note stays free).
ACCEPTANCE_LOCKED = frozenset(
    {"contract_id", "number", "date", "accepted_value", "milestone_id", "is_final", "correction_of_id"}
)


class ContractAcceptance(models.Model):
    """An acceptance record (biên bản nghiệm thu) with the value accepted.

    A recorded acceptance is never edited nor deleted. A mistake is corrected by a
    *correcting acceptance* (``correction_of_id``) carrying the change of value, which
    may be negative, and its reason: the contract's accepted value nets.
    """

    _name = "ttcp.contract.acceptance"
    _description = "Contract acceptance"
    _inherit = ["ttcp.workflow.mixin"]
    _order = "contract_id, date, id"
    _workflow_state_field = None
    _workflow_locks = {None: ACCEPTANCE_LOCKED}
    _workflow_free_fields = frozenset({"note"})
    _workflow_undeletable_states = ALL

    contract_id = fields.Many2one("ttcp.contract", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    number = fields.Char(required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    accepted_value = fields.Monetary(
        required=True, help="The value accepted; for a correcting acceptance, the change (may be negative)."
    )
    milestone_id = fields.Many2one(
        "ttcp.contract.milestone", domain="[('contract_id', '=', contract_id)]", ondelete="restrict"
    )
    is_final = fields.Boolean("Final acceptance")
    correction_of_id = fields.Many2one(
        "ttcp.contract.acceptance",
        "Corrects",
        index=True,
        ondelete="restrict",
        domain="[('contract_id', '=', contract_id), ('correction_of_id', '=', False)]",
        help="The acceptance record this one corrects; its value is the change, its note the reason.",
    )
    correction_ids = fields.One2many("ttcp.contract.acceptance", "correction_of_id", "Corrections")
    note = fields.Text()

    _sql_constraints = [
        (
            "value_positive",
            "CHECK (accepted_value > 0 OR (correction_of_id IS NOT NULL AND accepted_value <> 0))",
            "The accepted value must be positive; only a correcting acceptance carries a negative "
            "change. / Giá trị nghiệm thu phải lớn hơn 0; chỉ biên bản nghiệm thu điều chỉnh mới "
            "được ghi giá trị giảm (số âm).",
        ),
    ]

    @api.constrains("contract_id", "date", "accepted_value", "milestone_id", "correction_of_id")
    def _check_acceptance(self):
        """An acceptance lies within its contract's life and value in force."""
        today = fields.Date.context_today(self)
        for acceptance in self:
            contract = acceptance.contract_id
            cur = contract.currency_id
            if acceptance.date > today:
                raise ValidationError(
                    self.env._("Acceptance %(number)s is dated in the future.", number=acceptance.number)
                )
            if not contract.effective_date or acceptance.date < contract.effective_date:
                raise ValidationError(
                    self.env._(
                        "Acceptance %(number)s is dated before the contract took effect.",
                        number=acceptance.number,
                    )
                )
            if contract.liquidation_date and acceptance.date > contract.liquidation_date:
                raise ValidationError(
                    self.env._(
                        "Acceptance %(number)s is dated after the contract was liquidated.",
                        number=acceptance.number,
                    )
                )
            if acceptance.milestone_id and acceptance.milestone_id.contract_id != contract:
                raise ValidationError(self.env._("The milestone belongs to another contract."))
            original = acceptance.correction_of_id
            if original:
                if original == acceptance or original.correction_of_id or original.contract_id != contract:
                    raise ValidationError(
                        self.env._(
                            "Acceptance %(number)s corrects an acceptance record of the same contract "
                            "that is not itself a correction.",
                            number=acceptance.number,
                        )
                    )
                if acceptance.date < original.date:
                    raise ValidationError(
                        self.env._(
                            "Acceptance %(number)s is dated before the acceptance it corrects.",
                            number=acceptance.number,
                        )
                    )
                corrected = original.accepted_value + sum(original.correction_ids.mapped("accepted_value"))
                if cur.compare_amounts(corrected, 0) < 0:
                    raise ValidationError(
                        self.env._(
                            "Acceptance %(number)s would bring the value accepted by %(original)s "
                            "below zero.",
                            number=acceptance.number,
                            original=original.number,
                        )
                    )
            if cur.compare_amounts(contract.accepted_value, contract.value_in_force) > 0:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: the accepted value would exceed its value in force.",
                        contract=contract.display_name,
                    )
                )

    @api.constrains("correction_of_id", "note")
    def _check_correction_reason(self):
        for acceptance in self:
            if acceptance.correction_of_id and not (acceptance.note or "").strip():
                raise ValidationError(
                    self.env._(
                        "Acceptance %(number)s corrects %(original)s: give the reason in the note.",
                        number=acceptance.number,
                        original=acceptance.correction_of_id.number,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        acceptances = super().create(vals_list)
        for acceptance in acceptances:
            if acceptance.contract_id.state not in ("signed", "in_progress", "accepted", "warranty"):
                raise ValidationError(self.env._("Only a signed contract can have acceptance records."))
        return acceptances

    @api.ondelete(at_uninstall=False)
    def _never_unlink(self):
        if self:
            raise UserError(self.env._("An acceptance record is never deleted."))
