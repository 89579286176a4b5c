from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ttcp_projects.models.workflow_mixin import ALL, Transition

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

    Rules (``ttcp.workflow.mixin``, enforced on every write path): draft → done only by an
    asset manager, and whatever path writes ``state = 'done'`` checks the handover and moves
    its assets (see :meth:`write`); draft ⇄ cancelled; done is final, locked entirely (it is
    the printed record: only the chatter stays open) and never deleted.
    """

    _name = "ttcp.asset.handover"
    _description = "Asset handover"
    _inherit = ["ttcp.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _workflow_state_field = "state"
    # The number is drawn on create and the done date stamped by the move: never typed.
    _workflow_locks = {"draft": {"number", "done_date"}, "done": ALL, "cancelled": ALL}
    _workflow_undeletable_states = ("done",)
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
        """Moving to done, by any path (button, RPC, import), checks and moves the assets.

        The move is refused to whoever is not an asset manager before anything is written (the
        mixin, called by ``super()``, also refuses the locked fields); the handover is checked
        (before the write, or after it when other fields change with the move) and the assets
        move in the same write as the state: a done handover always moved its assets.
        Internal code (``_workflow_internal()``) skips the group, never the check nor the move.
        """
        moving = self.browse()
        # Written together with the move: check the handover as it will be, after the write.
        check_after = bool(set(vals) - {"state"})
        if vals.get("state") == "done":
            moving = self.filtered(lambda h: h.state == "draft")
            for handover in moving:
                if not self._workflow_is_internal():
                    handover._workflow_check_move(handover.state, "done")
                if not check_after:
                    handover._check_before_done()
        res = super().write(vals)
        for handover in moving:
            if check_after:
                handover._check_before_done()
            for line in handover.line_ids:
                line._apply_to_asset()
        return res

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
        for handover in self:
            if handover.state != "draft":
                raise UserError(
                    self.env._("Only a draft handover can be done (%(number)s).", number=handover.number)
                )
        # The write checks the group, the lines, moves the assets and stamps the done date.
        return self._workflow_move("done")

    def _workflow_transitions(self):
        return [
            Transition(
                "draft", "done", group="ttcp_it_assets.group_asset_manager", stamp={"done_date": "now"}
            ),
            Transition("draft", "cancelled"),
            Transition("cancelled", "draft"),
        ]

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
        return self._workflow_move("cancelled")

    def action_draft(self):
        for handover in self:
            if handover.state != "cancelled":
                raise UserError(self.env._("Only a cancelled handover can be set back to draft."))
        return self._workflow_move("draft")

    def action_print(self):
        return self.env.ref("ttcp_it_assets.action_report_asset_handover").report_action(self)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        """The declaration (``_workflow_undeletable_states``) refuses it too; this says why."""
        if self._workflow_is_internal():
            return
        for handover in self:
            if handover.state == "done":
                raise UserError(
                    self.env._(
                        "Handover %(number)s is done and stays in the assets' history: it is never deleted.",
                        number=handover.number,
                    )
                )

    def _workflow_record_label(self):
        self.ensure_one()
        return self.env._("Handover %(number)s", number=self.number)

    def _workflow_refuse_locked(self, names):
        fields_list = ", ".join(sorted(f"'{self._workflow_field_label(n)}'" for n in names))
        if self.state == "draft":
            hint = self.env._("the number and the done date are set by the system")
        elif self.state == "cancelled":
            hint = self.env._("set it back to draft to change it")
        else:
            hint = self.env._("it is the signed record; hand the assets on or back with a new handover")
        raise UserError(
            self.env._(
                "Handover %(number)s is %(state)s: %(fields)s cannot be changed (%(hint)s)",
                number=self.number,
                state=self._workflow_state_label(self.state),
                fields=fields_list,
                hint=hint,
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
