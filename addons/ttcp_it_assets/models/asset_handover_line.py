from odoo import api, fields, models
from odoo.exceptions import UserError

CONDITIONS = [
    ("new", "New"),
    ("good", "Good, working"),
    ("worn", "Worn, working"),
    ("faulty", "Faulty"),
]
PURPOSE_TO_STATE = {"allocate": "in_use", "transfer": "in_use", "lend": "lent", "return": "in_stock"}


class AssetHandoverLine(models.Model):
    """One asset of a handover, with its recipient and its condition."""

    _name = "ttcp.asset.handover.line"
    _description = "Asset handover line"
    _order = "handover_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    handover_id = fields.Many2one("ttcp.asset.handover", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="handover_id.company_id", store=True)
    state = fields.Selection(related="handover_id.state", store=True)
    date = fields.Date(related="handover_id.date", store=True)
    purpose = fields.Selection(related="handover_id.purpose")
    equipment_id = fields.Many2one(
        "maintenance.equipment",
        "Asset",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('asset_state', '!=', 'retired')]",
    )
    asset_code = fields.Char(related="equipment_id.asset_code")
    serial_no = fields.Char(related="equipment_id.serial_no")
    category_id = fields.Many2one(related="equipment_id.category_id")
    condition = fields.Selection(CONDITIONS, required=True, default="good")
    to_department_id = fields.Many2one(
        "hr.department",
        "Recipient department",
        compute="_compute_recipient",
        store=True,
        readonly=False,
        check_company=True,
    )
    to_employee_id = fields.Many2one(
        "hr.employee",
        "Recipient",
        compute="_compute_recipient",
        store=True,
        readonly=False,
        check_company=True,
    )
    to_site_id = fields.Many2one(
        "ttcp.site", "Site", compute="_compute_recipient", store=True, readonly=False, check_company=True
    )
    previous_department_id = fields.Many2one("hr.department", readonly=True)
    previous_employee_id = fields.Many2one("hr.employee", readonly=True)
    previous_site_id = fields.Many2one("ttcp.site", readonly=True)
    previous_asset_state = fields.Selection(
        lambda self: self.env["maintenance.equipment"]._fields["asset_state"].selection, readonly=True
    )
    note = fields.Char()

    @api.depends("handover_id.to_department_id", "handover_id.to_employee_id", "handover_id.to_site_id")
    def _compute_recipient(self):
        for line in self:
            handover = line.handover_id
            if not line.to_department_id:
                line.to_department_id = handover.to_department_id
            if not line.to_employee_id:
                line.to_employee_id = handover.to_employee_id
            if not line.to_site_id:
                line.to_site_id = handover.to_site_id

    def _apply_to_asset(self):
        """Move the asset to its recipient; remember where it was."""
        self.ensure_one()
        asset = self.equipment_id
        self.write(
            {
                "previous_department_id": asset.department_id.id,
                "previous_employee_id": asset.employee_id.id,
                "previous_site_id": asset.site_id.id,
                "previous_asset_state": asset.asset_state,
            }
        )
        purpose = self.handover_id.purpose
        vals = {"asset_state": PURPOSE_TO_STATE[purpose], "assign_date": self.handover_id.date}
        if purpose == "return":
            vals.update({"employee_id": False, "department_id": self.to_department_id.id or False})
        else:
            vals.update(
                {
                    "employee_id": self.to_employee_id.id or False,
                    "department_id": self.to_department_id.id
                    or self.to_employee_id.department_id.id
                    or False,
                    "equipment_assign_to": "employee" if self.to_employee_id else "department",
                }
            )
        if self.to_site_id:
            vals["site_id"] = self.to_site_id.id
        asset.write(vals)

    _HISTORY_FIELDS = frozenset(
        {"previous_department_id", "previous_employee_id", "previous_site_id", "previous_asset_state"}
    )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_draft()
        return lines

    def write(self, vals):
        if set(vals) - self._HISTORY_FIELDS:
            self._check_draft()
        return super().write(vals)

    def _check_draft(self):
        for line in self:
            if line.handover_id.state != "draft":
                raise UserError(
                    self.env._(
                        "Handover %(number)s is no longer a draft: its lines cannot change.",
                        number=line.handover_id.number,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self._check_draft()
