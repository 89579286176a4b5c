from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class Site(models.Model):
    """A place where the agency keeps IT equipment (trụ sở, điểm đặt thiết bị)."""

    _name = "ttcp.site"
    _description = "IT site"
    _parent_store = True
    _order = "complete_name, id"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used in asset labels, e.g. HQ, BTCD, C3.")
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    parent_id = fields.Many2one("ttcp.site", "Parent site", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("ttcp.site", "parent_id", "Sub-sites")
    address = fields.Text()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
    equipment_ids = fields.One2many("maintenance.equipment", "site_id", "Equipment")
    equipment_count = fields.Integer(compute="_compute_equipment_count")
    note = fields.Text()

    _sql_constraints = [
        (
            "code_company_unique",
            "UNIQUE (code, company_id)",
            "The site code must be unique. / Mã địa điểm đã tồn tại.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for site in self:
            if site.parent_id:
                site.complete_name = f"{site.parent_id.complete_name} / {site.name}"
            else:
                site.complete_name = site.name

    def _compute_equipment_count(self):
        counts = dict(
            self.env["maintenance.equipment"]._read_group(
                [("site_id", "child_of", self.ids)], ["site_id"], ["__count"]
            )
        )
        for site in self:
            site.equipment_count = sum(
                count for child, count in counts.items() if child.parent_path.startswith(site.parent_path)
            )

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A site cannot be inside itself."))

    @api.ondelete(at_uninstall=False)
    def _unlink_without_equipment(self):
        equipment = self.env["maintenance.equipment"].with_context(active_test=False)
        if equipment.search_count([("site_id", "in", self.ids)], limit=1):
            raise UserError(self.env._("A site that holds or held equipment is archived, not deleted."))

    def action_view_equipment(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ttcp_it_assets.action_asset_registry")
        action["domain"] = [("site_id", "child_of", self.id)]
        action["context"] = {"default_site_id": self.id}
        return action
