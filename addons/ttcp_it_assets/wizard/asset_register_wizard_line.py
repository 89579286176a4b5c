from odoo import fields, models


class AssetRegisterWizardLine(models.TransientModel):
    _name = "ttcp.asset.register.wizard.line"
    _description = "Register accepted assets: line"

    wizard_id = fields.Many2one("ttcp.asset.register.wizard", required=True, ondelete="cascade")
    name = fields.Char("Equipment name", required=True)
    category_id = fields.Many2one("maintenance.equipment.category", required=True)
    model = fields.Char()
    quantity = fields.Integer(default=1)
    serial_numbers = fields.Text(help="One serial number per line; their count is the quantity.")
    unit_cost = fields.Float()
    site_id = fields.Many2one("ttcp.site", "Site")

    def _serials(self):
        self.ensure_one()
        return [serial.strip() for serial in (self.serial_numbers or "").splitlines() if serial.strip()]
