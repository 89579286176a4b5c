from datetime import date as Date

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .workflow_mixin import ALL, Transition

PERIOD_TYPES = [
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("six_month", "6-month"),
    ("nine_month", "9-month"),
    ("annual", "Annual"),
]


class ProgressReport(models.Model):
    """A periodic progress report (báo cáo tiến độ) of a unit's IT projects."""

    _name = "ttcp.progress.report"
    _description = "Progress report"
    _inherit = ["ttcp.workflow.mixin", "mail.thread"]
    _order = "date_to desc, id desc"
    _check_company_auto = True
    _workflow_undeletable_states = ("submitted", "reviewed")
    # Leadership directions are written by the board manager who reviews the report.
    _MANAGER = "ttcp_projects.group_board_manager"

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    department_id = fields.Many2one(
        "hr.department",
        "Reporting unit",
        required=True,
        check_company=True,
        default=lambda self: self.env.user.employee_id.department_id,
    )
    investment_project_ids = fields.Many2many(
        "ttcp.investment.project",
        string="Projects",
        check_company=True,
        help="Projects covered; empty means every project of the reporting unit.",
    )
    period_type = fields.Selection(PERIOD_TYPES, required=True, default="quarterly")
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    period = fields.Integer(
        default=1,
        help="Month (1-12) of a monthly report, quarter (1-4) of a quarterly one, "
        "half (1-2) of a 6-month one; ignored otherwise.",
    )
    date_from = fields.Date(compute="_compute_dates", store=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    overall_status = fields.Selection(
        [("on_track", "On track"), ("some_late", "Some tasks late"), ("critical", "Critical")],
        "Overall status",
        tracking=True,
    )
    achievements = fields.Html("Results achieved", help="Kết quả đạt được.")
    late_items = fields.Html("Late items", help="Những việc còn chậm.")
    difficulties = fields.Html(help="Khó khăn, vướng mắc.")
    proposals = fields.Html(help="Đề xuất, kiến nghị.")
    directions = fields.Html("Leadership directions", help="Ý kiến chỉ đạo của Lãnh đạo.")
    late_count = fields.Integer("Late items (number)", readonly=True, copy=False)
    done_count = fields.Integer("Items done (number)", readonly=True, copy=False)

    @api.depends("period_type", "year", "period", "department_id")
    def _compute_name(self):
        for report in self:
            report.name = report._title()

    @api.depends("period_type", "period", "year", "department_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # The stored name is in the language of whoever created the report; what a user
        # reads is in theirs ("Hằng tháng 10/2026 - ...", not "Monthly 10/2026 - ...").
        for report in self:
            report.display_name = report._title()

    def _title(self):
        labels = dict(self._fields["period_type"]._description_selection(self.env))
        period = labels.get(self.period_type, "")
        if self.period_type in ("monthly", "quarterly", "six_month"):
            period = f"{period} {self.period}"
        return f"{period}/{self.year} - {self.department_id.name or ''}"

    @api.depends("period_type", "year", "period")
    def _compute_dates(self):
        for report in self:
            start, end = report._period_bounds()
            report.date_from, report.date_to = start, end

    def _period_bounds(self):
        self.ensure_one()
        year, period = self.year, self.period or 1
        if not 1990 <= year <= 2100:
            return False, False
        if self.period_type == "monthly":
            start, months = Date(year, min(max(period, 1), 12), 1), 1
        elif self.period_type == "quarterly":
            start, months = Date(year, 3 * (min(max(period, 1), 4) - 1) + 1, 1), 3
        elif self.period_type == "six_month":
            start, months = Date(year, 1 if period <= 1 else 7, 1), 6
        elif self.period_type == "nine_month":
            start, months = Date(year, 1, 1), 9
        else:
            start, months = Date(year, 1, 1), 12
        return start, start + relativedelta(months=months, days=-1)

    @api.constrains("period_type", "period", "year")
    def _check_period(self):
        limits = {"monthly": 12, "quarterly": 4, "six_month": 2}
        for report in self:
            if not 1990 <= report.year <= 2100:
                raise ValidationError(self.env._("The report year must be between 1990 and 2100."))
            limit = limits.get(report.period_type)
            if limit and not 1 <= report.period <= limit:
                raise ValidationError(
                    self.env._(
                        "The period of a %(type)s report must be between 1 and %(limit)s.",
                        type=dict(self._fields["period_type"]._description_selection(self.env))[
                            report.period_type
                        ],
                        limit=limit,
                    )
                )

    # ------------------------------------------------------------------
    def _covered_projects(self):
        self.ensure_one()
        if self.investment_project_ids:
            return self.investment_project_ids
        return self.env["ttcp.investment.project"].search(
            [("department_id", "child_of", self.department_id.id)]
        )

    def action_prefill(self):
        """Fill achievements and late items from the period's milestones and tasks."""
        for report in self:
            if report.state != "draft":
                raise UserError(self.env._("Only a draft report can be filled in again."))
            projects = report._covered_projects().project_id
            start, end = report.date_from, report.date_to
            end_dt = fields.Datetime.to_datetime(end) + relativedelta(days=1)
            # Late means past due by the end of the period, or by today if the period
            # is still running: a deadline still ahead is not late.
            late_by = min(end, fields.Date.context_today(self))
            late_by_dt = min(end_dt, fields.Datetime.now())
            Milestone = self.env["project.milestone"]
            Task = self.env["project.task"]
            reached = Milestone.search(
                [
                    ("project_id", "in", projects.ids),
                    ("is_reached", "=", True),
                    ("reached_date", ">=", start),
                    ("reached_date", "<=", end),
                ]
            )
            late_ms = Milestone.search(
                [
                    ("project_id", "in", projects.ids),
                    ("is_reached", "=", False),
                    ("deadline", "<", late_by),
                ]
            )
            task_scope = [
                "|",
                ("project_id", "in", projects.ids),
                ("ttcp_department_id", "child_of", report.department_id.id),
            ]
            done_tasks = Task.search(
                task_scope
                + [
                    ("state", "=", "1_done"),
                    ("date_end", ">=", fields.Datetime.to_datetime(start)),
                    ("date_end", "<", end_dt),
                ]
            )
            late_tasks = Task.search(
                task_scope
                + [
                    ("state", "not in", ["1_done", "1_canceled"]),
                    ("date_deadline", "<", late_by_dt),
                ]
            )
            report.write(
                {
                    "achievements": report._html_list(
                        [
                            self.env._("Milestone reached: %s", m.name) + f" ({m.project_id.name})"
                            for m in reached
                        ]
                        + [
                            self.env._("Task done: %s", t.name) + f" ({t.project_id.name or ''})"
                            for t in done_tasks
                        ]
                    ),
                    "late_items": report._html_list(
                        [
                            self.env._("Milestone late: %(name)s, due %(date)s", name=m.name, date=m.deadline)
                            + f" ({m.project_id.name})"
                            for m in late_ms
                        ]
                        + [
                            self.env._(
                                "Task late: %(name)s, due %(date)s",
                                name=t.name,
                                date=fields.Date.to_date(t.date_deadline),
                            )
                            + f" ({t.project_id.name or ''})"
                            for t in late_tasks
                        ]
                    ),
                    "done_count": len(reached) + len(done_tasks),
                    "late_count": len(late_ms) + len(late_tasks),
                    "overall_status": "on_track" if not (late_ms or late_tasks) else "some_late",
                }
            )
        return True

    @staticmethod
    def _html_list(lines):
        if not lines:
            return Markup("<p>-</p>")
        return Markup("<ul>%s</ul>") % Markup("").join(Markup("<li>%s</li>") % escape(line) for line in lines)

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("directions") for vals in vals_list) and not self._workflow_has_group(self._MANAGER):
            self.browse()._workflow_refuse_directions()
        return super().create(vals_list)

    def _workflow_refuse_directions(self):
        raise UserError(self.env._("Only a project board manager writes the leadership directions."))

    def _workflow_transitions(self):
        return [
            Transition("draft", "submitted"),
            Transition("submitted", "draft"),
            Transition("submitted", "reviewed", group=self._MANAGER, writes=("directions",)),
        ]

    def _workflow_locked_fields(self):
        self.ensure_one()
        if self.state == "reviewed":
            return ALL
        locked = set()
        if self.state == "submitted":
            # What the unit reported is frozen while it is read; it goes back to draft to change.
            locked = set(self._fields) - {"directions", "state"}
        if not self._workflow_has_group(self._MANAGER):
            locked.add("directions")
        return locked

    def action_submit(self):
        return self._workflow_move("submitted")

    def action_review(self):
        return self._workflow_move("reviewed")

    def action_reset_draft(self):
        return self._workflow_move("draft")
