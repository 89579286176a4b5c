from datetime import timedelta

import pytz
from markupsafe import Markup

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
# The times the SLA is measured on: recorded as "now", corrected only by an asset manager.
SLA_TIMES = ("responded_at", "resolved_at")


class MaintenanceRequest(models.Model):
    """An incident or a maintenance job, with the contractor's SLA.

    The response and resolution times decide whether the contractor met its SLA, so they
    hold on every write path (``ttcp.workflow.mixin``, no state field, locks per record):

    * anyone but an asset manager records "now" (:meth:`action_respond`,
      :meth:`action_resolve`, or a write of a value within ``CLOCK_SLACK`` of the server's
      clock into an empty time), never a chosen time;
    * a recorded time is locked for everyone, the asset manager included; only
      :meth:`action_correct_times` (asset manager, with a reason posted in the chatter)
      changes it.
    """

    # _name is required with several parents (else the class name makes a new model).
    _name = "maintenance.request"
    _inherit = ["maintenance.request", "ttcp.workflow.mixin"]
    _workflow_state_field = None

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
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        help="The contract's currency; the agency's costs are in Vietnamese dong otherwise.",
    )
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

    @api.depends("equipment_id", "company_id")
    def _compute_maintenance_team_id(self):
        """Odoo takes the team from the asset; the agency's assets have none of their own, so
        a request falls back to the company's first team instead of staying empty (the team
        is required: a request could not be saved)."""
        res = super()._compute_maintenance_team_id()
        Team = self.env["maintenance.team"]
        for request in self.filtered(lambda r: not r.maintenance_team_id):
            company = request.company_id or self.env.company
            request.maintenance_team_id = Team.search([("company_id", "in", [company.id, False])], limit=1)
        return res

    @api.depends("company_id", "equipment_id")
    def _compute_user_id(self):
        """The technician comes from the asset or its category; where that is the system user
        that loaded the data (OdooBot), the request is followed by the user who reports it."""
        res = super()._compute_user_id()
        for request in self:
            if request.user_id and request.user_id._is_superuser():
                request.user_id = False if self.env.user._is_superuser() else self.env.user
        return res

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

    @api.depends("contract_id.currency_id")
    def _compute_currency_id(self):
        vnd = self.env.ref("base.VND")
        for request in self:
            request.currency_id = request.contract_id.currency_id or vnd

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
        for request in self:
            request._check_time_order(request.reported_at, request.responded_at, request.resolved_at)

    def _check_time_order(self, reported_at, responded_at, resolved_at):
        """Refuse times in the future or out of order (also before a correction is written)."""
        limit = fields.Datetime.now() + CLOCK_SLACK
        for moment in (reported_at, responded_at, resolved_at):
            if moment and moment > limit:
                raise ValidationError(
                    self.env._("Request %(request)s: a time is in the future.", request=self.name)
                )
        if responded_at and reported_at and responded_at < reported_at:
            raise ValidationError(
                self.env._(
                    "Request %(request)s: the response cannot come before the report.",
                    request=self.name,
                )
            )
        if resolved_at and (
            (reported_at and resolved_at < reported_at) or (responded_at and resolved_at < responded_at)
        ):
            raise ValidationError(
                self.env._(
                    "Request %(request)s: the resolution cannot come before the report or the response.",
                    request=self.name,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if self._is_contractor_user():
            raise AccessError(self.env._("A contractor cannot create requests."))
        if not self._workflow_is_internal():
            for vals in vals_list:
                self._check_times_are_now(vals)
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
        if not self._workflow_is_internal() and set(SLA_TIMES) & set(vals):
            # Whose request it is decides first (a contractor writing another's: access error).
            self.check_access("write")
            self._check_times_are_now(vals)
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

    def _may_choose_times(self):
        """An asset manager may give a past time when creating a request (from the paper file)."""
        return self.env.su or self.env.user.has_group("ttcp_it_assets.group_asset_manager")

    def _check_times_are_now(self, vals):
        """Anyone but an asset manager records the server's "now", never a chosen time.

        An already recorded time is locked for everyone by ``_workflow_locked_fields``.
        """
        given = {name: vals[name] for name in SLA_TIMES if vals.get(name)}
        if not given or self._may_choose_times():
            return
        self._workflow_check_values(given)
        now = fields.Datetime.now()
        for name, value in given.items():
            moment = fields.Datetime.to_datetime(value)
            if abs(moment - now) > CLOCK_SLACK:
                raise UserError(
                    self.env._(
                        "'%(field)s' records the present moment: use 'Record response now' or 'Mark "
                        "resolved now' (the server's clock). Only an asset manager corrects a time, "
                        "with a reason.",
                        field=self._workflow_field_label(name),
                    )
                )

    def _workflow_locked_fields(self):
        self.ensure_one()
        # The report time starts the SLA clock: moved later, it would turn a breach into a met
        # deadline. Once the request exists it is corrected like the other times.
        return {"reported_at"} | {name for name in SLA_TIMES if self[name]}

    def _workflow_refuse_locked(self, names):
        raise UserError(
            self.env._(
                "Request %(request)s: %(fields)s already recorded. Only an asset manager corrects a "
                "recorded time, with a reason (Correct times).",
                request=self.name,
                fields=", ".join(sorted(f"'{self._workflow_field_label(n)}'" for n in names)),
            )
        )

    # ------------------------------------------------------------------
    # Recording and correcting the times
    # ------------------------------------------------------------------
    def action_respond(self):
        """The contractor (or the registry) answers now."""
        for request in self:
            if request.responded_at or request.resolved_at:
                raise UserError(self.env._("Request %(request)s was already answered.", request=request.name))
        self.write({"responded_at": fields.Datetime.now()})
        return True

    def action_resolve(self):
        """Resolved now (and answered now, when it had not been)."""
        now = fields.Datetime.now()
        for request in self:
            if request.resolved_at:
                raise UserError(self.env._("Request %(request)s is already resolved.", request=request.name))
            vals = {"resolved_at": now}
            if not request.responded_at:
                vals["responded_at"] = now
            request.write(vals)
        return True

    def action_correct_times(self, responded_at=None, resolved_at=None, reason=None, reported_at=None):
        """An asset manager corrects the recorded times, giving the reason in the chatter.

        ``None`` leaves a time as it is, ``False`` erases it, a datetime (or its string) sets it.
        """
        self.ensure_one()
        if not self._may_choose_times():
            raise AccessError(self.env._("Only an asset manager can correct the times of a request."))
        reason = reason.strip() if isinstance(reason, str) else ""
        if not reason:
            raise UserError(
                self.env._(
                    "Request %(request)s: give the reason for correcting its times.", request=self.name
                )
            )
        given = {"reported_at": reported_at, "responded_at": responded_at, "resolved_at": resolved_at}
        vals = {}
        for name, value in given.items():
            if value is None or (name == "reported_at" and not value):
                continue
            self._workflow_check_values({name: value})
            moment = fields.Datetime.to_datetime(value) if value else False
            if moment != self[name]:
                vals[name] = moment
        if not vals:
            raise UserError(self.env._("Request %(request)s: the times are unchanged.", request=self.name))
        # Checked before anything is written: a refused correction leaves the request as it was.
        self._check_time_order(
            vals.get("reported_at", self.reported_at),
            vals.get("responded_at", self.responded_at),
            vals.get("resolved_at", self.resolved_at),
        )
        old = {name: self._format_time(self[name]) for name in vals}
        self._workflow_internal().write(vals)
        changes = Markup("").join(
            Markup("<li>%s: %s → %s</li>")
            % (self._workflow_field_label(name), old[name], self._format_time(self[name]))
            for name in vals
        )
        self.message_post(
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (self.env._("Times corrected. Reason: %(reason)s", reason=reason), changes),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _format_time(self, moment):
        """A naive UTC time in the SLA calendar's (or the agency's) time zone, for the chatter."""
        if not moment:
            return "-"
        tz = pytz.timezone(
            self.contract_id.sla_calendar_id.tz
            or self.env.ref("ttcp_projects.resource_calendar_state_agency").tz
            or self.env.user.tz
            or "UTC"
        )
        return pytz.utc.localize(moment).astimezone(tz).strftime("%d/%m/%Y %H:%M")

    def action_open_correct_times(self):
        self.ensure_one()
        if not self._may_choose_times():
            raise AccessError(self.env._("Only an asset manager can correct the times of a request."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct times"),
            "res_model": "ttcp.request.time.correction",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

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
            if request.resolved_at:
                # Closed on the day it was resolved, in the agency's time zone (not the server's
                # date when the stage moved, which can precede a report made the same evening).
                request.close_date = request._local_date(request.resolved_at)
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
