from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.ttcp_projects.models.workflow_mixin import ALL, Transition
from odoo.addons.ttcp_projects.tools import format_amount, format_number, user_env

PACKAGE_FIELDS = [
    ("consulting", "Consulting"),
    ("non_consulting", "Non-consulting services"),
    ("goods", "Goods"),
    ("works", "Works"),
    ("mixed", "Mixed"),
]
SELECTION_METHODS = [
    ("direct_appointment", "Direct appointment"),
    ("direct_appointment_short", "Direct appointment (shortened)"),
    ("direct_procurement", "Direct procurement"),
    ("open_bidding", "Open bidding"),
    ("restricted_bidding", "Restricted bidding"),
    ("competitive_shopping", "Competitive shopping"),
    ("online_quotation", "Online price quotation"),
    ("online_shopping", "Online shopping"),
    ("self_performance", "Self-performance"),
    ("special_case", "Special case"),
    ("price_negotiation", "Price negotiation"),
    ("community", "Community participation"),
]
PROCEDURES = [
    ("one_stage_one_envelope", "One stage, one envelope"),
    ("one_stage_two_envelopes", "One stage, two envelopes"),
    ("two_stage_one_envelope", "Two stages, one envelope"),
    ("two_stage_two_envelopes", "Two stages, two envelopes"),
]
CONTRACT_TYPES = [
    ("lump_sum", "Lump sum"),
    ("fixed_unit_price", "Fixed unit price"),
    ("adjustable_unit_price", "Adjustable unit price"),
    ("time_based", "Time-based"),
    ("cost_plus_fee", "Cost plus fee"),
    ("output_based", "Output-based"),
    ("percentage", "Percentage"),
    ("mixed", "Mixed"),
]
PACKAGE_STATES = [
    ("planned", "Planned"),
    ("documents_approved", "Bidding documents approved"),
    ("published", "Published"),
    ("closed", "Bid closing"),
    ("evaluated", "Evaluated"),
    ("awarded", "Awarded"),
    ("contracted", "Contracted"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
PACKAGE_PATH = [code for code, _label in PACKAGE_STATES if code != "cancelled"]
# Date field stamped when a package enters each state.
STATE_DATES = {
    "documents_approved": "documents_approved_date",
    "published": "published_date",
    "closed": "closing_date",
    "evaluated": "evaluated_date",
    "awarded": "awarded_date",
    "contracted": "contracted_date",
    "done": "done_date",
}
# Procedures the Law on Bidding (Law 22/2023/QH15, Art. 38-39) allows per method.
METHOD_PROCEDURES = {
    "open_bidding": {
        "one_stage_one_envelope",
        "one_stage_two_envelopes",
        "two_stage_one_envelope",
        "two_stage_two_envelopes",
    },
    "restricted_bidding": {
        "one_stage_one_envelope",
        "one_stage_two_envelopes",
        "two_stage_one_envelope",
        "two_stage_two_envelopes",
    },
    "competitive_shopping": {"one_stage_one_envelope"},
    "direct_appointment": {"one_stage_one_envelope"},
    "direct_appointment_short": {"one_stage_one_envelope"},
    "direct_procurement": {"one_stage_one_envelope"},
    "online_quotation": {"one_stage_one_envelope"},
    "online_shopping": {"one_stage_one_envelope"},
}
# Methods whose ceiling is read from the rules (a shortened direct appointment
# shares the direct appointment ceiling).
CEILING_METHOD = {
    "direct_appointment": "direct_appointment",
    "direct_appointment_short": "direct_appointment",
    "competitive_shopping": "competitive_shopping",
}
SECURED_METHODS = ("open_bidding", "restricted_bidding", "competitive_shopping")


class BidPackage(models.Model):
    """A bid package (gói thầu) of a contractor selection plan."""

    _name = "ttcp.bid.package"
    _description = "Bid package"
    _inherit = ["ttcp.workflow.mixin", "ttcp.legal.rule.consumer", "mail.thread", "mail.activity.mixin"]
    _legal_rule_dependent_fields = (
        "result_notice_due",
        "result_publication_due",
        "contract_signing_due",
        "negotiation_due",
    )
    _workflow_state_field = "state"
    _workflow_undeletable_states = tuple(code for code, _label in PACKAGE_STATES if code != "planned")
    _workflow_free_fields = frozenset({"sequence"})
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "ttcp.selection.plan", "Selection plan", required=True, index=True, ondelete="restrict"
    )
    investment_project_id = fields.Many2one(related="plan_id.investment_project_id", store=True, index=True)
    budget_type = fields.Selection(related="plan_id.budget_type", store=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    sequence = fields.Integer(default=10)
    number = fields.Char(required=True, tracking=True, help="Package number, e.g. 9.")
    name = fields.Char(required=True, tracking=True)
    package_field = fields.Selection(PACKAGE_FIELDS, "Field", required=True, tracking=True)
    price = fields.Monetary("Package price", required=True, tracking=True)
    funding_source_id = fields.Many2one("ttcp.funding.source", required=True, ondelete="restrict")
    selection_method = fields.Selection(SELECTION_METHODS, required=True, tracking=True)
    procedure = fields.Selection(PROCEDURES, required=True, default="one_stage_one_envelope")
    international = fields.Boolean()
    online = fields.Boolean(default=True)
    selection_start = fields.Char(
        help="Month or quarter the selection starts, e.g. 'Quý III/2025' or '10/2025'."
    )
    contract_type = fields.Selection(CONTRACT_TYPES, required=True, default="lump_sum")
    duration_days = fields.Integer("Contract duration (days)", help="Excluding warranty.")
    purchase_option_percent = fields.Float("Purchase option (%)")
    bid_validity_days = fields.Integer(default=90)
    state = fields.Selection(
        PACKAGE_STATES, required=True, default="planned", tracking=True, index=True, copy=False
    )
    cancel_reason = fields.Text(copy=False, tracking=True)
    notice_number = fields.Char(
        copy=False, tracking=True, help="Notice number on the national e-procurement system."
    )
    documents_approved_date = fields.Date(copy=False)
    published_date = fields.Date(copy=False)
    last_amendment_date = fields.Date("Last amendment of bidding documents", copy=False)
    closing_date = fields.Date("Bid closing date", copy=False)
    closing_datetime = fields.Datetime(
        "Bid closing time",
        copy=False,
        tracking=True,
        help="Hour of bid closing, on the bid closing date (local time of the working calendar). "
        "Needed to record the bid opening.",
    )
    opening_datetime = fields.Datetime(
        "Bid opening time",
        copy=False,
        tracking=True,
        help="When the bids were opened: at or after the closing time and within the hours of "
        "the rule 'procurement.bid_opening_max_hours' (2 hours, Circular 79/2025/TT-BTC).",
    )
    evaluated_date = fields.Date(copy=False)
    awarded_date = fields.Date("Result approved on", copy=False)
    contracted_date = fields.Date(copy=False)
    done_date = fields.Date(copy=False)
    result_notice_due = fields.Date(compute="_compute_due_dates", store=True)
    result_publication_due = fields.Date(compute="_compute_due_dates", store=True)
    contract_signing_due = fields.Date(compute="_compute_due_dates", store=True)
    negotiation_due = fields.Date(
        "Contract negotiation due",
        compute="_compute_negotiation_due",
        store=True,
        help="The contract negotiation follows the bid evaluation: it is due the rule's working "
        "days (procurement.negotiation_working_days, 5) after the evaluation date. Empty before "
        "the evaluation or when no rule is in force on that date.",
    )
    bid_ids = fields.One2many("ttcp.bid", "package_id", "Bids")
    contract_ids = fields.One2many("ttcp.contract", "package_id", "Contracts")
    winning_bid_id = fields.Many2one("ttcp.bid", compute="_compute_winning_bid")
    has_live_contract = fields.Boolean(
        "Has a contract",
        compute="_compute_has_live_contract",
        help="A contract that is not cancelled was made for it: its price, field and method are fixed.",
    )

    _sql_constraints = [
        (
            "price_positive",
            "CHECK (price > 0)",
            "The package price must be positive. / Giá gói thầu phải lớn hơn 0.",
        ),
        (
            "purchase_option_range",
            "CHECK (purchase_option_percent >= 0)",
            "The purchase option cannot be negative. / Quyền chọn mua thêm không được âm.",
        ),
        (
            "duration_positive",
            "CHECK (duration_days >= 0 AND bid_validity_days >= 0)",
            "Durations cannot be negative. / Thời gian không được âm.",
        ),
    ]

    @api.depends("number", "name")
    def _compute_display_name(self):
        for package in self:
            package.display_name = self.env._(
                "Package %(number)s: %(name)s", number=package.number or "", name=package.name or ""
            )

    @api.depends("bid_ids.result")
    def _compute_winning_bid(self):
        for package in self:
            package.winning_bid_id = package.bid_ids.filtered(lambda b: b.result == "won")[:1]

    @api.depends("awarded_date")
    def _compute_due_dates(self):
        for package in self:
            notice = publication = signing = False
            if package.awarded_date:
                date = package.awarded_date
                notice = package._rule_date("procurement.result_notice_working_days", date)
                publication = package._rule_date("procurement.publication_working_days", date)
                signing = package._rule_date("procurement.contract_signing_days", date)
            package.result_notice_due = notice
            package.result_publication_due = publication
            package.contract_signing_due = signing

    @api.depends("evaluated_date")
    def _compute_negotiation_due(self):
        for package in self:
            package.negotiation_due = (
                package._rule_date("procurement.negotiation_working_days", package.evaluated_date)
                if package.evaluated_date
                else False
            )

    def _rule_dims(self):
        self.ensure_one()
        project = self.investment_project_id
        return {
            "project_group": project.project_group or None,
            "project_type": project.project_type or None,
            "package_field": self.package_field,
            "budget_type": self.budget_type,
            "selection_method": self.selection_method,
            "scope": "international" if self.international else "domestic",
        }

    def _legal_rule_dims(self):
        return self._rule_dims()

    def _rule_date(self, code, date):
        """A due date shown on the package: empty while no applied rule is in force."""
        rule = self._legal_rule_for_display(code, date)
        return rule._apply_to(date) if rule else False

    # ------------------------------------------------------------------
    # Rules checked when the plan is approved
    # ------------------------------------------------------------------
    def _plan_violations(self, date):
        """Reasons this package breaks the rules in force on ``date``."""
        self.ensure_one()
        problems = []
        method_label = dict(SELECTION_METHODS)[self.selection_method]
        ceiling_method = CEILING_METHOD.get(self.selection_method)
        if ceiling_method:
            rule = self._legal_rule_if_applied(
                "procurement.method_max_price", date, selection_method=ceiling_method
            )
            if rule and rule.value <= 0:
                problems.append(
                    self.env._(
                        "%(method)s is not allowed for %(field)s packages (%(rule)s)",
                        method=method_label,
                        field=dict(PACKAGE_FIELDS)[self.package_field],
                        rule=rule._citation(),
                    )
                )
            elif rule and self.currency_id.compare_amounts(self.price, rule.value) > 0:
                problems.append(
                    self.env._(
                        "the price %(price)s exceeds the %(method)s ceiling of %(limit)s VND (%(rule)s)",
                        price=format_amount(self.price, self.env),
                        method=method_label,
                        limit=format_amount(rule.value, self.env),
                        rule=rule._citation(),
                    )
                )
        allowed = METHOD_PROCEDURES.get(self.selection_method)
        if allowed and self.procedure not in allowed:
            problems.append(
                self.env._(
                    "the procedure '%(procedure)s' does not fit %(method)s "
                    "(Luật Đấu thầu 22/2023/QH15, Điều 38-39)",
                    procedure=dict(PROCEDURES)[self.procedure],
                    method=method_label,
                )
            )
        option = self._legal_rule_if_applied("procurement.purchase_option_max_percent", date)
        if option and self.purchase_option_percent > option.value:
            problems.append(
                self.env._(
                    "the purchase option %(value)s %% exceeds %(limit)s %% (%(rule)s)",
                    value=self.purchase_option_percent,
                    limit=option.value,
                    rule=option._citation(),
                )
            )
        return problems

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def _check_step_minimums(self):
        """Statutory minimum times between steps (Law on Bidding)."""
        for package in self:
            # Bid preparation minimums concern bidding and competitive shopping only.
            timed = package.selection_method in SECURED_METHODS
            if timed and package.published_date and package.closing_date:
                if package.selection_method == "competitive_shopping":
                    code = "procurement.competitive_shopping_working_days"
                elif package._is_small_package(package.published_date):
                    code = "procurement.bid_preparation_days_small"
                else:
                    code = "procurement.bid_preparation_days"
                # A period recorded as not applied (before Law 22/2023): nothing to check.
                rule = package._legal_rule_if_applied(code, package.published_date)
                earliest = rule._apply_to(package.published_date) if rule else package.closing_date
                if package.closing_date < earliest:
                    raise ValidationError(
                        self.env._(
                            "%(package)s: bid closing on %(closing)s leaves less than the "
                            "minimum bid preparation time (%(value)s %(unit)s, %(rule)s): the "
                            "earliest closing date is %(earliest)s.",
                            package=package.display_name,
                            closing=package.closing_date,
                            value=format_number(rule.value, self.env),
                            unit=dict(rule._fields["unit"]._description_selection(self.env))[rule.unit],
                            rule=rule._citation(),
                            earliest=earliest,
                        )
                    )
            if package.last_amendment_date and package.closing_date:
                # Small packages and competitive shopping have a shorter lead time: the small
                # package's own code, the method's record of the general code.
                code = (
                    "procurement.amendment_lead_days_small"
                    if package.selection_method != "competitive_shopping"
                    and package._is_small_package(package.last_amendment_date)
                    else "procurement.amendment_lead_days"
                )
                rule = package._legal_rule_if_applied(code, package.last_amendment_date)
                if rule and package.closing_date < rule._apply_to(package.last_amendment_date):
                    raise ValidationError(
                        self.env._(
                            "%(package)s: bidding documents amended on %(date)s, less than "
                            "%(value)s %(unit)s before bid closing (%(rule)s).",
                            package=package.display_name,
                            date=package.last_amendment_date,
                            value=format_number(rule.value, self.env),
                            unit=dict(rule._fields["unit"]._description_selection(self.env))[rule.unit],
                            rule=rule._citation(),
                        )
                    )
            package._check_bid_opening()

    def _check_bid_opening(self):
        """The bid opening is recorded at or after the closing time and within the rule's
        hours (procurement.bid_opening_max_hours, Circular 79/2025/TT-BTC); the closing time
        falls on the closing date."""
        self.ensure_one()
        Rule = self.env["ttcp.legal.rule"]
        tz = pytz.timezone(Rule._working_calendar().tz or "Asia/Ho_Chi_Minh")
        closing = self.closing_datetime
        if closing and self.closing_date:
            local_day = pytz.utc.localize(closing).astimezone(tz).date()
            if local_day != self.closing_date:
                raise ValidationError(
                    self.env._(
                        "%(package)s: the bid closing time falls on %(day)s, not on the bid closing "
                        "date %(date)s.",
                        package=self.display_name,
                        day=local_day,
                        date=self.closing_date,
                    )
                )
        if not self.opening_datetime:
            return
        if not closing:
            raise ValidationError(
                self.env._(
                    "%(package)s: enter the bid closing time before the bid opening time.",
                    package=self.display_name,
                )
            )
        rule = self._legal_rule_if_applied(
            "procurement.bid_opening_max_hours", pytz.utc.localize(closing).astimezone(tz).date()
        )
        if not rule:
            return
        latest = closing + timedelta(hours=rule.value)
        if not closing <= self.opening_datetime <= latest:
            local = lambda moment: pytz.utc.localize(moment).astimezone(tz).strftime("%Y-%m-%d %H:%M")  # noqa: E731
            raise ValidationError(
                self.env._(
                    "%(package)s: bids opened at %(opening)s; they are opened after the bid closing "
                    "(%(closing)s) and within %(value)s hours of it, by %(latest)s (%(rule)s).",
                    package=self.display_name,
                    opening=local(self.opening_datetime),
                    closing=local(closing),
                    value=format_number(rule.value, self.env),
                    latest=local(latest),
                    rule=rule._citation(),
                )
            )

    def _is_small_package(self, date):
        """Within the ceiling where shorter bid preparation and lower securities apply."""
        self.ensure_one()
        rule = self._legal_rule_if_applied("procurement.small_package_max_price", date)
        return bool(rule) and self.currency_id.compare_amounts(self.price, rule.value) <= 0

    def _needs_bid_security(self):
        self.ensure_one()
        return self.selection_method in SECURED_METHODS and self.package_field != "consulting"

    def _is_direct_appointment_size(self, date):
        """Within the direct-appointment ceiling: no performance security required."""
        self.ensure_one()
        rule = self._legal_rule_if_applied(
            "procurement.method_max_price", date, selection_method="direct_appointment"
        )
        return bool(rule) and self.currency_id.compare_amounts(self.price, rule.value) <= 0

    @api.constrains(
        "published_date",
        "closing_date",
        "closing_datetime",
        "opening_datetime",
        "last_amendment_date",
        "documents_approved_date",
        "evaluated_date",
        "awarded_date",
    )
    def _check_dates(self):
        for package in self:
            chain = [
                package.documents_approved_date,
                package.published_date,
                package.closing_date,
                package.evaluated_date,
                package.awarded_date,
            ]
            known = [d for d in chain if d]
            if known != sorted(known):
                raise ValidationError(
                    self.env._("%(package)s: the step dates are not in order.", package=package.display_name)
                )
        self._check_step_minimums()

    @api.constrains("number", "investment_project_id", "plan_id")
    def _check_number_unique(self):
        for package in self:
            domain = [("id", "!=", package.id), ("number", "=", package.number), ("state", "!=", "cancelled")]
            if package.investment_project_id:
                domain.append(("investment_project_id", "=", package.investment_project_id.id))
            else:
                domain.append(("plan_id", "=", package.plan_id.id))
            if self.search_count(domain):
                raise ValidationError(
                    self.env._(
                        "Package number %(number)s is already used in this project.",
                        number=package.number,
                    )
                )

    @api.constrains("state", "notice_number", "selection_method")
    def _check_notice_number(self):
        """A package published by bidding or shopping keeps its notice number."""
        for package in self:
            if (
                package.state not in ("planned", "documents_approved", "cancelled")
                and not package.notice_number
                and package.selection_method in SECURED_METHODS
            ):
                raise ValidationError(
                    self.env._(
                        "%(package)s: enter the notice number of the national e-procurement system.",
                        package=package.display_name,
                    )
                )

    # Fields whose change re-checks what the package's step holds (after the workflow
    # layer stamped the step's date, which happens after the ORM's constraints).
    _STEP_FIELDS = frozenset(STATE_DATES.values()) | {"state", "cancel_reason", "notice_number"}

    def _check_state_requirements(self):
        """What each step holds: the date of every step walked, the notice number of a
        published package, its winner, its signed contract."""
        for package in self:
            state = package.state
            if state == "cancelled":
                if not (package.cancel_reason or "").strip():
                    raise ValidationError(
                        self.env._(
                            "Give the reason for cancelling package %(package)s.",
                            package=package.display_name,
                        )
                    )
                continue
            for step in PACKAGE_PATH[1 : PACKAGE_PATH.index(state) + 1]:
                if not package[STATE_DATES[step]]:
                    raise ValidationError(
                        self.env._(
                            "%(package)s: enter the date of step '%(step)s'.",
                            package=package.display_name,
                            step=dict(PACKAGE_STATES)[step],
                        )
                    )
            index = PACKAGE_PATH.index(state)
            if (
                index >= PACKAGE_PATH.index("published")
                and not package.notice_number
                and package.selection_method in SECURED_METHODS
            ):
                raise ValidationError(
                    self.env._(
                        "%(package)s: enter the notice number of the national e-procurement system.",
                        package=package.display_name,
                    )
                )
            if (
                index >= PACKAGE_PATH.index("awarded")
                and len(package.bid_ids.filtered(lambda b: b.result == "won")) != 1
            ):
                raise ValidationError(
                    self.env._(
                        "%(package)s needs exactly one winning bid to be awarded.",
                        package=package.display_name,
                    )
                )
            if index >= PACKAGE_PATH.index("contracted") and not package.contract_ids.filtered(
                lambda c: c.state not in ("draft", "cancelled")
            ):
                raise ValidationError(
                    self.env._("%(package)s needs a signed contract.", package=package.display_name)
                )

    _PLAN_LOCKED_FIELDS = {
        "price",
        "package_field",
        "selection_method",
        "procedure",
        "funding_source_id",
        "international",
        "contract_type",
        "purchase_option_percent",
        "plan_id",
    }

    @api.constrains("price")
    def _check_price_covers_contracts(self):
        for package in self:
            contracts = package.contract_ids.filtered(lambda c: c.state != "cancelled")
            top = max(contracts.mapped("value"), default=0.0)
            if contracts and package.currency_id.compare_amounts(package.price, top) < 0:
                raise ValidationError(
                    self.env._(
                        "%(package)s: the package price cannot be below the value of its contract "
                        "(%(value)s VND).",
                        package=package.display_name,
                        value=format_amount(top, self.env),
                    )
                )

    # ------------------------------------------------------------------
    # Workflow and locks
    # ------------------------------------------------------------------
    def _workflow_transitions(self):
        transitions = []
        for old, new in zip(PACKAGE_PATH, PACKAGE_PATH[1:], strict=False):
            transitions.append(
                Transition(
                    old,
                    new,
                    # Approving the result (awarding) is the manager's decision.
                    group="ttcp_procurement.group_procurement_manager" if new == "awarded" else None,
                    stamp={STATE_DATES[new]: "today"},
                )
            )
        transitions.append(
            Transition([s for s in PACKAGE_PATH if s != "done"], "cancelled", writes=("cancel_reason",))
        )
        return transitions

    @api.depends("contract_ids.state")
    def _compute_has_live_contract(self):
        for package in self:
            package.has_live_contract = package._has_live_contract()

    def _has_live_contract(self):
        self.ensure_one()
        return bool(self.contract_ids.filtered(lambda c: c.state != "cancelled"))

    def _workflow_locked_fields(self):
        self.ensure_one()
        if self.state in ("done", "cancelled"):
            return ALL
        locked = set()
        # What the approved plan decided, and what a contract was signed on, even when
        # the plan is reopened for adjustment.
        if self.plan_id.state != "draft" or self._has_live_contract():
            locked |= self._PLAN_LOCKED_FIELDS
        if PACKAGE_PATH.index(self.state) >= PACKAGE_PATH.index("published"):
            locked.add("notice_number")
        return locked

    def _workflow_refuse_locked(self, names):
        if self.state not in ("done", "cancelled") and set(names) <= self._PLAN_LOCKED_FIELDS:
            labels = ", ".join(sorted(f"'{self._workflow_field_label(n)}'" for n in names))
            if self._has_live_contract():
                raise UserError(
                    self.env._(
                        "%(package)s has a contract: %(fields)s can no longer change.",
                        package=self.display_name,
                        fields=labels,
                    )
                )
            raise UserError(
                self.env._(
                    "%(package)s belongs to an approved selection plan: adjust the plan "
                    "to change its price, field, method or procedure.",
                    package=self.display_name,
                )
            )
        return super()._workflow_refuse_locked(names)

    @api.model_create_multi
    def create(self, vals_list):
        packages = super().create(vals_list)
        for package in packages:
            if package.plan_id.state != "draft":
                raise UserError(
                    self.env._("Packages are added to a draft selection plan only: adjust the plan first.")
                )
        packages._check_state_requirements()
        return packages

    def write(self, vals):
        target = vals.get("state")
        if target:
            for package in self.filtered(lambda p: p.state != target):
                if target == "cancelled":
                    if package._has_live_contract():
                        raise UserError(
                            self.env._(
                                "%(package)s has a contract: cancel the contract first.",
                                package=package.display_name,
                            )
                        )
                elif package.plan_id.state != "approved":
                    raise UserError(
                        self.env._(
                            "%(package)s: its selection plan is not approved.",
                            package=package.display_name,
                        )
                    )
        res = super().write(vals)
        if self._STEP_FIELDS & set(vals):
            self._check_state_requirements()
        return res

    def action_next_step(self):
        for package in self:
            if package.state in ("done", "cancelled"):
                raise UserError(self.env._("%(package)s is finished.", package=package.display_name))
            package._workflow_move(PACKAGE_PATH[PACKAGE_PATH.index(package.state) + 1])
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for package in self:
            if package.plan_id.state != "draft" or package.state != "planned":
                raise UserError(
                    self.env._(
                        "%(package)s is in an approved plan: cancel it instead of deleting it.",
                        package=package.display_name,
                    )
                )

    @api.model
    def _cron_due_activities(self):
        """Remind the plan's project manager of legal deadlines that come due."""
        today = fields.Date.context_today(self)
        soon = today + timedelta(days=2)
        packages = self.search(
            [
                ("state", "=", "awarded"),
                "|",
                ("result_notice_due", "<=", soon),
                ("contract_signing_due", "<=", soon),
            ]
        )
        existing = self.env["mail.activity"]._read_group(
            [("res_model", "=", self._name), ("res_id", "in", packages.ids), ("summary", "=like", "[TTCP]%")],
            ["res_id"],
        )
        done = {res_id for (res_id,) in existing}
        for package in packages.filtered(lambda p: p.id not in done):
            user = package.investment_project_id.manager_id or self.env.user
            env = user_env(self, user)
            note = env._(
                "Result notice due %(notice)s; contract signature due %(sign)s.",
                notice=format_date(env, package.result_notice_due),
                sign=format_date(env, package.contract_signing_due),
            )
            for bid in package.bid_ids.filtered("security_return_due"):
                note += " " + env._(
                    "Return the bid security of %(partner)s by %(date)s.",
                    partner=bid.partner_id.display_name,
                    date=format_date(env, bid.security_return_due),
                )
            package.with_env(env).activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=min(d for d in (package.result_notice_due, package.contract_signing_due) if d),
                summary=env._("[TTCP] Notify results and sign the contract"),
                note=note,
                user_id=user.id,
            )
        self.env["ttcp.selection.plan"]._cron_publication_activities()
