from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import TtcpProjectsCase

# What each group may do on each model: c(reate) r(ead) w(rite) u(nlink).
# Unlink rights are granted where the business rules allow a deletion.
EXPECTED = {
    "ttcp.investment.project": {
        "department": "r",
        "board": "crw",
        "manager": "crwu",
        "finance": "r",
        "leadership": "r",
        "rules_admin": "r",
        "internal": "",
    },
    "ttcp.project.decision": {
        "department": "r",
        "board": "crw",
        "manager": "crwu",
        "finance": "r",
        "leadership": "r",
        "rules_admin": "r",
        "internal": "",
    },
    "ttcp.capital.plan": {
        "department": "r",
        "board": "r",
        "manager": "r",
        "finance": "crwu",
        "leadership": "r",
        "rules_admin": "r",
        "internal": "",
    },
    "ttcp.capital.plan.adjustment": {
        "department": "r",
        "board": "r",
        "manager": "r",
        # a decision once recorded: corrected by a new adjustment, never rewritten
        "finance": "cr",
        "leadership": "r",
        "rules_admin": "r",
        "internal": "",
    },
    "ttcp.progress.report": {
        "department": "crw",
        "board": "crw",
        "manager": "crwu",
        "finance": "r",
        "leadership": "r",
        "rules_admin": "",
        "internal": "",
    },
    "ttcp.legal.rule": {
        "department": "r",
        "board": "r",
        "manager": "r",
        "finance": "r",
        "leadership": "r",
        "rules_admin": "crwu",
        "internal": "r",
    },
    "ttcp.funding.source": {
        "department": "r",
        "board": "r",
        "manager": "r",
        "finance": "crw",
        "leadership": "r",
        "rules_admin": "crwu",
        "internal": "r",
    },
    "ttcp.project.cancel.wizard": {
        "department": "",
        "board": "",
        "manager": "crwu",
        "finance": "",
        "leadership": "",
        "rules_admin": "",
        "internal": "",
    },
}


@tagged("post_install", "-at_install")
class TestAccessRights(TtcpProjectsCase):
    """Each group tries create, read, write and unlink on each model."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users["internal"] = new_test_user(cls.env, login="ttcp_test_internal", groups="base.group_user")
        cls.project = cls._create_project(name="Access project", code="ACL-1")
        cls.plan = cls.Plan.create(
            {
                "investment_project_id": cls.project.id,
                "year": 2026,
                "funding_source_id": cls.source.id,
                "amount_allocated": 5_000_000_000,
            }
        )

    # One builder per model: values for a new record, and the record to read/write/delete.
    _counter = 0
    _plan_years = 0

    @classmethod
    def _next_plan_year(cls):
        cls._plan_years += 1
        return cls._plan_years

    def _values(self, model):
        TestAccessRights._counter += 1
        seq = self._counter
        return {
            "ttcp.investment.project": {
                "name": "New",
                "code": f"ACL-N-{seq}",
                "department_id": self.dept_centre.id,
            },
            "ttcp.project.decision": {
                "investment_project_id": self.project.id,
                "decision_type": "other",
                "number": f"ACL/{seq}",
                "date": "2026-01-05",
            },
            "ttcp.capital.plan": {
                "investment_project_id": self.project.id,
                "year": 1989 + self._next_plan_year(),
                "funding_source_id": self.source_recurrent.id,
                "amount_allocated": 1_000_000,
            },
            "ttcp.capital.plan.adjustment": {
                "plan_id": self.plan.id,
                "date": "2026-03-01",
                "decision_number": f"ADJ/{seq}",
                "amount_change": 1_000_000,
            },
            "ttcp.progress.report": {
                "department_id": self.dept_centre.id,
                "period_type": "quarterly",
                "year": 2026,
                "period": 3,
            },
            "ttcp.legal.rule": {
                "name": "Test rule",
                "code": f"test.acl_{seq}",
                "value": 1,
                "unit": "days",
                "date_from": "2026-01-01",
                "legal_basis": "Test",
            },
            "ttcp.funding.source": {"name": "Test source", "code": f"ACL-{seq}"},
            "ttcp.project.cancel.wizard": {"investment_project_id": self.project.id, "reason": "Test"},
        }[model]

    def _write_values(self, model):
        return {
            "ttcp.investment.project": {"name": "Renamed"},
            "ttcp.project.decision": {"note": "Scan received"},
            "ttcp.capital.plan": {"allocation_decision": "12/QĐ"},
            "ttcp.capital.plan.adjustment": {"reason": "Updated"},
            "ttcp.progress.report": {"difficulties": "<p>Khó khăn</p>"},
            "ttcp.legal.rule": {"note": "Updated"},
            "ttcp.funding.source": {"note": "Updated"},
            "ttcp.project.cancel.wizard": {"reason": "Updated"},
        }[model]

    def _can(self, user, model, operation):
        """Try ``operation`` as ``user``; True if allowed, False on AccessError."""
        Model = self.env[model]
        target = Model.create(self._values(model))  # as superuser
        if Model._transient:
            # A wizard is only ever seen by the user who opened it.
            try:
                with self.env.cr.savepoint():
                    target = Model.with_user(user).create(self._values(model))
            except AccessError:
                if operation != "c":
                    return False
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.models", "odoo.addons.base.models.ir_rule"):
                as_user = target.with_user(user)
                if operation == "c":
                    Model.with_user(user).create(self._values(model))
                elif operation == "r":
                    as_user.read(["display_name"])
                elif operation == "w":
                    as_user.write(self._write_values(model))
                elif operation == "u":
                    as_user.unlink()
        except AccessError:
            return False
        return True

    def test_access_matrix(self):
        for model, per_group in EXPECTED.items():
            for group, allowed in per_group.items():
                user = self.users[group]
                for operation in "crwu":
                    with self.subTest(model=model, group=group, operation=operation):
                        self.assertEqual(
                            self._can(user, model, operation),
                            operation in allowed,
                            f"{group} {'may' if operation in allowed else 'may not'} "
                            f"{dict(c='create', r='read', w='write', u='delete')[operation]} {model}",
                        )

    def test_department_user_sees_only_its_department(self):
        other_project = self._create_project(
            name="Other unit", code="ACL-OTHER", department_id=self.dept_other.id
        )
        other_plan = self.Plan.create(
            {
                "investment_project_id": other_project.id,
                "year": 2026,
                "funding_source_id": self.source.id,
                "amount_allocated": 1_000_000,
            }
        )
        department = self.users["department"]
        Project = self.Project.with_user(department)
        self.assertIn(self.project, Project.search([]))
        self.assertNotIn(other_project, Project.search([]))
        with self.assertRaises(AccessError):
            other_project.with_user(department).read(["name"])
        with self.assertRaises(AccessError):
            other_plan.with_user(department).read(["amount"])
        self.assertFalse(self.Plan.with_user(department).search([("id", "=", other_plan.id)]))
        # A user of the other unit sees the other project, not the centre's.
        other_user = new_test_user(
            self.env, login="ttcp_test_other_unit", groups="ttcp_projects.group_department_user"
        )
        self.env["hr.employee"].create(
            {"name": "Other", "user_id": other_user.id, "department_id": self.dept_other.id}
        )
        self.assertEqual(self.Project.with_user(other_user).search([("code", "like", "ACL-")]), other_project)
        # Leadership and finance see both.
        for key in ("leadership", "finance", "board"):
            with self.subTest(group=key):
                self.assertTrue(
                    {self.project, other_project} <= set(self.Project.with_user(self.users[key]).search([]))
                )

    def test_department_user_reports_for_its_department_only(self):
        department = self.users["department"]
        report = (
            self.env["ttcp.progress.report"]
            .with_user(department)
            .create(
                {"department_id": self.dept_centre.id, "period_type": "monthly", "year": 2026, "period": 10}
            )
        )
        report.action_prefill()
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_rule"):
            self.env["ttcp.progress.report"].with_user(department).create(
                {"department_id": self.dept_other.id, "period_type": "monthly", "year": 2026, "period": 10}
            )
        # Only a board manager reviews.
        report.action_submit()
        with self.assertRaises(UserError):
            report.action_review()
        report.with_user(self.users["manager"]).action_review()
        self.assertEqual(report.state, "reviewed")

    def test_multi_company(self):
        company_2 = self.env["res.company"].create({"name": "Other agency"})
        foreign = self._create_project(
            name="Foreign", code="ACL-FOREIGN", company_id=company_2.id, department_id=False
        )
        for key in ("board", "leadership", "finance"):
            with self.subTest(group=key):
                self.assertNotIn(foreign, self.Project.with_user(self.users[key]).search([]))
                with self.assertRaises(AccessError):
                    foreign.with_user(self.users[key]).read(["name"])

    def test_plain_internal_user_cannot_read_projects(self):
        with self.assertRaises(AccessError):
            self.Project.with_user(self.users["internal"]).search([])

    def test_leadership_changes_nothing(self):
        leader = self.users["leadership"]
        for action in (
            lambda: self.project.with_user(leader).action_next_stage(),
            lambda: self.plan.with_user(leader).write({"amount_allocated": 1}),
            lambda: self.Decision.with_user(leader).create(self._values("ttcp.project.decision")),
        ):
            with self.assertRaises(AccessError):
                action()
        self.assertEqual(self.project.stage, "proposal")
        self.assertEqual(self.plan.amount_allocated, 5_000_000_000)

    def test_board_user_cannot_cancel_but_manager_can(self):
        project = self._create_project(name="To cancel", code="ACL-CANCEL")
        with self.assertRaises(AccessError):
            self.env["ttcp.project.cancel.wizard"].with_user(self.users["board"]).create(
                {"investment_project_id": project.id, "reason": "No"}
            )
        wizard = (
            self.env["ttcp.project.cancel.wizard"]
            .with_user(self.users["manager"])
            .create({"investment_project_id": project.id, "reason": "Merged"})
        )
        wizard.action_confirm()
        self.assertEqual(project.stage, "cancelled")

    def test_rules_admin_keeps_holidays(self):
        calendar = self.env.ref("ttcp_projects.resource_calendar_state_agency")
        admin = self.users["rules_admin"]
        leave = (
            self.env["resource.calendar.leaves"]
            .with_user(admin)
            .create(
                {
                    "name": "Ngày Văn hóa (test)",
                    "calendar_id": calendar.id,
                    "date_from": "2026-11-23 17:00:00",
                    "date_to": "2026-11-24 16:59:59",
                }
            )
        )
        leave.write({"name": "Renamed"})
        calendar.with_user(admin).write({"name": calendar.name})
        with self.assertRaises(AccessError):
            self.env["resource.calendar.leaves"].with_user(self.users["board"]).create(
                {
                    "name": "No",
                    "calendar_id": calendar.id,
                    "date_from": "2026-12-01 01:00:00",
                    "date_to": "2026-12-01 10:00:00",
                }
            )

    def test_groups_imply_what_they_need(self):
        self.assertTrue(self.users["manager"].has_group("ttcp_projects.group_board_user"))
        self.assertTrue(self.users["board"].has_group("ttcp_projects.group_department_user"))
        self.assertTrue(self.users["department"].has_group("project.group_project_user"))
        self.assertFalse(self.users["leadership"].has_group("ttcp_projects.group_board_user"))
        admin = self.env.ref("base.user_admin")
        admin.write({"groups_id": [Command.link(self.env.ref("base.group_system").id)]})
        self.assertTrue(admin.has_group("ttcp_projects.group_rules_admin"))
