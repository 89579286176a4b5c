from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import TtcpProcurementCase

# Model access (c, r, w, u) per group, as security/ir.model.access.csv grants it.
EXPECTED = {
    "ttcp.selection.plan": {
        "officer": "crw",
        "proc_manager": "crwu",
        "finance": "r",
        "leadership": "r",
        "internal": "",
    },
    "ttcp.bid.package": {
        "officer": "crw",
        "proc_manager": "crwu",
        "finance": "r",
        "leadership": "r",
        "internal": "",
    },
    "ttcp.bid": {"officer": "crw", "proc_manager": "crwu", "finance": "r", "leadership": "r", "internal": ""},
    "ttcp.contract": {
        "officer": "crw",
        "proc_manager": "crwu",
        "finance": "r",
        "leadership": "r",
        "internal": "",
    },
    "ttcp.contract.milestone": {
        "officer": "crw",
        "proc_manager": "crwu",
        "finance": "r",
        "leadership": "r",
        "internal": "",
    },
    "ttcp.disbursement": {
        "officer": "r",
        "proc_manager": "r",
        "finance": "crwu",
        "leadership": "r",
        "internal": "",
    },
    "ttcp.disbursement.analysis": {
        "officer": "r",
        "proc_manager": "r",
        "finance": "r",
        "leadership": "r",
        "internal": "",
    },
}
OPERATIONS = {"c": "create", "r": "read", "w": "write", "u": "unlink"}


@tagged("post_install", "-at_install")
class TestProcurementAccess(TtcpProcurementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users["internal"] = new_test_user(
            cls.env, login="ttcp_test_proc_internal", groups="base.group_user"
        )
        cls.plan = cls._plan([{}])
        cls.package = cls.plan.package_ids
        cls.contract = cls.Contract.create(
            {
                "number": "HD-ACL",
                "name": "ACL",
                "package_id": cls.package.id,
                "partner_id": cls.contractor.id,
                "value": 1e9,
            }
        )
        cls.capital = cls._capital_plan(2025, 1e9)

    def test_model_access_matrix(self):
        for model, per_group in EXPECTED.items():
            for group, allowed in per_group.items():
                for op, name in OPERATIONS.items():
                    with self.subTest(model=model, group=group, op=name):
                        self.assertEqual(
                            self.env[model].with_user(self.users[group]).has_access(name),
                            op in allowed,
                            f"{group} {'may' if op in allowed else 'may not'} {name} {model}",
                        )

    def test_records_as_each_group(self):
        """Real reads and writes, not only the access table."""
        officer, finance, leader = self.users["officer"], self.users["finance"], self.users["leadership"]
        self.plan.with_user(officer).write({"approver": "Giám đốc Trung tâm Thông tin"})
        self.assertEqual(self.contract.with_user(finance).read(["number"])[0]["number"], "HD-ACL")
        for user, record, values in (
            (finance, self.plan, {"name": "x"}),
            (leader, self.contract, {"name": "x"}),
            (officer, self.env["ttcp.disbursement"], None),
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError), mute_logger("odoo.models"):
                if values is None:
                    record.with_user(user).create(
                        {
                            "contract_id": self.contract.id,
                            "capital_plan_id": self.capital.id,
                            "amount": 1,
                            "request_date": "2025-11-01",
                        }
                    )
                else:
                    record.with_user(user).write(values)

    def test_manager_only_actions(self):
        self.plan.write({"decision_number": "ACL/1", "approval_date": "2025-09-01"})
        with self.assertRaises(AccessError):
            self.plan.with_user(self.users["officer"]).action_approve()
        with self.assertRaises(AccessError):
            self.contract.with_user(self.users["officer"]).write({"state": "signed"})
        self.plan.with_user(self.users["proc_manager"]).action_approve()
        self.assertEqual(self.plan.state, "approved")

    def test_procurement_staff_see_the_app(self):
        menu = self.env.ref("ttcp_projects.menu_root")
        for key in ("officer", "proc_manager", "finance", "leadership"):
            with self.subTest(group=key):
                visible = self.env["ir.ui.menu"].with_user(self.users[key])._visible_menu_ids()
                self.assertIn(menu.id, visible)
        self.assertNotIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.users["internal"])._visible_menu_ids()
        )
