import io
from datetime import datetime

from openpyxl import load_workbook

from odoo.tests import tagged

from .common import TtcpProcurementCase


@tagged("post_install", "-at_install")
class TestXlsxReports(TtcpProcurementCase):
    """Each export opened with openpyxl and compared cell by cell with the database."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls._plan(
            [
                {"name": "Software", "package_field": "non_consulting", "price": 10_000_000_000},
                {
                    "name": "Supervision",
                    "package_field": "consulting",
                    "selection_method": "direct_appointment",
                    "price": 700_000_000,
                },
            ],
            approval_date="2025-08-20",
        )
        cls.package = cls.plan.package_ids[0]
        cls._award(cls.package, price=9_800_000_000)
        cls.contract = cls._contract(
            cls.package,
            value=9_800_000_000,
            advance_amount=2_000_000_000,
            advance_guarantee_ref="BL-X",
            advance_guarantee_amount=2_000_000_000,
            advance_guarantee_expiry="2026-12-31",
        )
        cls.capital = cls._capital_plan(2025, 8_000_000_000)
        for dtype, amount, paid in (
            ("advance", 2e9, "2025-10-05"),
            ("payment", 3e9, "2025-11-20"),
            ("payment", 1e9, "2026-01-15"),
        ):
            record = cls.Disbursement.create(
                {
                    "contract_id": cls.contract.id,
                    "capital_plan_id": cls.capital.id,
                    "disbursement_type": dtype,
                    "amount": amount,
                    "request_date": paid,
                }
            )
            record.action_submit()
            record.action_pay(paid_date=paid)

    def _sheet(self, report, records):
        content, kind = self.env["ir.actions.report"]._render_xlsx(report, records.ids, {})
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content)).worksheets

    def test_selection_plan_table(self):
        (sheet,) = self._sheet("ttcp_procurement.action_report_selection_plan_xlsx", self.plan)
        self.assertEqual(sheet["A1"].value, self.plan.name)
        rows = list(sheet.iter_rows(min_row=5, values_only=True))
        packages = self.plan.package_ids
        for index, (row, package) in enumerate(zip(rows, packages, strict=False), start=1):
            self.assertEqual(row[0], index)
            self.assertEqual(row[1], f"{package.number} - {package.name}")
            self.assertEqual(row[3], package.price)
            self.assertEqual(row[4], package.funding_source_id.name)
            self.assertEqual(row[9], package.duration_days)
        total_row = rows[len(packages)]
        self.assertEqual(total_row[3], sum(packages.mapped("price")))

    def test_contract_register(self):
        contracts = self.Contract.search([])
        (sheet,) = self._sheet("ttcp_procurement.action_report_contract_register_xlsx", contracts)
        rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
        self.assertEqual(len(rows), len(contracts))
        row = rows[self.contract.number]
        self.assertEqual(row[5], datetime(2025, 10, 1))
        self.assertEqual(row[8], 9_800_000_000)
        self.assertEqual(row[9], self.contract.value_in_force)
        self.assertEqual(row[10], 4_000_000_000)
        self.assertEqual(row[11], self.contract.advance_outstanding)

    def test_disbursement_by_month(self):
        (sheet,) = self._sheet("ttcp_procurement.action_report_disbursement_monthly_xlsx", self.capital)
        self.assertEqual(sheet.title, "2025")
        header = [cell.value for cell in sheet[3]]
        row = [cell.value for cell in sheet[4]]
        by_month = dict(zip(header[3:16], row[3:16], strict=True))
        # Net amounts, computed here: the advance, then payments less their recovery.
        payments = self.contract.disbursement_ids.filtered(lambda d: d.state == "paid")
        expected = {}
        for record in payments:
            key = record.paid_date.strftime("%m/%Y")
            expected[key] = expected.get(key, 0) + record.amount - record.advance_recovery_amount
        self.assertEqual({k: v for k, v in by_month.items() if v}, expected)
        self.assertEqual(row[2], 8_000_000_000)
        self.assertEqual(row[16], sum(expected.values()))
        self.assertAlmostEqual(row[17], sum(expected.values()) / 8e9 * 100, places=4)

    def test_advances_outstanding(self):
        contracts = self.Contract.search([])
        (sheet,) = self._sheet("ttcp_procurement.action_report_advance_outstanding_xlsx", contracts)
        rows = [row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]]
        outstanding = contracts.filtered(lambda c: c.advance_outstanding > 0)
        self.assertEqual(len(rows), len(outstanding))
        row = rows[0]
        self.assertEqual(row[4], 2_000_000_000)
        self.assertEqual(row[5], self.contract.advance_recovered)
        self.assertEqual(row[6], 2_000_000_000 - self.contract.advance_recovered)
        self.assertEqual(row[7], datetime(2025, 10, 5))
        self.assertEqual(row[10], "BL-X")
