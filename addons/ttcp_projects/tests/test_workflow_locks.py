"""Issue 8: the rules hold on the record, whatever writes it (regression tests)."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TtcpProjectsCase
from .workflow_matrix import WorkflowMatrixCase

# AccessError and ValidationError are UserErrors: every refusal is one.
REFUSED = UserError


@tagged("post_install", "-at_install")
class TestWorkflowLocks(TtcpProjectsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department = cls.users["department"]
        cls.board = cls.users["board"]
        cls.manager = cls.users["manager"]
        cls.finance = cls.users["finance"]
        cls.other_project = cls._create_project(
            name="Other unit's project", code="WF-OTHER", department_id=cls.dept_other.id
        )

    def _row(self, record):
        self.env.flush_all()
        self.env.cr.execute(f'SELECT * FROM "{record._table}" WHERE id = %s', [record.id])
        return self.env.cr.fetchone()

    def assertRefusedUnchanged(self, records, action, pattern=None):
        """``action`` is refused with a message (``pattern``) and ``records`` keep their rows."""
        records = records if isinstance(records, list | tuple) else [records]
        before = [self._row(r) for r in records]
        with self.assertRaises(REFUSED) as caught, mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            action()
            self.env.flush_all()
        if pattern:
            self.assertRegex(str(caught.exception), pattern)
        self.env.invalidate_all()
        self.assertEqual([self._row(r) for r in records], before)
        return caught.exception

    # 1. Access widened through editable data ----------------------------
    def test_finding1_department_user_cannot_reshape_departments(self):
        """Moving another department under its own would hand its records to the user."""
        Project = self.Project.with_user(self.department)
        self.assertNotIn(self.other_project, Project.search([]))
        self.assertRefusedUnchanged(
            self.dept_other,
            lambda: self.dept_other.with_user(self.department).write({"parent_id": self.dept_centre.id}),
            "HR officer",
        )
        self.assertRefusedUnchanged(
            self.dept_other,
            lambda: self.env["hr.department"]
            .with_user(self.department)
            .create({"name": "Shadow unit", "parent_id": self.dept_centre.id}),
        )
        self.assertRefusedUnchanged(
            self.department,
            lambda: self.department.with_user(self.department).write({"department_id": self.dept_other.id}),
        )
        self.env.invalidate_all()
        self.assertNotIn(self.other_project, Project.search([]))
        self.assertFalse(self.other_project.with_user(self.department).has_access("read"))
        # An HR officer still shapes the tree.
        self.department.write({"groups_id": [(4, self.env.ref("hr.group_hr_user").id)]})
        self.dept_other.with_user(self.department).write({"name": "Test Cục III (renamed)"})

    # 5. Manager-only steps by plain write ------------------------------
    def test_finding5_board_user_cannot_cancel_or_archive_by_write(self):
        project = self._create_project(name="Cancel me", code="WF-CANCEL")
        as_board = project.with_user(self.board)
        self.assertRefusedUnchanged(
            project,
            lambda: as_board.write({"stage": "cancelled", "cancel_reason": "No money"}),
            "only the group",
        )
        self.assertRefusedUnchanged(project, lambda: as_board.write({"active": False}), "archive")
        self.assertRefusedUnchanged(project, lambda: as_board.action_archive())
        project.with_user(self.manager).write({"stage": "cancelled", "cancel_reason": "No money"})
        self.assertEqual(project.stage, "cancelled")
        project.with_user(self.manager).action_archive()
        self.assertFalse(project.active)

    def test_finding5_progress_report_review_and_directions(self):
        Report = self.env["ttcp.progress.report"]
        report = Report.with_user(self.department).create(
            {"department_id": self.dept_centre.id, "period_type": "quarterly", "year": 2026, "period": 3}
        )
        as_dept = report.with_user(self.department)
        self.assertRefusedUnchanged(
            report,
            lambda: as_dept.write({"directions": "<p>Approved by the leader</p>"}),
            "can no longer change",
        )
        self.assertRefusedUnchanged(
            report,
            lambda: Report.with_user(self.department).create(
                {
                    "department_id": self.dept_centre.id,
                    "period_type": "quarterly",
                    "year": 2026,
                    "period": 4,
                    "directions": "<p>Forged</p>",
                }
            ),
            "leadership directions",
        )
        self.assertIs(as_dept.action_submit(), True)
        self.assertRefusedUnchanged(report, lambda: as_dept.write({"state": "reviewed"}), "only the group")
        self.assertRefusedUnchanged(report, lambda: as_dept.write({"achievements": "<p>More</p>"}))
        self.assertIs(
            report.with_user(self.manager).write({"state": "reviewed", "directions": "<p>Speed up</p>"}), True
        )
        for vals in ({"state": "draft"}, {"state": "submitted"}, {"directions": "<p>Other</p>"}):
            self.assertRefusedUnchanged(report, lambda v=vals: report.with_user(self.manager).write(v))
        self.assertRefusedUnchanged(report, lambda: report.with_user(self.manager).unlink(), "never deleted")

    # 6. Decisions edited after the fact ------------------------------------
    def test_finding6_decisions_and_adjustments_are_history(self):
        project = self._advance(self._create_project(name="Decided", code="WF-DEC"), "approved")
        decision = project.decision_ids.filtered(lambda d: d.decision_type == "investment")
        for vals in ({"amount": 1}, {"number": "999/QĐ"}, {"date": "2024-01-01"}, {"decision_type": "other"}):
            self.assertRefusedUnchanged(
                [decision, project],
                lambda v=vals: decision.with_user(self.board).write(v),
                "can no longer change",
            )
        decision.with_user(self.board).write({"note": "Scan attached"})
        plan = self.Plan.create(
            {
                "investment_project_id": project.id,
                "year": 2026,
                "funding_source_id": self.source.id,
                "amount_allocated": 1_000_000_000,
            }
        )
        other_plan = self.Plan.create(
            {
                "investment_project_id": project.id,
                "year": 2027,
                "funding_source_id": self.source.id,
                "amount_allocated": 1_000_000_000,
            }
        )
        adjustment = self.Adjustment.with_user(self.finance).create(
            {
                "plan_id": plan.id,
                "decision_number": "5/QĐ",
                "date": "2026-03-01",
                "amount_change": 200_000_000,
            }
        )
        for vals in ({"amount_change": 1}, {"decision_number": "6/QĐ"}, {"plan_id": other_plan.id}):
            self.assertRefusedUnchanged([adjustment, plan, other_plan], lambda v=vals: adjustment.write(v))
        self.assertRefusedUnchanged(adjustment, lambda: adjustment.unlink())
        self.assertRefusedUnchanged(adjustment, lambda: adjustment.sudo().unlink(), "never deleted")
        for vals in (
            {"year": 2025},
            {"funding_source_id": self.source_recurrent.id},
            {"amount_allocated": 5},
        ):
            self.assertRefusedUnchanged(plan, lambda v=vals: plan.with_user(self.finance).write(v))
        self.assertEqual(plan.amount, 1_200_000_000)

    # 7. Clients see a failure for a success --------------------------------
    def test_finding7_actions_return_a_value(self):
        report = self.env["ttcp.progress.report"].create(
            {"department_id": self.dept_centre.id, "period_type": "monthly", "year": 2026, "period": 5}
        )
        for action in ("action_prefill", "action_submit", "action_reset_draft", "action_submit"):
            self.assertIsNotNone(getattr(report, action)(), action)
        self.assertIsNotNone(report.with_user(self.manager).action_review())
        project = self._create_project(name="Steps", code="WF-STEPS")
        self._decide(project, "policy")
        self.assertIsNotNone(project.action_next_stage())

    # 8. Raw errors -----------------------------------------------------------
    def test_finding8_bad_values_get_a_message(self):
        project = self._create_project(name="Typed", code="WF-TYPED")
        as_board = project.with_user(self.board)
        cases = [
            {"file_submitted_date": "2026-13-45"},
            {"file_submitted_date": "99999-01-01"},
            {"handover_date": "abc"},
            {"department_id": "abc"},
            {"department_id": 10**12},
            {"start_year": 10**12},
            {"start_year": "2020"},
            {"name": "   "},
            {"name": False},
            {"project_group": "z"},
        ]
        for vals in cases:
            with self.subTest(vals=vals):
                error = self.assertRefusedUnchanged(project, lambda v=vals: as_board.write(v))
                self.assertIsInstance(error, ValidationError)
                self.assertNotIn("psycopg2", str(error))
        rule = self.Rule.with_user(self.users["rules_admin"])
        error = self.assertRefusedUnchanged(
            self.dept_centre,
            lambda: rule.create(
                {
                    "name": "Huge",
                    "code": "test.huge_days",
                    "value": 1e7,
                    "unit": "days",
                    "date_from": "2026-01-01",
                    "legal_basis": "Test",
                }
            ),
            "cannot exceed",
        )
        self.assertNotIn("out of range", str(error))
        with self.assertRaises(ValidationError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.Project.create({"name": " ", "department_id": self.dept_centre.id})

    def test_finding8_refused_create_uses_no_number(self):
        Project = self.Project.with_user(self.board)
        first = Project.create({"name": "Numbered 1", "department_id": self.dept_centre.id})
        with self.assertRaises(REFUSED), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            Project.create({"name": "Refused", "department_id": self.dept_centre.id, "start_year": 1800})
        second = Project.create({"name": "Numbered 2", "department_id": self.dept_centre.id})
        prefix, number = first.code.rsplit("-", 1)
        self.assertEqual(second.code, f"{prefix}-{int(number) + 1:03d}")


@tagged("post_install", "-at_install")
class TestProjectsWorkflowMatrix(WorkflowMatrixCase):
    matrix_models = (
        "ttcp.investment.project",
        "ttcp.progress.report",
        "ttcp.project.decision",
        "ttcp.capital.plan",
        "ttcp.capital.plan.adjustment",
    )
    matrix_groups = {
        "department": "ttcp_projects.group_department_user",
        "board": "ttcp_projects.group_board_user",
        "manager": "ttcp_projects.group_board_manager",
        "finance": "ttcp_projects.group_finance",
        "leadership": "ttcp_projects.group_leadership",
        "rules_admin": "ttcp_projects.group_rules_admin",
    }
    matrix_department = "ttcp_projects.demo_dep_ttcp"

    def test_workflow_matrix(self):
        self._run_workflow_matrix()
