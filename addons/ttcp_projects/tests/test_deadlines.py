from datetime import date, timedelta

from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import TtcpProjectsCase


@tagged("post_install", "-at_install")
class TestDeadlines(TtcpProjectsCase):
    """Working-day arithmetic, next legal step and due date, lateness, daily cron."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("ttcp_projects.resource_calendar_state_agency")
        cls.manager = cls.users["manager"]

    def _add(self, day, days):
        return self.Rule._add_working_days(day, days)

    def _holiday(self, day, name="Test holiday"):
        """A public holiday on local date ``day`` (Asia/Ho_Chi_Minh, UTC+7)."""
        return self.env["resource.calendar.leaves"].create(
            {
                "name": name,
                "calendar_id": self.calendar.id,
                "date_from": f"{day - timedelta(days=1)} 17:00:00",
                "date_to": f"{day} 16:59:59",
                "time_type": "leave",
            }
        )

    # ------------------------------------------------------------------
    # Working days
    # ------------------------------------------------------------------
    def test_working_days_weekend(self):
        # (Saturday 10 January 2026 is a make-up working day: the week after is used.)
        self.assertEqual(self._add(date(2026, 1, 16), 1), date(2026, 1, 19), "Friday + 1 -> Monday")
        self.assertEqual(self._add(date(2026, 1, 16), 5), date(2026, 1, 23))
        self.assertEqual(self._add(date(2026, 1, 17), 1), date(2026, 1, 19), "from a Saturday")
        self.assertEqual(self._add(date(2026, 1, 18), 1), date(2026, 1, 19), "from a Sunday")
        self.assertEqual(self._add(date(2026, 1, 19), 1), date(2026, 1, 20), "start day not counted")
        self.assertEqual(self._add(date(2026, 1, 19), 0), date(2026, 1, 19))
        self.assertEqual(self._add("2026-01-19", 0.5), date(2026, 1, 20), "part of a day counts whole")

    def test_working_days_tet_2026(self):
        # Tết 2026: Saturday 14 to Sunday 22 February.
        self.assertEqual(self._add(date(2026, 2, 13), 1), date(2026, 2, 23))
        self.assertEqual(self._add(date(2026, 2, 12), 2), date(2026, 2, 23))
        self.assertEqual(self._add(date(2026, 2, 10), 5), date(2026, 2, 24))
        self.assertEqual(self._add(date(2026, 2, 16), 1), date(2026, 2, 23), "from inside Tết")

    def test_working_days_april_may_2026(self):
        # Hung Kings (Monday 27/4), Reunification and Labour Day (Thursday 30/4, Friday 1/5).
        self.assertEqual(self._add(date(2026, 4, 24), 1), date(2026, 4, 28))
        self.assertEqual(self._add(date(2026, 4, 24), 3), date(2026, 5, 4))
        self.assertEqual(self._add(date(2026, 4, 24), 5), date(2026, 5, 6))
        self.assertEqual(self._add(date(2026, 4, 27), 1), date(2026, 4, 28), "from a holiday")
        self.assertEqual(self._add(date(2025, 12, 31), 1), date(2026, 1, 5), "New Year 1-4 January 2026")

    def test_holiday_added_as_data(self):
        self.assertEqual(self._add(date(2025, 3, 3), 2), date(2025, 3, 5))
        project = self._create_project(file_submitted_date="2025-03-03")
        self.assertEqual(project.next_step_due, date(2025, 4, 3))
        self._holiday(date(2025, 3, 5))
        self.assertEqual(self._add(date(2025, 3, 3), 2), date(2025, 3, 6))
        # Recording the holiday refreshes the stored due dates itself: the daily job does not.
        self.env.flush_all()
        project.invalidate_recordset()
        self.assertEqual(project.next_step_due, date(2025, 4, 4))

    # ------------------------------------------------------------------
    # Next step and due date per stage
    # ------------------------------------------------------------------
    def test_next_step_proposal(self):
        c = self._create_project(file_submitted_date="2025-03-03", project_group="c")
        b = self._create_project(file_submitted_date="2025-03-03", project_group="b")
        a = self._create_project(file_submitted_date="2025-03-03", project_group="a")
        # Groups B and C: 20 + 3 working days; group A: 30 + 5.
        self.assertEqual(c.next_step_due, date(2025, 4, 3))
        self.assertEqual(b.next_step_due, date(2025, 4, 3))
        self.assertEqual(a.next_step_due, date(2025, 4, 22))
        self.assertEqual(c.next_step, "policy_decision")
        self.assertEqual(c.next_step_basis, "Chương II, Nghị định 73/2019/NĐ-CP")
        # Without a complete file there is no legal due date yet.
        none = self._create_project()
        self.assertEqual(none.next_step, "policy_decision")
        self.assertFalse(none.next_step_due)
        self.assertFalse(none.next_step_basis)
        # The group changes the due date (stored, recomputed).
        c.project_group = "a"
        self.assertEqual(c.next_step_due, date(2025, 4, 22))
        c.file_submitted_date = "2026-02-05"
        self.assertEqual(c.next_step_due, date(2026, 4, 2))  # 35 working days across Tết

    def test_next_step_after_policy(self):
        project = self._create_project(file_submitted_date="2025-03-03")
        self._advance(project, "policy_approved")
        # The file for the previous decision no longer times anything.
        self.assertFalse(project.file_submitted_date)
        self.assertFalse(project.next_step_due)
        self.assertEqual(project.next_step, "investment_decision")
        project.file_submitted_date = "2026-02-05"
        self.assertEqual(project.next_step_due, date(2026, 3, 17))
        self._advance(project, "approved")
        self.assertEqual(project.next_step, "design_approval")
        self.assertFalse(project.next_step_due)

    def test_next_step_handover_and_warranty(self):
        expected = {"c": date(2025, 10, 30), "b": date(2025, 12, 30), "a": date(2026, 3, 30)}
        for group, due in expected.items():
            project = self._create_project(project_group=group)
            self._advance(project, "implementation")
            self.assertFalse(project.next_step_due)
            project.handover_date = "2025-06-30"
            self._advance(project, "handover")
            self.assertEqual(project.next_step, "settlement_file")
            self.assertEqual(project.next_step_due, due, f"group {group}")
            self.assertEqual(project.next_step_basis, "Điều 35, Nghị định 99/2021/NĐ-CP")
            self._advance(project, "warranty")
            self.assertEqual(project.next_step_due, due, f"group {group} in warranty")

    def test_next_step_settlement(self):
        # Review months then approval days: C 2 months + 7 days; B 2.5 months (2 months
        # + 15 days) + 10 days; A 4 months + 15 days.
        expected = {"c": date(2025, 5, 17), "b": date(2025, 6, 4), "a": date(2025, 7, 25)}
        for group, due in expected.items():
            project = self._advance(self._create_project(project_group=group), "settlement")
            self.assertEqual(project.next_step, "settlement_approval")
            self.assertFalse(project.next_step_due, "no settlement file yet")
            project.settlement_file_date = "2025-03-10"
            self.assertEqual(project.next_step_due, due, f"group {group}")

    def test_due_date_straddling_rule_change(self):
        # Decree 224/2026 (from 2026-07-01) gets a longer appraisal time in this test.
        self.env.ref("ttcp_projects.rule_appraisal_2242026").with_user(self.users["rules_admin"]).value = 40
        before = self._create_project(file_submitted_date="2026-06-25")
        after = self._create_project(file_submitted_date="2026-07-01")
        # The file reached the appraising body under the old decree (Decree 45/2026 since
        # 2026-03-01): 20 + 3 working days, even though the due date falls after 2026-07-01.
        self.assertEqual(before.next_step_due, date(2026, 7, 28))
        self.assertIn("45/2026", before.next_step_basis)
        self.assertEqual(after.next_step_due, date(2026, 8, 31))  # 40 + 3
        self.assertEqual(after.next_step_basis, "Chương VI, Nghị định 224/2026/NĐ-CP")
        # Settlement: a handover before the change keeps the old months.
        rule = self.env.ref("ttcp_projects.rule_settlement_file_c_1932026")
        rule.with_user(self.users["rules_admin"]).value = 5
        project = self._create_project(project_group="c")
        self._advance(project, "implementation")
        project.handover_date = "2026-06-30"
        self._advance(project, "handover")
        self.assertEqual(project.next_step_due, date(2026, 10, 30))
        project.handover_date = "2026-07-01"
        self.assertEqual(project.next_step_due, date(2026, 12, 1))

    def test_no_rule_no_due_date(self):
        project = self._create_project(file_submitted_date="2019-01-02")
        self.assertEqual(project.next_step, "policy_decision")
        self.assertFalse(project.next_step_due, "no rule in force in 2019-01")

    # ------------------------------------------------------------------
    # Lateness
    # ------------------------------------------------------------------
    def _milestone(self, project, deadline, reached=False, name="Milestone"):
        return self.env["project.milestone"].create(
            {
                "name": name,
                "project_id": project.project_id.id,
                "deadline": deadline,
                "is_reached": reached,
            }
        )

    def _late_setup(self):
        overdue = self._create_project(name="Overdue", file_submitted_date="2025-03-03")
        on_time = self._create_project(name="On time", file_submitted_date="2025-04-21")
        by_milestone = self._create_project(name="Milestones")
        self._milestone(by_milestone, "2025-04-01", name="Late 1")
        self._milestone(by_milestone, "2025-04-15", name="Late 2")
        self._milestone(by_milestone, "2025-04-10", reached=True, name="Reached")
        self._milestone(by_milestone, "2025-06-01", name="Future")
        self._milestone(on_time, "2025-06-01", name="Future")
        cancelled = self._create_project(name="Cancelled", file_submitted_date="2025-03-03")
        self._milestone(cancelled, "2025-04-01", name="Late but cancelled")
        cancelled.write({"stage": "cancelled", "cancel_reason": "No funding"})
        return overdue, on_time, by_milestone, cancelled

    @freeze_time("2025-05-01")
    def test_is_late_compute_and_search(self):
        overdue, on_time, by_milestone, cancelled = self._late_setup()
        projects = overdue | on_time | by_milestone | cancelled
        projects.invalidate_recordset(["is_late", "late_milestone_count"])
        # 23 working days from 2025-04-21, Saturday 26 April 2025 (make-up day) counted.
        self.assertEqual(on_time.next_step_due, date(2025, 5, 26))
        self.assertEqual(
            {p.name: (p.is_late, p.late_milestone_count) for p in projects},
            {
                "Overdue": (True, 0),
                "On time": (False, 0),
                "Milestones": (True, 2),
                "Cancelled": (False, 1),
            },
        )
        domain = [("id", "in", projects.ids)]
        self.assertEqual(self.Project.search(domain + [("is_late", "=", True)]), overdue | by_milestone)
        self.assertEqual(self.Project.search(domain + [("is_late", "=", False)]), on_time | cancelled)
        self.assertEqual(self.Project.search(domain + [("is_late", "!=", True)]), on_time | cancelled)
        self.assertEqual(self.Project.search(domain + [("is_late", "!=", False)]), overdue | by_milestone)

    def test_is_late_depends_on_today(self):
        project = self._create_project(file_submitted_date="2025-03-03")  # due 2025-04-03
        with freeze_time("2025-04-03"):
            project.invalidate_recordset(["is_late"])
            self.assertFalse(project.is_late, "due today is not late yet")
            self.assertFalse(self.Project.search([("id", "=", project.id), ("is_late", "=", True)]))
        with freeze_time("2025-04-04"):
            project.invalidate_recordset(["is_late"])
            self.assertTrue(project.is_late)
            self.assertTrue(self.Project.search([("id", "=", project.id), ("is_late", "=", True)]))

    @freeze_time("2025-05-01")
    def test_milestone_reached_clears_lateness(self):
        project = self._create_project()
        milestone = self._milestone(project, "2025-04-01")
        self.assertTrue(project.is_late)
        milestone.is_reached = True
        project.invalidate_recordset(["is_late", "late_milestone_count"])
        self.assertFalse(project.is_late)
        self.assertEqual(project.late_milestone_count, 0)

    # ------------------------------------------------------------------
    # Daily job
    # ------------------------------------------------------------------
    @freeze_time("2025-05-01")
    def test_cron_schedules_one_activity(self):
        overdue, on_time, by_milestone, cancelled = self._late_setup()
        projects = overdue | on_time | by_milestone | cancelled
        projects.write({"manager_id": self.manager.id})
        self.manager.lang = "en_US"  # the summary is written in the manager's language
        Activity = self.env["mail.activity"]
        domain = [("res_model", "=", self.Project._name), ("res_id", "in", projects.ids)]
        self.assertFalse(Activity.search(domain))
        self.Project._cron_check_deadlines()
        activities = Activity.search(domain)
        self.assertEqual(sorted(activities.mapped("res_id")), sorted((overdue | by_milestone).ids))
        self.assertEqual(activities.user_id, self.manager)
        self.assertEqual(set(activities.mapped("date_deadline")), {date(2025, 5, 1)})
        on_overdue = activities.filtered(lambda a: a.res_id == overdue.id)
        self.assertEqual(on_overdue.summary, "[TTCP] Overdue: Investment policy decision")
        self.assertIn("04/03/2025", str(on_overdue.note))
        on_ms = activities.filtered(lambda a: a.res_id == by_milestone.id)
        self.assertEqual(on_ms.summary, "[TTCP] Late milestones: 2")
        self.assertEqual(on_ms.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        # A second run does not duplicate them.
        self.Project._cron_check_deadlines()
        self.assertEqual(Activity.search(domain), activities)
        # Once the activity is done, a still-late project gets a new one.
        on_overdue.action_feedback(feedback="Reminded the appraising body")
        self.Project._cron_check_deadlines()
        self.assertEqual(len(Activity.search(domain + [("res_id", "=", overdue.id)])), 1)
