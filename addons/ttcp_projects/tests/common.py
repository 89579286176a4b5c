from contextlib import contextmanager

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

GROUPS = {
    "department": "ttcp_projects.group_department_user",
    "board": "ttcp_projects.group_board_user",
    "manager": "ttcp_projects.group_board_manager",
    "finance": "ttcp_projects.group_finance",
    "leadership": "ttcp_projects.group_leadership",
    "rules_admin": "ttcp_projects.group_rules_admin",
}


class TtcpProjectsCase(TransactionCase):
    """Shared fixtures: departments, one user per group, helpers to build projects."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.Project = cls.env["ttcp.investment.project"]
        cls.Decision = cls.env["ttcp.project.decision"]
        cls.Plan = cls.env["ttcp.capital.plan"]
        cls.Adjustment = cls.env["ttcp.capital.plan.adjustment"]
        cls.Rule = cls.env["ttcp.legal.rule"]
        cls.source = cls.env.ref("ttcp_projects.funding_source_state_investment")
        cls.source_recurrent = cls.env.ref("ttcp_projects.funding_source_state_recurrent")
        Department = cls.env["hr.department"]
        cls.dept_centre = Department.create({"name": "Test Trung tâm Thông tin"})
        cls.dept_other = Department.create({"name": "Test Cục III"})
        cls.users = {}
        for key, group in GROUPS.items():
            user = new_test_user(
                cls.env,
                login=f"ttcp_test_{key}",
                groups=f"base.group_user,{group}",
                name=f"Test {key}",
            )
            cls.users[key] = user
            cls.env["hr.employee"].create(
                {"name": user.name, "user_id": user.id, "department_id": cls.dept_centre.id}
            )

    @classmethod
    def _create_project(cls, **vals):
        values = {
            "name": "Test e-portal",
            "code": f"TEST-{cls.Project.search_count([]) + 1}",
            "project_group": "c",
            "project_type": "investment",
            "department_id": cls.dept_centre.id,
            "start_year": 2019,
            "end_year": 2026,
        }
        values.update(vals)
        return cls.Project.create(values)

    @classmethod
    def _decide(cls, project, decision_type, amount=0.0, date="2025-01-10", number=None):
        return cls.Decision.create(
            {
                "investment_project_id": project.id,
                "decision_type": decision_type,
                "number": number or f"{len(project.decision_ids) + 1}/QĐ-TTCP-{decision_type}",
                "date": date,
                "amount": amount,
                "signer": "Phó Tổng Thanh tra Chính phủ",
            }
        )

    @classmethod
    def _advance(cls, project, stage, amount=15_000_000_000):
        """Walk ``project`` to ``stage`` the legal way, adding the decisions each step needs."""
        path = [
            "proposal",
            "policy_approved",
            "approved",
            "design_approved",
            "selection",
            "implementation",
            "handover",
            "warranty",
            "settlement",
            "closed",
        ]
        needs = {
            "policy_approved": ("policy", 0.0),
            "approved": ("investment", amount),
            "design_approved": ("design", 0.0),
            "selection": ("selection_plan", 0.0),
            "closed": ("settlement", amount),
        }
        while path.index(project.stage) < path.index(stage):
            nxt = path[path.index(project.stage) + 1]
            if nxt in needs:
                cls._decide(project, *needs[nxt])
            if nxt == "handover" and not project.handover_date:
                project.handover_date = "2025-06-30"
            project.action_next_stage()
        return project

    @staticmethod
    def _grant(user, *groups):
        user.write({"groups_id": [Command.link(user.env.ref(g).id) for g in groups]})

    # ------------------------------------------------------------------
    # Helpers added for the functional tests (legal rules, deadlines, workflow...)
    # ------------------------------------------------------------------
    @contextmanager
    def assertRefused(self, exception, pattern=None):
        """Like ``assertRaises`` (savepoint included) but for this exact class.

        ``ValidationError`` subclasses ``UserError``: this tells them apart, and
        checks the message against the regular expression ``pattern``.
        """
        with self.assertRaises(exception) as cm:
            yield cm
        self.assertIs(type(cm.exception), exception, f"Expected {exception.__name__}, got {cm.exception!r}")
        if pattern:
            self.assertRegex(str(cm.exception), pattern)

    def _flush_tracking(self):
        """Write the pending tracking values (done at commit time in production)."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _tracking_values(self, record, field_name):
        """Tracking values of ``field_name`` on ``record``, oldest first."""
        return (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", record._name),
                    ("mail_message_id.res_id", "=", record.id),
                    ("field_id.name", "=", field_name),
                ],
                order="id",
            )
        )
