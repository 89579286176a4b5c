from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import TtcpProcurementCase


@tagged("post_install", "-at_install")
class TestDrilldownsAndPaymentRequest(TtcpProcurementCase):
    """Issue 10: the board follows project -> packages -> contracts -> payments read-only;
    finance starts a payment request from the contract with everything that follows from it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._software_contract()
        cls.plan_2026 = cls._capital_plan(2026, 3_000_000_000)
        cls.board = new_test_user(
            cls.env,
            login="ttcp_test_board_drill",
            groups="base.group_user,ttcp_projects.group_board_user",
            name="Board drill-down",
        )

    def test_board_reads_packages_contracts_and_payments_but_changes_none(self):
        project = self.project.with_user(self.board)
        self.assertEqual(project.package_count, 1)
        self.assertEqual(project.contract_count, 1)
        self.assertEqual(project.disbursement_count, 0)
        action = project.action_open_contracts()
        self.assertEqual(action["res_model"], "ttcp.contract")
        contracts = self.env["ttcp.contract"].with_user(self.board).search(action["domain"])
        self.assertEqual(contracts, self.contract)
        self.assertTrue(contracts.number)
        Package = self.env["ttcp.bid.package"].with_user(self.board)
        packages = Package.search(project.action_open_packages()["domain"])
        self.assertEqual(packages, self.package)
        with self.assertRaises(AccessError):
            contracts.write({"name": "Changed by the board"})
        with self.assertRaises(AccessError):
            self.Disbursement.with_user(self.board).create(
                {"contract_id": self.contract.id, "amount": 1_000_000, "disbursement_type": "payment"}
            )
        self.assertNotEqual(self.contract.name, "Changed by the board")

    def test_payment_request_from_the_contract_is_prefilled(self):
        finance = self.users["finance"]
        action = self.contract.with_user(finance).action_payment_request()
        self.assertEqual(action["res_model"], "ttcp.disbursement")
        form = Form(self.Disbursement.with_user(finance).with_context(**action["context"]))
        form.request_date = "2025-11-20"
        self.assertEqual(form.contract_id, self.contract)
        self.assertEqual(form.investment_project_id, self.project)
        self.assertEqual(form.capital_plan_id, self.plan_2025)
        # The plan follows the request date's year.
        form.request_date = "2026-01-15"
        self.assertEqual(form.capital_plan_id, self.plan_2026)
        form.amount = 100_000_000
        form.disbursement_type = "advance"
        record = form.save()
        self.assertEqual(record.capital_plan_id, self.plan_2026)
        self.assertEqual(record.company_id, self.contract.company_id)

    def test_new_payment_request_offers_the_company_contracts(self):
        finance = self.users["finance"]
        form = Form(self.Disbursement.with_user(finance))
        self.assertEqual(form.company_id, self.env.company, "a company before any contract is chosen")
        domain = [("company_id", "in", [self.env.company.id, False])] + [
            ("state", "in", ("signed", "in_progress", "accepted", "warranty"))
        ]
        offered = self.env["ttcp.contract"].with_user(finance).search(domain)
        self.assertIn(self.contract, offered)
        form.contract_id = self.contract
        self.assertEqual(form.capital_plan_id.investment_project_id, self.project)

    def test_name_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["ttcp_procurement"], ["vi_VN"], overwrite=True)
        record = self.Disbursement.create(
            {
                "contract_id": self.contract.id,
                "capital_plan_id": self.plan_2025.id,
                "amount": 100_000_000,
                "disbursement_type": "advance",
                "request_date": "2025-11-30",
            }
        )
        number = self.contract.number
        self.assertEqual(record.with_context(lang="en_US").display_name, f"{number} – Advance – 11/30/2025")
        vi_name = record.with_context(lang="vi_VN").display_name
        self.assertEqual(vi_name, f"{number} – Tạm ứng – 30/11/2025")
        new = self.Disbursement.with_context(lang="vi_VN").new({})
        self.assertEqual(new.display_name, "Đề nghị thanh toán mới")

    def test_contract_not_in_force_cannot_request_payment(self):
        draft = self.Contract.create(
            {
                "number": "HD-DRAFT",
                "name": "Draft",
                "package_id": self.package.id,
                "partner_id": self.contractor.id,
                "value": 1_000_000,
            }
        )
        with self.assertRefused(UserError, "not in force"):
            draft.action_payment_request()
