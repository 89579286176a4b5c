from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

HANDOVER_PURPOSES = [
    ("allocate", "Allocation for use"),
    ("lend", "Loan"),
    ("return", "Return to stock"),
    ("transfer", "Transfer between units"),
]
HANDOVER_STATES = [("draft", "Draft"), ("done", "Done"), ("cancelled", "Cancelled")]


class AssetHandover(models.Model):
    """A handover of IT assets (biên bản bàn giao tài sản).

    The header gives who hands over and the default recipient; each line may name its own
    recipient, so one record can hand USB tokens to several departments. Done moves every
    asset to its recipient and site and keeps the lines as the asset's history.
    """

    _name = "ttcp.asset.handover"
    _description = "Asset handover"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    number = fields.Char(
        required=True, copy=False, readonly=True, default=lambda self: self.env._("New"), tracking=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    purpose = fields.Selection(HANDOVER_PURPOSES, required=True, default="allocate", tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    from_department_id = fields.Many2one(
        "hr.department", "Handed over by (department)", check_company=True, tracking=True
    )
    from_employee_id = fields.Many2one(
        "hr.employee", "Handed over by (employee)", check_company=True, tracking=True
    )
    from_site_id = fields.Many2one("ttcp.site", "From site", check_company=True)
    to_department_id = fields.Many2one(
        "hr.department", "Received by (department)", check_company=True, tracking=True
    )
    to_employee_id = fields.Many2one(
        "hr.employee", "Received by (employee)", check_company=True, tracking=True
    )
    to_site_id = fields.Many2one("ttcp.site", "To site", check_company=True)
    line_ids = fields.One2many("ttcp.asset.handover.line", "handover_id", "Assets", copy=True)
    line_count = fields.Integer(compute="_compute_line_count")
    state = fields.Selection(HANDOVER_STATES, required=True, default="draft", tracking=True, copy=False)
    done_date = fields.Datetime(readonly=True, copy=False)
    note = fields.Html()

    _sql_constraints = [
        (
            "number_company_unique",
            "UNIQUE (number, company_id)",
            "The handover number must be unique. / Số biên bản bàn giao đã tồn tại.",
        ),
    ]

    @api.depends("line_ids")
    def _compute_line_count(self):
        for handover in self:
            handover.line_count = len(handover.line_ids)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("number") or vals["number"] == self.env._("New"):
                vals["number"] = self.env["ir.sequence"].next_by_code("ttcp.asset.handover") or "/"
        return super().create(vals_list)

    def write(self, vals):
        locked = set(vals) - {"note", "message_main_attachment_id", "activity_ids"}
        if locked and "state" not in vals:
            for handover in self:
                if handover.state != "draft":
                    raise UserError(
                        self.env._(
                            "Handover %(number)s is %(state)s: it cannot be changed.",
                            number=handover.number,
                            state=handover._state_label(),
                        )
                    )
        return super().write(vals)

    def _state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    @api.constrains("date")
    def _check_date(self):
        for handover in self:
            if handover.date > fields.Date.context_today(self):
                raise ValidationError(
                    self.env._("Handover %(number)s is dated in the future.", number=handover.number)
                )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_done(self):
        if not (self.env.su or self.env.user.has_group("ttcp_it_assets.group_asset_manager")):
            raise AccessError(self.env._("Only an IT asset manager can confirm a handover."))
        for handover in self:
            if handover.state != "draft":
                raise UserError(
                    self.env._("Only a draft handover can be done (%(number)s).", number=handover.number)
                )
            handover._check_before_done()
        for handover in self:
            for line in handover.line_ids:
                line._apply_to_asset()
            handover.write({"state": "done", "done_date": fields.Datetime.now()})
        return True

    def _check_before_done(self):
        self.ensure_one()
        if not self.line_ids:
            raise UserError(self.env._("Handover %(number)s has no asset.", number=self.number))
        assets = self.line_ids.equipment_id
        if len(assets) != len(self.line_ids):
            raise UserError(self.env._("Handover %(number)s lists an asset twice.", number=self.number))
        for line in self.line_ids:
            asset = line.equipment_id
            if asset.asset_state == "retired" or not asset.active:
                raise UserError(
                    self.env._(
                        "Asset %(asset)s is retired and cannot be handed over.", asset=asset.display_name
                    )
                )
            if self.purpose != "return" and not (line.to_department_id or line.to_employee_id):
                raise UserError(
                    self.env._(
                        "Handover %(number)s: say who receives %(asset)s.",
                        number=self.number,
                        asset=asset.display_name,
                    )
                )
            holder_department = self.from_department_id
            if holder_department and asset.department_id and asset.department_id != holder_department:
                raise UserError(
                    self.env._(
                        "Asset %(asset)s is held by %(holder)s, not by %(department)s.",
                        asset=asset.display_name,
                        holder=asset.department_id.display_name,
                        department=holder_department.display_name,
                    )
                )
            if self.from_employee_id and asset.employee_id and asset.employee_id != self.from_employee_id:
                raise UserError(
                    self.env._(
                        "Asset %(asset)s is held by %(holder)s, not by %(employee)s.",
                        asset=asset.display_name,
                        holder=asset.employee_id.display_name,
                        employee=self.from_employee_id.display_name,
                    )
                )

    def action_cancel(self):
        for handover in self:
            if handover.state == "done":
                raise UserError(
                    self.env._(
                        "Handover %(number)s is done: hand the assets back with a new handover.",
                        number=handover.number,
                    )
                )
        self.write({"state": "cancelled"})
        return True

    def action_draft(self):
        for handover in self:
            if handover.state != "cancelled":
                raise UserError(self.env._("Only a cancelled handover can be set back to draft."))
        self.write({"state": "draft"})
        return True

    def action_print(self):
        return self.env.ref("ttcp_it_assets.action_report_asset_handover").report_action(self)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for handover in self:
            if handover.state == "done":
                raise UserError(
                    self.env._(
                        "Handover %(number)s is done and stays in the assets' history: it is never deleted.",
                        number=handover.number,
                    )
                )

    # ------------------------------------------------------------------
    # Printing helpers
    # ------------------------------------------------------------------
    def _recipient_groups(self):
        """Lines grouped by recipient (department, employee), in line order, for the PDF."""
        self.ensure_one()
        groups = {}
        for line in self.line_ids:
            key = (line.to_department_id, line.to_employee_id)
            groups.setdefault(key, self.env["ttcp.asset.handover.line"])
            groups[key] |= line
        return [
            {"department": department, "employee": employee, "lines": lines}
            for (department, employee), lines in groups.items()
        ]
