from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import TtcpProcurementCase


@tagged("post_install", "-at_install")
class TestOverduePanel(TtcpProcurementCase):
    """Issue 10: one list of what is late (legal steps, milestones, contracts past their end,
    late contract milestones, payments beyond acceptance, unsupported assets), read by the
    board, finance, leadership and procurement, not by a department user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._software_contract(second={"name": "Hardware", "package_field": "goods", "price": 2_000_000_000})
        cls._award(cls.package_2, price=1_900_000_000)
        cls.late_contract = cls._contract(cls.package_2, number="HD-LATE/2025", end_date="2026-01-31")
        cls.Item = cls.env["ttcp.overdue.item"]

    def _items(self, record, kind, user=None):
        Item = self.Item.with_user(user) if user else self.Item
        domain = [("res_model", "=", record._name), ("res_id", "=", record.id), ("kind", "=", kind)]
        return Item.search(domain)

    def test_contract_past_its_end_is_listed_and_flagged(self):
        today = fields.Date.context_today(self.late_contract)
        item = self._items(self.late_contract, "contract_end")
        self.assertEqual(len(item), 1)
        self.assertEqual(item.due_date, fields.Date.to_date("2026-01-31"))
        self.assertEqual(item.days_late, (today - item.due_date).days)
        self.assertEqual(item.investment_project_id, self.project)
        self.assertTrue(self.late_contract.is_past_end)
        self.assertFalse(self.contract.is_past_end)
        both = [("id", "in", self._ids())]
        self.assertEqual(self.Contract.search([("is_past_end", "=", True), *both]), self.late_contract)
        self.assertEqual(self.Contract.search([("is_past_end", "=", False), *both]), self.contract)
        self.assertFalse(self._items(self.contract, "contract_end"))
        action = item.action_open_document()
        self.assertEqual((action["res_model"], action["res_id"]), ("ttcp.contract", self.late_contract.id))
        # Still open when in progress; an amendment extending it takes it off the panel.
        self.late_contract.write({"state": "in_progress"})
        self.assertTrue(self._items(self.late_contract, "contract_end"))

    def _ids(self):
        return (self.contract | self.late_contract).ids

    def test_late_contract_milestone_is_listed(self):
        milestone = self.env["ttcp.contract.milestone"].create(
            {
                "contract_id": self.contract.id,
                "name": "Acceptance of the software",
                "planned_date": "2026-03-31",
                "amount": 3_000_000_000,
            }
        )
        item = self.Item.search([("kind", "=", "contract_milestone"), ("res_id", "=", self.contract.id)])
        self.assertEqual(item.amount, 3_000_000_000)
        self.assertIn(milestone.name, item.name)

    def test_who_reads_the_panel(self):
        department = new_test_user(
            self.env,
            login="ttcp_test_overdue_dept",
            groups="base.group_user,ttcp_projects.group_department_user",
        )
        for key in ("board", "finance", "leadership", "officer"):
            with self.subTest(user=key):
                self.assertEqual(len(self._items(self.late_contract, "contract_end", self.users[key])), 1)
        with self.assertRaises(AccessError):
            self.Item.with_user(department).search([])
        with self.assertRaises(AccessError):
            self._items(self.late_contract, "contract_end", self.users["board"]).write({"name": "x"})
