from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import TtcpProjectsCase

REPORT_XMLID = "ttcp_projects.action_report_progress_report"


@tagged("post_install", "-at_install")
class TestProgressReport(TtcpProjectsCase):
    """Periodic progress reports: period, prefill from milestones and tasks, workflow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["ttcp.progress.report"]
        cls.board = cls.users["board"]
        cls.manager = cls.users["manager"]
        cls.portal = cls._create_project(name="Cổng thông tin", code="DA-PORTAL")
        cls.wan = cls._create_project(name="Mạng WAN", code="DA-WAN", department_id=cls.dept_other.id)

    def _report(self, user=None, **vals):
        values = {
            "department_id": self.dept_centre.id,
            "period_type": "quarterly",
            "year": 2026,
            "period": 3,
        }
        values.update(vals)
        return self.Report.with_user(user or self.board).create(values)

    # ------------------------------------------------------------------
    # Period
    # ------------------------------------------------------------------
    def test_period_bounds(self):
        cases = [
            (("quarterly", 2026, 3), (date(2026, 7, 1), date(2026, 9, 30))),
            (("quarterly", 2026, 1), (date(2026, 1, 1), date(2026, 3, 31))),
            (("quarterly", 2026, 4), (date(2026, 10, 1), date(2026, 12, 31))),
            (("nine_month", 2026, 1), (date(2026, 1, 1), date(2026, 9, 30))),
            (("six_month", 2026, 1), (date(2026, 1, 1), date(2026, 6, 30))),
            (("six_month", 2026, 2), (date(2026, 7, 1), date(2026, 12, 31))),
            (("monthly", 2024, 2), (date(2024, 2, 1), date(2024, 2, 29))),
            (("monthly", 2025, 12), (date(2025, 12, 1), date(2025, 12, 31))),
            (("annual", 2025, 1), (date(2025, 1, 1), date(2025, 12, 31))),
        ]
        for (ptype, year, period), bounds in cases:
            report = self._report(period_type=ptype, year=year, period=period)
            self.assertEqual((report.date_from, report.date_to), bounds, f"{ptype} {period}/{year}")
        report = self._report()
        self.assertEqual(report.name, f"Quarterly 3/2026 - {self.dept_centre.name}")
        report.write({"period_type": "six_month", "period": 1})
        self.assertEqual((report.date_from, report.date_to), (date(2026, 1, 1), date(2026, 6, 30)))
        self.assertEqual(report.name, f"6-month 1/2026 - {self.dept_centre.name}")
        self.env.flush_all()
        self.assertEqual(self.Report.search([("id", "=", report.id), ("date_to", "=", "2026-06-30")]), report)

    def test_invalid_period_refused(self):
        for ptype, year, period in [
            ("quarterly", 2026, 5),
            ("quarterly", 2026, 0),
            ("monthly", 2026, 13),
            ("six_month", 2026, 3),
            ("monthly", 1989, 1),
            ("annual", 2101, 1),
        ]:
            with self.subTest(ptype=ptype, year=year, period=period), self.assertRefused(ValidationError):
                self._report(period_type=ptype, year=year, period=period)
        report = self._report()
        with self.assertRefused(ValidationError, "between 1 and 4"):
            report.period = 7
        # The period number does not matter for 9-month and annual reports.
        self.assertEqual(self._report(period_type="nine_month", period=7).date_to, date(2026, 9, 30))

    # ------------------------------------------------------------------
    # Prefill
    # ------------------------------------------------------------------
    def _milestone(self, project, name, deadline, reached_on=None):
        milestone = self.env["project.milestone"].create(
            {"name": name, "project_id": project.project_id.id, "deadline": deadline}
        )
        if reached_on:
            with freeze_time(reached_on):
                milestone.is_reached = True
                milestone.flush_recordset()
            self.assertEqual(milestone.reached_date, fields_date(reached_on))
        return milestone

    def _task(self, name, project, deadline, **vals):
        values = {
            "name": name,
            "project_id": project.project_id.id,
            "date_deadline": deadline,
        }
        values.update(vals)
        return self.env["project.task"].create(values)

    def _close_task(self, task, when):
        """Close ``task`` in a folded stage on ``when`` (sets the ending date)."""
        stage = self.env["project.task.type"].create(
            {"name": "Done", "fold": True, "project_ids": [(4, task.project_id.id)]}
        )
        with freeze_time(when):
            task.write({"stage_id": stage.id, "state": "1_done"})
        self.assertEqual(task.date_end.date(), fields_date(when))

    def test_prefill(self):
        portal, wan = self.portal, self.wan
        self._milestone(portal, "Bid packages 9-13 awarded", "2026-08-31", reached_on="2026-08-15")
        self._milestone(portal, "Policy report approved", "2026-06-30", reached_on="2026-06-20")
        self._milestone(portal, "Contracts signed", "2026-09-10")
        self._milestone(portal, "Project management board set up", "2026-05-01")
        self._milestone(portal, "Trial operation", "2026-10-15")
        self._milestone(wan, "WAN link to Cục III", "2026-08-01")
        done = self._task("Train users on the portal", portal, "2026-08-01 10:00:00")
        self._close_task(done, "2026-09-01 09:00:00")
        before = self._task("Survey needs", portal, "2026-05-01 10:00:00")
        self._close_task(before, "2026-05-02 09:00:00")
        self._task("Security hardening software", portal, "2026-09-20 10:00:00")
        self._task("Later task", portal, "2026-10-05 10:00:00")
        self._task(
            "Load balancer purchase",
            wan,
            "2026-07-15 10:00:00",
            ttcp_department_id=self.dept_centre.id,
        )
        self._task("Email system upgrade", wan, "2026-07-20 10:00:00")  # other unit
        self._task(
            "Cancelled task",
            portal,
            "2026-07-20 10:00:00",
            state="1_canceled",
        )
        report = self._report()
        report.action_prefill()
        achievements, late = str(report.achievements), str(report.late_items)
        self.assertIn(
            "Milestone reached: Bid packages 9-13 awarded ([DA-PORTAL] Cổng thông tin)", achievements
        )
        self.assertIn("Task done: Train users on the portal", achievements)
        for name in ("Policy report approved", "Survey needs", "Contracts signed", "Security hardening"):
            self.assertNotIn(name, achievements)
        self.assertIn("Milestone late: Contracts signed, due 2026-09-10", late)
        self.assertIn("Milestone late: Project management board set up, due 2026-05-01", late)
        self.assertIn("Task late: Security hardening software, due 2026-09-20", late)
        self.assertIn("Task late: Load balancer purchase, due 2026-07-15", late)
        for name in (
            "Trial operation",
            "WAN link",
            "Later task",
            "Email system",
            "Cancelled task",
            "Bid packages",
            "Policy report",
            "Train users",
            "Survey needs",
        ):
            self.assertNotIn(name, late)
        self.assertEqual((report.done_count, report.late_count), (2, 4))
        self.assertEqual(report.overall_status, "some_late")
        self.assertTrue(achievements.startswith("<ul><li>"))

    def test_prefill_explicit_projects_and_nothing_late(self):
        self._milestone(self.wan, "WAN link to Cục III", "2026-08-01", reached_on="2026-07-30")
        self._milestone(self.portal, "Contracts signed", "2026-09-10")
        report = self._report(investment_project_ids=[(6, 0, self.wan.ids)])
        report.action_prefill()
        self.assertIn("WAN link to Cục III", str(report.achievements))
        self.assertNotIn("Contracts signed", str(report.late_items))
        self.assertEqual(str(report.late_items), "<p>-</p>")
        self.assertEqual((report.done_count, report.late_count), (1, 0))
        self.assertEqual(report.overall_status, "on_track")

    def test_prefill_escapes_names(self):
        self._milestone(self.portal, "<script>alert(1)</script>", "2026-08-01")
        report = self._report()
        report.action_prefill()
        self.assertNotIn("<script>", str(report.late_items))
        self.assertIn("&lt;script&gt;", str(report.late_items))

    def test_prefill_task_marked_done(self):
        """A task closed the Odoo 18 way (its "done" state) during the period is an achievement."""
        task = self._task("Digitise asset declarations", self.portal, "2026-08-01 10:00:00")
        with freeze_time("2026-08-20 09:00:00"):
            task.state = "1_done"
        report = self._report()
        report.action_prefill()
        self.assertNotIn("Digitise asset declarations", str(report.late_items))
        self.assertIn("Task done: Digitise asset declarations", str(report.achievements))
        self.assertEqual(report.done_count, 1)

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def test_state_transitions(self):
        report = self._report()
        self.assertEqual(report.state, "draft")
        with self.assertRefused(UserError, "cannot go from"):
            report.with_user(self.manager).action_review()
        with self.assertRefused(UserError, "already"):
            report.action_reset_draft()
        report.action_submit()
        self.assertEqual(report.state, "submitted")
        with self.assertRefused(UserError, "already"):
            report.action_submit()
        with self.assertRefused(UserError, "draft report"):
            report.action_prefill()
        report.action_reset_draft()
        self.assertEqual(report.state, "draft")
        report.action_submit()
        # Only a board manager reviews.
        with self.assertRefused(AccessError, "board manager"):
            report.with_user(self.board).action_review()
        with self.assertRefused(AccessError, "board manager"):
            report.with_user(self.users["department"]).action_review()
        self.assertEqual(report.state, "submitted")
        report.with_user(self.manager).action_review()
        self.assertEqual(report.state, "reviewed")
        with self.assertRefused(UserError, "cannot go from"):
            report.action_reset_draft()
        with self.assertRefused(UserError, "cannot go from"):
            report.action_submit()
        with self.assertRefused(UserError, "already"):
            report.with_user(self.manager).action_review()

    def test_only_drafts_deleted(self):
        submitted = self._report()
        submitted.action_submit()
        reviewed = self._report(period=2)
        reviewed.action_submit()
        reviewed.with_user(self.manager).action_review()
        for report in (submitted, reviewed):
            with self.assertRefused(UserError, "never deleted"):
                report.with_user(self.manager).unlink()
            self.assertTrue(report.exists())
        draft = self._report(period=1)
        with self.assertRefused(AccessError):
            draft.unlink()  # board users do not delete reports
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    # ------------------------------------------------------------------
    # Printed report
    # ------------------------------------------------------------------
    def test_pdf_report_renders(self):
        action = self.env.ref(REPORT_XMLID, raise_if_not_found=False)
        if not action:
            self.skipTest(f"{REPORT_XMLID} is not defined yet (report/progress_report_templates.xml)")
        self._milestone(self.portal, "Contracts signed", "2026-09-10")
        report = self._report(difficulties="<p>Thiếu nhân lực</p>")
        report.action_prefill()
        html, report_type = self.env["ir.actions.report"]._render_qweb_html(REPORT_XMLID, report.ids)
        self.assertEqual(report_type, "html")
        html = html.decode()
        self.assertIn("Contracts signed", html)
        self.assertIn("Thiếu nhân lực", html)
        self.assertEqual(action.model, "ttcp.progress.report")

    def test_name_reads_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["ttcp_projects"], ["vi_VN"], overwrite=True)
        report = self._report(period_type="monthly", period=10)
        department = self.dept_centre.name
        self.assertEqual(report.with_context(lang="en_US").display_name, f"Monthly 10/2026 - {department}")
        self.assertEqual(report.with_context(lang="vi_VN").display_name, f"Tháng 10/2026 - {department}")


def fields_date(value):
    """The date part of ``YYYY-MM-DD[ HH:MM:SS]``."""
    return datetime.fromisoformat(value).date() if " " in value else date.fromisoformat(value)
