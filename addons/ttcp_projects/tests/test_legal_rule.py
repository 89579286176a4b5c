from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import TtcpProjectsCase

APPRAISAL = "project.appraisal_working_days"


@tagged("post_install", "-at_install")
class TestLegalRule(TtcpProjectsCase):
    """Dated legal rules: look-up by date and case, overlaps, deadline refresh."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.RuleAdmin = cls.Rule.with_user(cls.users["rules_admin"])

    def _rule_vals(self, **vals):
        values = {
            "name": "Test appraisal rule",
            "code": APPRAISAL,
            "value": 10,
            "unit": "working_days",
            "date_from": "1990-01-01",
            "date_to": "1999-12-31",
            "legal_basis": "Nghị định thử nghiệm",
            "article": "Điều 1",
        }
        values.update(vals)
        return values

    # ------------------------------------------------------------------
    # Look-up
    # ------------------------------------------------------------------
    def test_rule_in_force_on_both_sides_of_effective_date(self):
        old = self.env.ref("ttcp_projects.rule_appraisal_7319")
        mid = self.env.ref("ttcp_projects.rule_appraisal_452026")
        new = self.env.ref("ttcp_projects.rule_appraisal_2242026")
        self.assertEqual(self.Rule._find(APPRAISAL, "2026-02-28"), old)
        self.assertEqual(self.Rule._find(APPRAISAL, "2026-03-01"), mid)
        self.assertEqual(self.Rule._find(APPRAISAL, "2026-06-30"), mid)
        self.assertEqual(self.Rule._find(APPRAISAL, date(2026, 7, 1)), new)
        self.assertEqual(self.Rule._find(APPRAISAL, "2019-10-20"), old, "first day in force")
        self.assertEqual(self.Rule._find(APPRAISAL, "2040-01-01"), new, "open-ended rule")
        # Settlement rules: Decree 99/2021 until 2026-06-30, Decree 193/2026 from 2026-07-01.
        self.assertEqual(
            self.Rule._find("project.settlement_file_months", "2026-06-30", project_group="b"),
            self.env.ref("ttcp_projects.rule_settlement_file_b_9921"),
        )
        self.assertEqual(
            self.Rule._find("project.settlement_file_months", "2026-07-01", project_group="b"),
            self.env.ref("ttcp_projects.rule_settlement_file_b_1932026"),
        )

    def test_most_specific_rule_wins(self):
        dims = {"project_type": "investment"}
        rule_a = self.Rule._find(APPRAISAL, "2025-05-01", project_group="a", **dims)
        rule_b = self.Rule._find(APPRAISAL, "2025-05-01", project_group="b", **dims)
        rule_none = self.Rule._find(APPRAISAL, "2025-05-01")
        self.assertEqual(rule_a, self.env.ref("ttcp_projects.rule_appraisal_a_7319"))
        self.assertEqual(rule_a.value, 30)
        self.assertEqual(rule_b, self.env.ref("ttcp_projects.rule_appraisal_7319"))
        self.assertEqual(rule_b.value, 20)
        self.assertEqual(rule_none.value, 20, "a group-A rule never fits a case without group")
        self.assertEqual(
            self.Rule._find("project.decision_working_days", "2026-08-01", project_group="a").value, 5
        )
        # Two matching dimensions beat one.
        both = self.RuleAdmin.create(
            self._rule_vals(
                value=45,
                date_from="2019-10-20",
                date_to="2026-06-30",
                project_group="a",
                project_type="procurement",
            )
        )
        self.assertEqual(
            self.Rule._find(APPRAISAL, "2025-05-01", project_group="a", project_type="procurement"),
            both,
        )
        self.assertEqual(
            self.Rule._find(APPRAISAL, "2025-05-01", project_group="a", project_type="investment"),
            rule_a,
        )

    def test_settlement_rules_per_group(self):
        values = {
            group: self.Rule._find(
                "project.settlement_review_months", "2025-05-01", project_group=group
            ).value
            for group in ("a", "b", "c")
        }
        self.assertEqual(values, {"a": 4, "b": 2.5, "c": 2})
        self.assertFalse(
            self.Rule._find("project.settlement_review_months", "2025-05-01"),
            "settlement rules exist per group only",
        )

    def test_no_rule(self):
        self.assertFalse(self.Rule._find("project.no_such_rule", "2025-01-01"))
        self.assertFalse(self.Rule._find(APPRAISAL, "1999-12-31"), "before every recorded period")
        with self.assertRefused(UserError, "project.no_such_rule"):
            self.Rule._get("project.no_such_rule", "2025-01-01")
        with self.assertRefused(UserError, r"No legal rule 'project.appraisal_working_days'.*12/31/1999"):
            self.Rule._get(APPRAISAL, "1999-12-31", if_applied=True)
        # Before Decree 73/2019 the period is recorded as not applied: a check that needs a
        # figure stops naming its basis; one that applies only where known gets nothing.
        earlier = self.Rule._find(APPRAISAL, "2019-10-19")
        self.assertFalse(earlier.applied)
        with self.assertRefused(UserError, r"no figure the suite applies on 10/19/2019.*102/2009"):
            self.Rule._get(APPRAISAL, "2019-10-19")
        self.assertFalse(self.Rule._get(APPRAISAL, "2019-10-19", if_applied=True))
        self.assertEqual(
            self.Rule._get(APPRAISAL, "2025-01-01"), self.env.ref("ttcp_projects.rule_appraisal_7319")
        )

    def test_archived_rule_not_used(self):
        rule = self.env.ref("ttcp_projects.rule_appraisal_a_7319")
        rule.with_user(self.users["rules_admin"]).active = False
        found = self.Rule._find(APPRAISAL, "2025-05-01", project_group="a")
        self.assertEqual(found, self.env.ref("ttcp_projects.rule_appraisal_7319"))

    def test_apply_units(self):
        rule = self.RuleAdmin.create(self._rule_vals(code="test.months", unit="months", value=2.5))
        self.assertEqual(rule._apply_to(date(2025, 3, 10)), date(2025, 5, 25))
        rule.value = 1
        self.assertEqual(rule._apply_to(date(2025, 1, 31)), date(2025, 2, 28))
        rule.write({"unit": "days", "value": 10})
        self.assertEqual(rule._apply_to(date(2025, 12, 25)), date(2026, 1, 4))
        rule.write({"unit": "working_days", "value": 1})
        self.assertEqual(rule._apply_to(date(2026, 1, 16)), date(2026, 1, 19))
        rule.write({"unit": "vnd", "value": 1000})
        with self.assertRefused(UserError, "not a duration"):
            rule._apply_to(date(2025, 1, 1))

    # ------------------------------------------------------------------
    # Overlaps
    # ------------------------------------------------------------------
    def test_overlap_refused(self):
        with self.assertRefused(ValidationError, "overlaps"):
            self.RuleAdmin.create(self._rule_vals(date_from="2026-01-01", date_to=False))
        with self.assertRefused(ValidationError, "overlaps"):
            # Touches the first day of Decree 73/2019's rule.
            self.RuleAdmin.create(self._rule_vals(date_from="2019-10-20", date_to="2019-10-20"))
        with self.assertRefused(ValidationError, "overlaps"):
            # Starts after the open-ended rule of Decree 224/2026.
            self.RuleAdmin.create(self._rule_vals(date_from="2030-01-01", date_to=False))
        # Right before the first rule: no overlap.
        before = self.RuleAdmin.create(self._rule_vals())
        self.assertEqual(self.Rule._find(APPRAISAL, "1995-01-01"), before)
        # Another case (group B only) may overlap the default rule.
        group_b = self.RuleAdmin.create(
            self._rule_vals(date_from="2020-01-01", date_to="2020-12-31", project_group="b")
        )
        # ... but not become the default rule by an edit.
        with self.assertRefused(ValidationError, "overlaps"):
            group_b.project_group = False
        # End the rule in force, then the next one may start.
        current = self.env.ref("ttcp_projects.rule_appraisal_2242026")
        current.with_user(self.users["rules_admin"]).date_to = "2029-12-31"
        nxt = self.RuleAdmin.create(self._rule_vals(date_from="2030-01-01", date_to=False, value=15))
        self.assertEqual(self.Rule._find(APPRAISAL, "2029-12-31"), current)
        self.assertEqual(self.Rule._find(APPRAISAL, "2030-01-01"), nxt)

    def test_archived_rule_may_overlap(self):
        archived = self.RuleAdmin.create(self._rule_vals(date_from="2026-01-01", date_to=False, active=False))
        self.assertFalse(archived.active)
        with self.assertRefused(ValidationError, "overlaps"):
            archived.active = True

    # ------------------------------------------------------------------
    # Rule edits refresh the projects' stored due dates
    # ------------------------------------------------------------------
    def test_rule_edit_refreshes_project_deadlines(self):
        project = self._create_project(file_submitted_date="2025-03-03")  # group C
        self.assertEqual(project.next_step_due, date(2025, 4, 3))  # 20 + 3 working days
        self.env.ref("ttcp_projects.rule_appraisal_7319").with_user(self.users["rules_admin"]).value = 10
        self.env.flush_all()
        project.invalidate_recordset()
        self.assertEqual(project.next_step_due, date(2025, 3, 20))  # 10 + 3 working days
        # A new, more specific rule (group C) is picked up at once as well.
        self.RuleAdmin.create(
            self._rule_vals(
                value=25,
                date_from="2019-10-20",
                date_to="2026-06-30",
                project_group="c",
                legal_basis="Nghị định nhóm C",
            )
        )
        self.env.flush_all()
        project.invalidate_recordset()
        self.assertEqual(project.next_step_due, date(2025, 4, 11))  # 25 + 3 working days
        self.assertIn("Nghị định nhóm C", project.next_step_basis)
        # Stored: a search on the due date sees the new value.
        self.assertIn(project, self.Project.search([("next_step_due", "=", "2025-04-11")]))
