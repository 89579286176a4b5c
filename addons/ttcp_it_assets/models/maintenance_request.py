from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

INCIDENT_TYPES = [
    ("hardware", "Hardware"),
    ("software", "Software"),
    ("virus", "Virus"),
    ("network", "Network"),
    ("internet_line", "Internet line"),
    ("other", "Other"),
]
# What a contractor's technician may change through the portal or the ORM.
CONTRACTOR_FIELDS = frozenset({"responded_at", "resolved_at", "contractor_note"})
# Clock tolerance for "not in the future" (a contractor's phone may run a little ahead).
CLOCK_SLACK = timedelta(minutes=5)


class MaintenanceRequest(models.Model):
    """An incident or a maintenance job, with the contractor's SLA."""

    _inherit = "maintenance.request"

    incident_type = fields.Selection(INCIDENT_TYPES, "Incident type", default="hardware", tracking=True)
    department_id = fields.Many2one(
        "hr.department",
        "Department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        index=True,
        help="The department that reports the incident (by default, the asset's holder).",
    )
    site_id = fields.Many2one(related="equipment_id.site_id", store=True, string="Site")
    asset_code = fields.Char(related="equipment_id.asset_code")
    reported_at = fields.Datetime(
        "Reported at", required=True, default=fields.Datetime.now, tracking=True, index=True
    )
    responded_at = fields.Datetime("Responded at", tracking=True, copy=False)
    resolved_at = fields.Datetime("Resolved at", tracking=True, copy=False)
    contract_id = fields.Many2one(
        "ttcp.contract",
        "Contract",
        compute="_compute_contract_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        domain="[('state', 'in', ('signed', 'in_progress', 'accepted', 'warranty'))]",
        help="Found from the asset's maintenance coverage on the reporting date, else its warranty.",
    )
    contractor_partner_id = fields.Many2one(
        "res.partner",
        "Contractor",
        compute="_compute_contractor_partner_id",
        store=True,
        index=True,
    )
    sla_calendar_id = fields.Many2one(related="contract_id.sla_calendar_id", string="SLA working hours")
    response_due = fields.Datetime("Response due", compute="_compute_due", store=True)
    resolution_due = fields.Datetime("Resolution due", compute="_compute_due", store=True)
    response_breached = fields.Boolean(compute="_compute_breach", store=True)
    resolution_breached = fields.Boolean(compute="_compute_breach", store=True)
    sla_breached = fields.Boolean("SLA breached", compute="_compute_breach", store=True, index=True)
    breach_count = fields.Integer(
        "Breaches", compute="_compute_breach", store=True, help="1 when the SLA was breached (to sum)."
    )
    response_hours = fields.Float(
        "Time to respond (working hours)", compute="_compute_elapsed", store=True, aggregator="avg"
    )
    resolution_hours = fields.Float(
        "Time to resolve (working hours)", compute="_compute_elapsed", store=True, aggregator="avg"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    cost = fields.Monetary(tracking=True, help="Cost of parts and work charged for this request.")
    contractor_note = fields.Text("Contractor's notes")
    month = fields.Char(compute="_compute_month", store=True, help="Reporting month, YYYY-MM.")

    _sql_constraints = [
        ("cost_positive", "CHECK (cost >= 0)", "The cost cannot be negative. / Chi phí không được âm."),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("equipment_id", "employee_id")
    def _compute_department_id(self):
        for request in self:
            if not request.department_id:
                request.department_id = (
                    request.equipment_id.department_id or request.employee_id.department_id
                )

    @api.depends("equipment_id", "reported_at")
    def _compute_contract_id(self):
        for request in self:
            if request.equipment_id and request.reported_at:
                day = request._local_date(request.reported_at)
                request.contract_id = request.equipment_id._find_support_contract(day)
            elif not request.contract_id:
                request.contract_id = False

    @api.depends("contract_id.partner_id")
    def _compute_contractor_partner_id(self):
        for request in self:
            request.contractor_partner_id = request.contract_id.partner_id.commercial_partner_id

    @api.depends(
        "reported_at",
        "contract_id.sla_response_hours",
        "contract_id.sla_resolution_hours",
        "contract_id.sla_calendar_id",
        "maintenance_type",
    )
    def _compute_due(self):
        for request in self:
            contract = request.contract_id
            calendar = contract.sla_calendar_id
            if not (calendar and request.reported_at and request.maintenance_type == "corrective"):
                request.response_due = request.resolution_due = False
                continue
            request.response_due = request._plan(calendar, contract.sla_response_hours)
            request.resolution_due = request._plan(calendar, contract.sla_resolution_hours)

    def _plan(self, calendar, hours):
        """The moment ``hours`` working hours of ``calendar`` after the report (naive UTC)."""
        if not hours:
            return False
        start = pytz.utc.localize(self.reported_at)
        due = calendar.plan_hours(hours, start, compute_leaves=True)
        return due.astimezone(pytz.utc).replace(tzinfo=None) if due else False

    @api.depends("response_due", "resolution_due", "responded_at", "resolved_at")
    def _compute_breach(self):
        now = fields.Datetime.now()
        for request in self:
            request.response_breached = bool(
                request.response_due
                and (request.responded_at or request.resolved_at or now) > request.response_due
            )
            request.resolution_breached = bool(
                request.resolution_due and (request.resolved_at or now) > request.resolution_due
            )
            request.sla_breached = request.response_breached or request.resolution_breached
            request.breach_count = 1 if request.sla_breached else 0

    @api.depends("reported_at", "responded_at", "resolved_at", "contract_id.sla_calendar_id")
    def _compute_elapsed(self):
        for request in self:
            calendar = request.contract_id.sla_calendar_id or request.company_id.resource_calendar_id
            request.response_hours = request._work_hours(calendar, request.responded_at)
            request.resolution_hours = request._work_hours(calendar, request.resolved_at)

    def _work_hours(self, calendar, end):
        if not (calendar and self.reported_at and end):
            return 0.0
        return calendar.get_work_hours_count(
            pytz.utc.localize(self.reported_at), pytz.utc.localize(end), compute_leaves=True
        )

    @api.depends("reported_at")
    def _compute_month(self):
        for request in self:
            request.month = (
                request._local_date(request.reported_at).strftime("%Y-%m") if request.reported_at else False
            )

    def _local_date(self, moment):
        """The date of a naive UTC datetime in the SLA calendar's (or user's) time zone."""
        tz = pytz.timezone(
            self.contract_id.sla_calendar_id.tz
            or self.env.ref("ttcp_projects.resource_calendar_state_agency").tz
            or self.env.user.tz
            or "UTC"
        )
        return pytz.utc.localize(moment).astimezone(tz).date()

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("reported_at", "responded_at", "resolved_at")
    def _check_times(self):
        limit = fields.Datetime.now() + CLOCK_SLACK
        for request in self:
            for moment in (request.reported_at, request.responded_at, request.resolved_at):
                if moment and moment > limit:
                    raise ValidationError(
                        self.env._("Request %(request)s: a time is in the future.", request=request.name)
                    )
            if request.responded_at and request.responded_at < request.reported_at:
                raise ValidationError(
                    self.env._(
                        "Request %(request)s: the response cannot come before the report.",
                        request=request.name,
                    )
                )
            if request.resolved_at and (
                request.resolved_at < request.reported_at
                or (request.responded_at and request.resolved_at < request.responded_at)
            ):
                raise ValidationError(
                    self.env._(
                        "Request %(request)s: the resolution cannot come before the report or the response.",
                        request=request.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if self._is_contractor_user():
            raise AccessError(self.env._("A contractor cannot create requests."))
        requests = super().create(vals_list)
        for request in requests.filtered("contract_id"):
            request._subscribe_contractor()
            request._notify_contractor(
                self.env._(
                    "New request %(request)s for %(asset)s. Response due %(response)s, resolution due "
                    "%(resolution)s.",
                    request=request.name,
                    asset=request.equipment_id.display_name or "-",
                    response=request._format_due(request.response_due),
                    resolution=request._format_due(request.resolution_due),
                )
            )
        requests._sync_stage_from_times()
        return requests

    def write(self, vals):
        if self._is_contractor_user():
            forbidden = set(vals) - CONTRACTOR_FIELDS
            if forbidden:
                raise AccessError(
                    self.env._(
                        "A contractor can only record the response, the resolution and notes "
                        "(not: %(fields)s).",
                        fields=", ".join(sorted(forbidden)),
                    )
                )
        res = super().write(vals)
        if {"responded_at", "resolved_at"} & set(vals):
            self._sync_stage_from_times()
        if "contract_id" in vals:
            for request in self.filtered("contract_id"):
                request._subscribe_contractor()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_fresh(self):
        if self.env.su or self.env.user.has_group("ttcp_it_assets.group_asset_manager"):
            for request in self:
                if request.responded_at or request.cost:
                    raise UserError(
                        self.env._(
                            "Request %(request)s was handled: archive it instead of deleting it.",
                            request=request.name,
                        )
                    )
            return
        raise UserError(self.env._("Only an asset manager can delete a request; archive it instead."))

    def _is_contractor_user(self):
        return not self.env.su and self.env.user.has_group("ttcp_it_assets.group_asset_contractor")

    def _sync_stage_from_times(self):
        """Resolved → the first done stage; responded → in progress (when still new)."""
        stages = self.env["maintenance.stage"].sudo().search([], order="sequence, id")
        done_stage = stages.filtered("done")[:1]
        working_stage = stages.filtered(lambda s: not s.done)[1:2]
        for request in self.sudo():
            if request.resolved_at and not request.stage_id.done and done_stage:
                request.stage_id = done_stage
            elif (
                request.responded_at
                and not request.resolved_at
                and working_stage
                and request.stage_id == stages[:1]
            ):
                request.stage_id = working_stage

    # ------------------------------------------------------------------
    # Contractor notification and breaches
    # ------------------------------------------------------------------
    def _contractor_partners(self):
        self.ensure_one()
        contract = self.contract_id.sudo()
        partners = contract.technician_user_ids.partner_id
        return partners or contract.partner_id

    def _subscribe_contractor(self):
        self.ensure_one()
        self.sudo().message_subscribe(partner_ids=self._contractor_partners().ids)

    def _notify_contractor(self, body):
        self.ensure_one()
        self.sudo().message_post(
            body=body,
            partner_ids=self._contractor_partners().ids,
            subtype_xmlid="mail.mt_comment",
            message_type="notification",
        )

    def _format_due(self, moment):
        if not moment:
            return "-"
        tz = pytz.timezone(self.contract_id.sla_calendar_id.tz or "UTC")
        return pytz.utc.localize(moment).astimezone(tz).strftime("%d/%m/%Y %H:%M")

    @api.model
    def _cron_check_sla_breaches(self):
        """Flag the open requests whose due time has passed and tell the contractor once."""
        now = fields.Datetime.now()
        candidates = self.search(
            [
                ("sla_breached", "=", False),
                ("resolved_at", "=", False),
                "|",
                "&",
                ("response_due", "<", now),
                ("responded_at", "=", False),
                ("resolution_due", "<", now),
            ]
        )
        if not candidates:
            return candidates
        for name in ("response_breached", "resolution_breached", "sla_breached", "breach_count"):
            self.env.add_to_compute(self._fields[name], candidates)
        candidates.flush_recordset(["sla_breached", "response_breached", "resolution_breached"])
        breached = candidates.filtered("sla_breached")
        for request in breached:
            what = self.env._("resolution") if request.resolution_breached else self.env._("response")
            request._notify_contractor(
                self.env._(
                    "SLA breached on request %(request)s: the %(what)s was due %(due)s.",
                    request=request.name,
                    what=what,
                    due=request._format_due(
                        request.resolution_due if request.resolution_breached else request.response_due
                    ),
                )
            )
        return breached
