from odoo import api, fields, models
from odoo.exceptions import UserError

ASSET_KINDS = [
    ("desktop", "Desktop computer"),
    ("laptop", "Laptop"),
    ("server", "Server"),
    ("switch", "Switch"),
    ("router", "Router"),
    ("firewall", "Firewall"),
    ("load_balancer", "Load balancer"),
    ("storage", "Storage"),
    ("printer", "Printer"),
    ("usb_token", "USB token"),
    ("video_conference", "Video conference"),
    ("software_licence", "Software licence"),
    ("other", "Other"),
]
REPEAT_UNITS = [("day", "Days"), ("week", "Weeks"), ("month", "Months"), ("year", "Years")]


class MaintenanceEquipmentCategory(models.Model):
    _inherit = "maintenance.equipment.category"

    asset_kind = fields.Selection(ASSET_KINDS, "Kind of asset", default="other", required=True)
    code_prefix = fields.Char(
        "Asset code prefix", help="Asset codes of this category are the prefix and a running number."
    )
    sequence_id = fields.Many2one(
        "ir.sequence", "Asset code sequence", readonly=True, copy=False, ondelete="restrict"
    )
    preventive_interval = fields.Integer(
        "Preventive maintenance every",
        help="Leave 0 for no preventive maintenance. Requests recur with Odoo's own maintenance "
        "recurrence: when one is done, the next one is scheduled.",
    )
    preventive_unit = fields.Selection(REPEAT_UNITS, default="month")
    preventive_duration = fields.Float("Preventive duration (hours)", default=1.0)

    _sql_constraints = [
        (
            "preventive_interval_positive",
            "CHECK (preventive_interval >= 0)",
            "The preventive maintenance interval cannot be negative. "
            "/ Chu kỳ bảo dưỡng định kỳ không được âm.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        categories = super().create(vals_list)
        categories._ensure_sequence()
        return categories

    def write(self, vals):
        res = super().write(vals)
        if "code_prefix" in vals:
            self._ensure_sequence()
        return res

    def _ensure_sequence(self):
        for category in self.sudo():
            prefix = (category.code_prefix or "").strip()
            if not prefix:
                continue
            if category.sequence_id:
                category.sequence_id.prefix = f"{prefix}-"
            else:
                category.sequence_id = self.env["ir.sequence"].create(
                    {
                        "name": f"Asset code {category.name}",
                        "code": False,
                        "prefix": f"{prefix}-",
                        "padding": 4,
                        "implementation": "no_gap",
                        "company_id": category.company_id.id,
                    }
                )

    def _next_asset_code(self):
        self.ensure_one()
        if self.sequence_id:
            return self.sudo().sequence_id.next_by_id()
        return self.env["ir.sequence"].sudo().next_by_code("ttcp.asset")

    def action_schedule_preventive(self):
        """Give each active asset of the category one recurring preventive request.

        The recurrence itself is Odoo's: when a preventive, recurring request reaches a done
        stage, maintenance copies it to the next date. An asset that already has an open
        recurring preventive request is left alone.
        """
        requests = self.env["maintenance.request"]
        for category in self:
            if category.preventive_interval <= 0:
                raise UserError(
                    self.env._(
                        "Category %(category)s has no preventive maintenance interval.",
                        category=category.name,
                    )
                )
            equipment = self.env["maintenance.equipment"].search(
                [("category_id", "=", category.id), ("asset_state", "!=", "retired")]
            )
            scheduled = self.env["maintenance.request"].search(
                [
                    ("equipment_id", "in", equipment.ids),
                    ("maintenance_type", "=", "preventive"),
                    ("recurring_maintenance", "=", True),
                    ("stage_id.done", "=", False),
                    ("archive", "=", False),
                ]
            )
            start = fields.Datetime.now()
            vals_list = [
                {
                    "name": self.env._("Preventive maintenance: %(asset)s", asset=asset.display_name),
                    "equipment_id": asset.id,
                    "maintenance_type": "preventive",
                    "recurring_maintenance": True,
                    "repeat_interval": category.preventive_interval,
                    "repeat_unit": category.preventive_unit,
                    "repeat_type": "forever",
                    "schedule_date": start,
                    "duration": category.preventive_duration,
                    "incident_type": "other",
                }
                for asset in equipment - scheduled.equipment_id
            ]
            requests |= self.env["maintenance.request"].create(vals_list)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s preventive requests scheduled.", count=len(requests)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
