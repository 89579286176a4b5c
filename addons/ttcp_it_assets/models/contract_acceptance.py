from odoo import api, fields, models
from odoo.exceptions import UserError


class ContractAcceptance(models.Model):
    _inherit = "ttcp.contract.acceptance"

    equipment_ids = fields.One2many("maintenance.equipment", "source_acceptance_id", "Registered assets")
    equipment_count = fields.Integer(compute="_compute_equipment_count")

    @api.depends("number", "date")
    def _compute_display_name(self):
        for acceptance in self:
            day = acceptance.date.strftime("%d/%m/%Y") if acceptance.date else ""
            acceptance.display_name = f"{acceptance.number} ({day})" if day else acceptance.number

    def _compute_equipment_count(self):
        counts = dict(
            self.env["maintenance.equipment"]
            .with_context(active_test=False)
            ._read_group([("source_acceptance_id", "in", self.ids)], ["source_acceptance_id"], ["__count"])
        )
        for acceptance in self:
            acceptance.equipment_count = counts.get(acceptance, 0)

    def action_register_assets(self):
        """Open the wizard that enters the accepted equipment into the registry."""
        self.ensure_one()
        if not self.id:
            raise UserError(self.env._("Save the acceptance record first."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Register accepted assets"),
            "res_model": "ttcp.asset.register.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_acceptance_id": self.id},
        }
