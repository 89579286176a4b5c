from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ttcp_projects.models.workflow_mixin import ALL

CONDITIONS = [
    ("new", "New"),
    ("good", "Good, working"),
    ("worn", "Worn, working"),
    ("faulty", "Faulty"),
]
PURPOSE_TO_STATE = {"allocate": "in_use", "transfer": "in_use", "lend": "lent", "return": "in_stock"}


class AssetHandoverLine(models.Model):
    """One asset of a handover, with its recipient and its condition.

    A line is created, changed and deleted only while its handover is a draft. The history
    (``previous_*``: where the asset was) is written only by :meth:`_apply_to_asset` when the
    handover is done, never by a user, not even on a draft.
    """

    _name = "ttcp.asset.handover.line"
    _description = "Asset handover line"
    _inherit = ["ttcp.workflow.mixin"]
    _workflow_state_field = None
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
    previous_department_id = fields.Many2one("hr.department", readonly=True, copy=False)
    previous_employee_id = fields.Many2one("hr.employee", readonly=True, copy=False)
    previous_site_id = fields.Many2one("ttcp.site", readonly=True, copy=False)
    previous_asset_state = fields.Selection(
        lambda self: self.env["maintenance.equipment"]._fields["asset_state"].selection,
        readonly=True,
        copy=False,
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
        # The only writer of the history, past the locks (the handover is already done).
        self._workflow_internal().write(
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

    @api.depends("handover_id.number", "equipment_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = " - ".join(
                part for part in (line.handover_id.number, line.equipment_id.display_name) if part
            )

    def _always_locked(self):
        """Fields no user writes, even on a draft: the history, the handover and its mirrors."""
        related = {name for name, field in self._fields.items() if field.related}
        return self._HISTORY_FIELDS | related | {"handover_id"}

    def _workflow_locked_fields(self):
        self.ensure_one()
        if self.handover_id.state != "draft":
            return ALL
        return self._always_locked()

    def _workflow_refuse_locked(self, names):
        self._check_draft()
        self._refuse_by_hand(names, self.handover_id)

    @api.model_create_multi
    def create(self, vals_list):
        if not self._workflow_is_internal():
            always_locked = self._always_locked() - {"handover_id"}
            for vals in vals_list:
                self._workflow_check_values(vals)
                handover = self.env["ttcp.asset.handover"].browse(vals.get("handover_id"))
                if handover and handover.state != "draft":
                    self._refuse_not_draft(handover)
                forbidden = set(vals) & always_locked
                if forbidden:
                    self.browse()._refuse_by_hand(forbidden, handover)
        return super().create(vals_list)

    def _refuse_by_hand(self, names, handover):
        raise UserError(
            self.env._(
                "Handover %(number)s: %(fields)s of a line cannot be written by hand (the history is "
                "recorded when the handover is done; a line stays on its handover).",
                number=handover.number or "",
                fields=", ".join(sorted(f"'{self._workflow_field_label(n)}'" for n in names)),
            )
        )

    def _check_draft(self):
        for line in self:
            if line.handover_id.state != "draft":
                self._refuse_not_draft(line.handover_id)

    def _refuse_not_draft(self, handover):
        raise UserError(
            self.env._(
                "Handover %(number)s is no longer a draft: its lines cannot change.",
                number=handover.number,
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if not self._workflow_is_internal():
            self._check_draft()
