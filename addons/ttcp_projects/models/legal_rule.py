import math
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..tools import format_amount, format_number
from .investment_project import PROJECT_GROUPS, PROJECT_TYPES


class LegalRule(models.Model):
    """A threshold or time limit set by law, valid for a date range.

    Every figure the suite checks or counts with (appraisal days, settlement
    months, value limits...) is one of these records, looked up by ``code``
    for the date in question and the dimensions of the case (project group,
    project type; other addons add their own dimensions).
    """

    _name = "ttcp.legal.rule"
    _description = "Legal rule (dated threshold or time limit)"
    _inherit = ["ttcp.workflow.mixin", "mail.thread"]
    _order = "code, date_from desc, id desc"
    _workflow_state_field = None
    # Largest value a rule may hold per unit: past these a time limit no longer yields a
    # date (a rule of 10^7 days would end after the year 9999).
    _UNIT_MAX = {
        "percent": 100,
        "days": 3660,
        "working_days": 2500,
        "months": 240,
        "working_hours": 20000,
        "hours": 87840,
        "number": 10**6,
        "vnd": 10**15,
    }
    _rec_names_search = ["name", "code", "legal_basis"]

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(
        required=True,
        index=True,
        tracking=True,
        help="Technical key the code looks the rule up by, e.g. project.appraisal_working_days.",
    )
    value = fields.Float(digits=(20, 4), required=True, tracking=True)
    value_max = fields.Float(
        "Maximum value",
        digits=(20, 4),
        tracking=True,
        help="Upper bound when the rule is a range (e.g. 1-1.5 %); 0 if none.",
    )
    unit = fields.Selection(
        [
            ("vnd", "VND"),
            ("percent", "Percent"),
            ("days", "Calendar days"),
            ("working_days", "Working days"),
            ("months", "Months"),
            ("working_hours", "Working hours"),
            ("hours", "Hours"),
            ("number", "Number"),
        ],
        required=True,
        tracking=True,
    )
    date_from = fields.Date("Effective from", required=True, tracking=True)
    date_to = fields.Date("Effective to", tracking=True, help="Last day in force; empty if still in force.")
    legal_basis = fields.Char(
        required=True,
        tracking=True,
        help="Legal text, e.g. Nghị định 214/2025/NĐ-CP (Căn cứ pháp lý).",
    )
    article = fields.Char(tracking=True, help="Article and clause, e.g. Điều 78 khoản 4.")
    basis_verified = fields.Boolean(
        "Checked against the official gazette",
        tracking=True,
        help="Tick once somebody has checked the figure against the official text.",
    )
    project_group = fields.Selection(PROJECT_GROUPS, help="Empty: applies to every project group.")
    project_type = fields.Selection(PROJECT_TYPES, help="Empty: applies to every project type.")
    source = fields.Selection(
        [
            ("brief", "Project brief (secondary sources)"),
            ("developer", "Developer's choice"),
            ("verified", "Verified text"),
        ],
        string="Source of the figure",
        required=True,
        default="developer",
        tracking=True,
        help="Where the figure came from: the project brief (read from secondary sources), a "
        "developer's choice where the brief is silent, or the official text itself.",
    )
    note = fields.Text()
    applied = fields.Boolean(
        "Applied by the suite",
        default=True,
        tracking=True,
        help="Untick for a period in which the suite knows no figure for this rule (an earlier law "
        "the brief does not give): checks that only apply where a figure is known are not made for "
        "cases of that period, and the record says so. A date that no record covers is an error, "
        "never a skipped check.",
    )
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        (
            "date_range",
            "CHECK (date_to IS NULL OR date_to >= date_from)",
            "A rule cannot end before it starts. / Quy định không thể hết hiệu lực trước ngày có hiệu lực.",
        ),
        (
            "value_positive",
            "CHECK (value >= 0 AND value_max >= 0)",
            "A rule's value cannot be negative. / Giá trị của quy định không được âm.",
        ),
    ]

    @api.model
    def _dimension_fields(self):
        """Fields that narrow the cases a rule applies to (empty = any)."""
        return ["project_group", "project_type"]

    @api.constrains("value", "value_max", "unit")
    def _check_value_max(self):
        units = dict(self._fields["unit"]._description_selection(self.env))
        for rule in self:
            limit = self._UNIT_MAX.get(rule.unit)
            if limit and max(rule.value, rule.value_max) > limit:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: a value in %(unit)s cannot exceed %(limit)s.",
                        rule=rule.display_name,
                        unit=units.get(rule.unit, rule.unit),
                        limit=limit,
                    )
                )
            if rule.value_max and rule.value_max < rule.value:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the maximum value is below the value.",
                        rule=rule.display_name,
                    )
                )

    @api.constrains(lambda self: ["code", "date_from", "date_to", "active"] + self._dimension_fields())
    def _check_no_overlap(self):
        dims = self._dimension_fields()
        for rule in self.filtered("active"):
            domain = [
                ("id", "!=", rule.id),
                ("code", "=", rule.code),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", rule.date_from),
            ]
            if rule.date_to:
                domain.append(("date_from", "<=", rule.date_to))
            for dim in dims:
                domain.append((dim, "=", rule[dim] or False))
            other = self.search(domain, limit=1)
            if other:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s overlaps %(other)s for the same case: "
                        "end the older rule before the new one takes effect.",
                        rule=rule.display_name,
                        other=other.display_name,
                    )
                )

    @api.depends("name", "legal_basis", "date_from")
    def _compute_display_name(self):
        for rule in self:
            rule.display_name = f"{rule.name} ({rule.legal_basis or ''}, {rule.date_from or ''})"

    def _citation(self):
        """Short reference to the rule for error messages: name, value, basis."""
        self.ensure_one()
        unit = dict(self._fields["unit"]._description_selection(self.env))[self.unit]
        fmt = format_amount if self.unit == "vnd" else format_number
        value = fmt(self.value, self.env)
        if self.value_max:
            value += f"-{fmt(self.value_max, self.env)}"
        basis = ", ".join(filter(None, [self.article, self.legal_basis]))
        return f"{self.name}: {value} {unit}; {basis}"

    # ------------------------------------------------------------------
    # Look-up
    # ------------------------------------------------------------------
    @api.model
    def _find(self, code, date, **dims):
        """Return the rule in force for ``code`` on ``date`` that fits ``dims``.

        A rule fits when each of its dimensions is empty or equal to the value
        asked for; the most specific fitting rule wins. Returns an empty
        recordset when no rule fits.
        """
        date = fields.Date.to_date(date) or fields.Date.context_today(self)
        best_id, best_score = False, -1
        for rule_id, date_from, date_to, rule_dims in self._rules_of_code(code):
            if not date_from or date_from > date or (date_to and date_to < date):
                continue
            score = 0
            for dim, value in rule_dims:
                if value != dims.get(dim):
                    score = -1
                    break
                score += 1
            if score > best_score:
                best_id, best_score = rule_id, score
        return self.browse(best_id)

    @api.model
    @tools.ormcache("code")
    def _rules_of_code(self, code):
        """(id, date_from, date_to, ((dimension, value), ...)) of the active rules of ``code``,
        in the model's order, with their non-empty dimensions.

        Read once per code and worker, not once per look-up (a national-scale recompute asks
        hundreds of thousands of times); creating, changing or deleting a rule clears it."""
        dims = self._dimension_fields()
        rules = self.sudo().with_context(active_test=True).search([("code", "=", code)])
        return tuple(
            (rule.id, rule.date_from, rule.date_to, tuple((dim, rule[dim]) for dim in dims if rule[dim]))
            for rule in rules
        )

    @api.model
    def _get(self, code, date, if_applied=False, **dims):
        """Like :meth:`_find` but raise a clear error when no rule is in force.

        A period recorded as not applied (``applied`` unticked) raises too, unless
        ``if_applied``: then it yields an empty recordset, for a check that only applies
        where the suite knows a figure.
        """
        day = fields.Date.to_date(date) or fields.Date.context_today(self)
        rule = self._find(code, day, **dims)
        if not rule:
            raise UserError(
                self.env._(
                    "No legal rule '%(code)s' is in force on %(date)s for this case. "
                    "Ask the rules administrator to add it.",
                    code=code,
                    date=format_date(self.env, day),
                )
            )
        if not rule.applied:
            if if_applied:
                return self.browse()
            raise UserError(
                self.env._(
                    "The legal rule '%(code)s' has no figure the suite applies on %(date)s "
                    "(%(basis)s), and this check needs one. Ask the rules administrator to record "
                    "the figure of that period.",
                    code=code,
                    date=format_date(self.env, day),
                    basis=rule.legal_basis,
                )
            )
        return rule

    # ------------------------------------------------------------------
    # Durations
    # ------------------------------------------------------------------
    @api.model
    def _working_calendar(self):
        return (
            self.env.ref("ttcp_projects.resource_calendar_state_agency", raise_if_not_found=False)
            or self.env.company.resource_calendar_id
        )

    @api.model
    def _add_working_days(self, date, days, calendar=None):
        """The date ``days`` working days after ``date`` (``date`` itself not counted).

        Weekends and public holidays come from the calendar's attendances and
        global leaves, so they are data an administrator can edit.
        """
        date = fields.Date.to_date(date)
        days = int(math.ceil(days))
        if days <= 0:
            return date
        calendar = calendar or self._working_calendar()
        tz = pytz.timezone(calendar.tz or "Asia/Ho_Chi_Minh")
        start = tz.localize(datetime.combine(date + timedelta(days=1), time.min))
        end = calendar.sudo().plan_days(days, start, compute_leaves=True)
        if not end:
            raise UserError(self.env._("The working calendar has no working days to count on."))
        return end.astimezone(tz).date()

    def _apply_to(self, date, calendar=None):
        """Add this rule's duration to ``date`` according to its unit."""
        self.ensure_one()
        date = fields.Date.to_date(date)
        if self.unit == "working_days":
            return self._add_working_days(date, self.value, calendar)
        if self.unit == "days":
            return date + timedelta(days=int(math.ceil(self.value)))
        if self.unit == "months":
            whole = int(self.value)
            extra_days = int(round((self.value - whole) * 30))
            return date + relativedelta(months=whole) + timedelta(days=extra_days)
        raise UserError(self.env._("Rule %(rule)s is not a duration.", rule=self.display_name))

    # ------------------------------------------------------------------
    # Keep the dates computed from rules and the working calendar in step
    # ------------------------------------------------------------------
    @api.model
    def _refresh_rule_dependents(self):
        """Recompute every stored field that a consumer declares as depending on rules.

        Each model inheriting ``ttcp.legal.rule.consumer`` lists those fields in
        ``_legal_rule_dependent_fields`` (and may narrow the records with
        ``_legal_rule_refresh_domain()``); adding or changing a rule, a public holiday
        or a make-up working day recomputes them in every installed addon.
        """
        for model_name in sorted(self.env.registry):
            Model = self.env[model_name]
            names = getattr(Model, "_legal_rule_dependent_fields", None)
            if not names or Model._abstract or Model._transient:
                continue
            Model = Model.sudo().with_context(active_test=False)
            records = Model.search(Model._legal_rule_refresh_domain())
            if not records:
                continue
            for name in names:
                self.env.add_to_compute(Model._fields[name], records)
            records._recompute_recordset(list(names))

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self.env.registry.clear_cache()  # _rules_of_code
        self._refresh_rule_dependents()
        return rules

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()  # _rules_of_code
        self._refresh_rule_dependents()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()  # _rules_of_code
        self._refresh_rule_dependents()
        return res
