from odoo import api, fields, models
from odoo.exceptions import UserError


class AssetRegisterWizard(models.TransientModel):
    """Enter the equipment of a contract acceptance into the registry, warranty filled."""

    _name = "ttcp.asset.register.wizard"
    _description = "Register accepted assets"

    acceptance_id = fields.Many2one("ttcp.contract.acceptance", required=True, readonly=True)
    contract_id = fields.Many2one(related="acceptance_id.contract_id")
    acceptance_date = fields.Date(related="acceptance_id.date")
    warranty_months = fields.Integer(compute="_compute_warranty_months", store=True, readonly=False)
    site_id = fields.Many2one("ttcp.site", "Site")
    department_id = fields.Many2one("hr.department", "Holder department")
    line_ids = fields.One2many("ttcp.asset.register.wizard.line", "wizard_id", "Equipment")

    @api.depends("acceptance_id")
    def _compute_warranty_months(self):
        for wizard in self:
            wizard.warranty_months = wizard.acceptance_id.contract_id.warranty_months

    def action_register(self):
        self.ensure_one()
        if not self.line_ids:
            raise UserError(self.env._("Add at least one line of equipment."))
        vals_list = []
        for line in self.line_ids:
            serials = line._serials()
            quantity = len(serials) or line.quantity
            if quantity < 1:
                raise UserError(self.env._("Line %(name)s: the quantity must be at least 1.", name=line.name))
            if serials and line.quantity not in (0, 1, len(serials)):
                raise UserError(
                    self.env._(
                        "Line %(name)s: %(serials)s serial numbers for a quantity of %(quantity)s.",
                        name=line.name,
                        serials=len(serials),
                        quantity=line.quantity,
                    )
                )
            for index in range(quantity):
                vals_list.append(
                    {
                        "name": line.name,
                        "category_id": line.category_id.id,
                        "model": line.model or False,
                        "serial_no": serials[index] if serials else False,
                        "cost": line.unit_cost,
                        "partner_id": self.contract_id.partner_id.id,
                        "source_contract_id": self.contract_id.id,
                        "source_acceptance_id": self.acceptance_id.id,
                        "acceptance_date": self.acceptance_date,
                        "effective_date": self.acceptance_date,
                        "warranty_months": self.warranty_months,
                        "site_id": (line.site_id or self.site_id).id,
                        "department_id": self.department_id.id,
                        "equipment_assign_to": "department" if self.department_id else "other",
                        "asset_state": "in_use" if self.department_id else "in_stock",
                    }
                )
        duplicates = self.env["ttcp.asset.import.wizard"]._duplicate_serial_errors(
            [(index + 1, vals["serial_no"]) for index, vals in enumerate(vals_list)]
        )
        if duplicates:
            raise UserError("\n".join(duplicates))
        assets = self.env["maintenance.equipment"].create(vals_list)
        action = self.env["ir.actions.act_window"]._for_xml_id("ttcp_it_assets.action_asset_registry")
        action["domain"] = [("id", "in", assets.ids)]
        action["context"] = {}
        return action
