"""The board's and finance's journeys in a browser, in Vietnamese (issue 10)."""

import io

import openpyxl

from odoo import fields
from odoo.tests import HttpCase, tagged

JOURNEY_MODULES = ["base", "web", "mail", "project", "ttcp_projects", "ttcp_procurement"]


@tagged("post_install", "-at_install")
class TestUserJourneys(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(JOURNEY_MODULES, ["vi_VN"], overwrite=True)
        cls.board = cls.env.ref("ttcp_projects.demo_user_board_manager")
        cls.finance = cls.env.ref("ttcp_projects.demo_user_finance")
        (cls.board | cls.finance).write({"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"})
        cls.contract = cls.env.ref("ttcp_procurement.demo_contract_portal_13")
        cls.today = fields.Date.context_today(cls.contract)
        # The finance officer's day (Hanoi), which is what the payment is dated: from 17:00 UTC
        # it is already tomorrow there.
        cls.finance_today = fields.Date.context_today(cls.contract.with_user(cls.finance))
        # The training contract has work accepted beyond what is paid: a payment may follow.
        cls.env["ttcp.contract.acceptance"].create(
            {
                "contract_id": cls.contract.id,
                "number": "NT-TOUR/2026",
                "date": cls.today,
                "accepted_value": 200_000_000,
            }
        )

    def test_board_journey(self):
        self.start_tour("/odoo", "ttcp_board_journey_tour", login="board.manager")

    def test_finance_journey(self):
        before = self.contract.disbursement_ids
        self.start_tour("/odoo", "ttcp_finance_journey_tour", login="finance.officer")
        request = self.contract.disbursement_ids - before
        self.assertEqual(len(request), 1)
        self.assertEqual(request.state, "paid")
        self.assertEqual(request.amount, 100_000_000)
        self.assertEqual(request.paid_date, self.finance_today)
        self.assertEqual(request.capital_plan_id.year, self.finance_today.year)
        self.assertEqual(request.capital_plan_id.investment_project_id, self.contract.investment_project_id)
        self.assertEqual(request.create_uid, self.finance)
        # The disbursement XLSX of the year's plan, as finance exports it, reads in Vietnamese
        # with the rate rounded.
        report = self.env.ref("ttcp_procurement.action_report_disbursement_monthly_xlsx")
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.finance)
            .with_context(lang="vi_VN")
            ._render_xlsx(report.report_name, request.capital_plan_id.ids, {})
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertIn("Giải ngân kế hoạch vốn năm", sheet["A1"].value)
        rates = [row[-1] for row in sheet.iter_rows(min_row=5, values_only=True) if row[-1] is not None]
        self.assertTrue(rates)
        for rate in rates:
            self.assertEqual(rate, round(rate, 2))
