import re
from datetime import date, timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import TtcpProjectsCase

APPRAISAL = "project.appraisal_working_days"
ONE_STEP = "project.one_step_design_max_investment"


@tagged("post_install", "-at_install")
class TestLegalRulePeriods(TtcpProjectsCase):
    """Issue 9: the corrected periods (DOMAIN.md §3.4), make-up working days, sources."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("ttcp_projects.resource_calendar_state_agency")

    def _ref(self, xmlid):
        return self.env.ref(f"ttcp_projects.{xmlid}")

    def _add(self, day, days):
        return self.Rule._add_working_days(day, days)

    # ------------------------------------------------------------------
    # IT-project periods: Decree 73/2019 -> Resolution 04/2025 -> Decree 45/2026 -> Decree 224/2026
    # ------------------------------------------------------------------
    def test_decree_45_2026_period(self):
        for code, suffix in (
            (APPRAISAL, "appraisal"),
            ("project.decision_working_days", "decision"),
            ("project.warranty_min_months", "warranty_months"),
        ):
            for group, infix in (("b", ""), ("a", "_a")):
                cases = [
                    ("2026-02-28", f"rule_{suffix}{infix}_7319"),
                    ("2026-03-01", f"rule_{suffix}{infix}_452026"),
                    ("2026-06-30", f"rule_{suffix}{infix}_452026"),
                    ("2026-07-01", f"rule_{suffix}{infix}_2242026"),
                ]
                for day, xmlid in cases:
                    with self.subTest(code=code, group=group, day=day):
                        self.assertEqual(self.Rule._find(code, day, project_group=group), self._ref(xmlid))
        self.assertIn("45/2026", self._ref("rule_appraisal_452026").legal_basis)
        self.assertNotIn("45/2026", self._ref("rule_appraisal_7319").legal_basis)

    def test_resolution_04_2025_one_step_design(self):
        dims = {"project_group": "c", "project_type": "investment"}
        cases = [
            ("2025-08-19", "rule_one_step_7319"),
            ("2025-08-20", "rule_one_step_nq042025"),
            ("2026-02-28", "rule_one_step_nq042025"),
            ("2026-03-01", "rule_one_step_452026"),
            ("2026-06-30", "rule_one_step_452026"),
            ("2026-07-01", "rule_one_step_2242026"),
        ]
        for day, xmlid in cases:
            with self.subTest(day=day):
                self.assertEqual(self.Rule._find(ONE_STEP, day, **dims), self._ref(xmlid))
        self.assertIn("04/2025/NQ-CP", self._ref("rule_one_step_nq042025").legal_basis)
        # Procurement / replacement projects: one-step design at any value from 2025-08-20.
        procurement = {"project_group": "b", "project_type": "procurement"}
        self.assertEqual(self.Rule._find(ONE_STEP, "2025-08-19", **procurement).value, 20_000_000_000)
        any_value = self.Rule._find(ONE_STEP, "2025-08-20", **procurement)
        self.assertEqual(any_value, self._ref("rule_one_step_procurement_nq042025"))
        self.assertGreaterEqual(any_value.value, 10**14)

    def test_one_step_procurement_project_any_value(self):
        """A 50-billion procurement project decided on 2025-08-20 is one-step; the day before it is not."""
        before = self._create_project(project_type="procurement", project_group="b")
        self._decide(before, "investment", amount=50_000_000_000, date="2025-08-19")
        after = self._create_project(project_type="procurement", project_group="b")
        self._decide(after, "investment", amount=50_000_000_000, date="2025-08-20")
        self.assertFalse(before._is_one_step_design())
        self.assertTrue(after._is_one_step_design())
        investment = self._create_project(project_type="investment", project_group="b")
        self._decide(investment, "investment", amount=50_000_000_000, date="2025-08-20")
        self.assertFalse(investment._is_one_step_design())

    # ------------------------------------------------------------------
    # Holidays and make-up working days
    # ------------------------------------------------------------------
    def test_new_year_2026_is_four_days(self):
        # 1-4 January 2026 off: Wednesday 31 December + 1 working day -> Monday 5 January.
        self.assertEqual(self._add(date(2025, 12, 31), 1), date(2026, 1, 5))
        # Thursday 30 April 2025 - Sunday 4 May 2025 off.
        self.assertEqual(self._add(date(2025, 4, 29), 1), date(2025, 5, 5))

    def test_makeup_day_counts_as_working_day(self):
        # Saturday 10 January 2026 is worked (making up Friday 2 January).
        self.assertEqual(self._add(date(2026, 1, 9), 1), date(2026, 1, 10))
        self.assertEqual(self._add(date(2026, 1, 9), 2), date(2026, 1, 12))
        # Saturday 26 April 2025 is worked (making up Friday 2 May).
        self.assertEqual(self._add(date(2025, 4, 25), 1), date(2025, 4, 26))
        # Another Saturday is not.
        self.assertEqual(self._add(date(2026, 1, 16), 1), date(2026, 1, 19))

    def test_makeup_day_added_as_data_moves_stored_due_dates(self):
        # Friday 6 March 2026 + 1 working day: Monday 9 March; with Saturday 7 March worked: 7 March.
        self.assertEqual(self._add(date(2026, 3, 6), 1), date(2026, 3, 9))
        project = self._create_project(file_submitted_date="2026-03-06")  # group C: 20 + 3 working days
        due = project.next_step_due
        self.assertEqual(due, self._add(date(2026, 3, 6), 23))
        makeup = (
            self.env["ttcp.calendar.makeup.day"]
            .with_user(self.users["rules_admin"])
            .create({"name": "Test make-up Saturday", "calendar_id": self.calendar.id, "date": "2026-03-07"})
        )
        self.assertEqual(self._add(date(2026, 3, 6), 1), date(2026, 3, 7))
        self.env.flush_all()
        project.invalidate_recordset()
        self.assertEqual(
            project.next_step_due, due - timedelta(days=1), "one more working day: due a day earlier"
        )
        makeup.with_user(self.users["rules_admin"]).unlink()
        self.env.flush_all()
        project.invalidate_recordset()
        self.assertEqual(project.next_step_due, due)

    def test_holiday_added_moves_stored_due_dates_at_once(self):
        project = self._create_project(file_submitted_date="2026-03-06")
        due = project.next_step_due
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Test holiday",
                "calendar_id": self.calendar.id,
                "date_from": "2026-03-09 17:00:00",
                "date_to": "2026-03-10 16:59:59",
                "time_type": "leave",
            }
        )
        self.env.flush_all()
        project.invalidate_recordset()
        self.assertEqual(project.next_step_due, self._add(date(2026, 3, 6), 23))
        self.assertGreater(project.next_step_due, due)

    # ------------------------------------------------------------------
    # Every seeded rule says where its figure came from
    # ------------------------------------------------------------------
    def test_every_rule_has_a_source_and_cites_no_outside_file(self):
        rules = self.Rule.with_context(active_test=False).search([])
        self.assertTrue(rules)
        for rule in rules:
            with self.subTest(rule=rule.display_name):
                self.assertIn(rule.source, ("brief", "developer", "verified"))
                self.assertFalse(
                    re.search(r"\.md\b|DOMAIN", rule.note or ""), "cites a file outside the repository"
                )
                if rule.source == "verified":
                    self.assertTrue(rule.basis_verified)

    # ------------------------------------------------------------------
    # One way to read a rule
    # ------------------------------------------------------------------
    def test_consumer_reads_with_its_dimensions_and_names_a_missing_rule(self):
        project = self._create_project(project_group="a")
        self.assertEqual(project._legal_rule(APPRAISAL, date(2025, 5, 1)).value, 30, "group A's rule")
        with self.assertRefused(UserError, r"project\.appraisal_working_days.*01/01/2019"):
            project._legal_rule(APPRAISAL, date(2019, 1, 1))
        # The stored fields that follow the rules are declared by the consumer itself.
        self.assertEqual(
            type(self.Project)._legal_rule_dependent_fields, ("next_step", "next_step_due", "next_step_basis")
        )
