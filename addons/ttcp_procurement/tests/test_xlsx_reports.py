import io
from collections import defaultdict
from datetime import date, datetime
from unittest.mock import patch

from openpyxl import load_workbook

from odoo import fields
from odoo.tests import tagged

from ..report import xlsx_common
from .common import TtcpProcurementCase

REPORTS = {
    "selection_plan": "ttcp_procurement.action_report_selection_plan_xlsx",
    "register": "ttcp_procurement.action_report_contract_register_xlsx",
    "monthly": "ttcp_procurement.action_report_disbursement_monthly_xlsx",
    "advances": "ttcp_procurement.action_report_advance_outstanding_xlsx",
}


def _day(value):
    """A date as openpyxl reads it back from a date cell."""
    value = date.fromisoformat(value) if isinstance(value, str) else value
    return datetime(value.year, value.month, value.day) if value else None


@tagged("post_install", "-at_install")
class TestXlsxReports(TtcpProcurementCase):
    """Each export read back with openpyxl and compared cell by cell with figures the
    test computes itself from the disbursements it created."""

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
                    "selection_start": "Quý III/2025",
                },
                {
                    "name": "Hardware",
                    "package_field": "goods",
                    "price": 5_000_000_000,
                    "funding_source_id": cls.env.ref("ttcp_projects.funding_source_other").id,
                    "purchase_option_percent": 20,
                    "online": False,
                    "duration_days": 120,
                },
                {
                    "name": "Training",
                    "package_field": "non_consulting",
                    "price": 300_000_000,
                    "selection_method": "direct_appointment",
                    "international": True,
                },
                {"name": "Dropped", "price": 400_000_000},
            ],
            approval_date="2025-08-20",
        )
        cls.software, cls.supervision, cls.hardware, cls.training, cls.dropped = cls.plan.package_ids
        cls.dropped.write({"state": "cancelled", "cancel_reason": "No longer needed"})
        cls.source_other = cls.env.ref("ttcp_projects.funding_source_other")

        cls._award(cls.software, price=9_800_000_000)
        cls.contract = cls._contract(
            cls.software,
            value=9_800_000_000,
            advance_amount=2_000_000_000,
            advance_guarantee_ref="BL-X",
            advance_guarantee_amount=2_000_000_000,
            advance_guarantee_expiry="2026-12-31",
        )
        cls._award(cls.hardware, price=4_900_000_000)
        cls.contract_hw = cls._contract(
            cls.hardware, value=4_900_000_000, sign="2025-10-08", advance_amount=500_000_000
        )
        cls._award(cls.supervision, price=650_000_000)
        cls.contract_sv = cls._contract(cls.supervision, value=650_000_000, sign="2025-09-30")

        cls.capital = cls._capital_plan(2025, 8_000_000_000)
        cls.capital_other = cls._capital_plan(2025, 3_000_000_000, source=cls.source_other)
        cls.capital_2026 = cls._capital_plan(2026, 2_000_000_000)
        cls.project_b = cls._create_project(name="Second project", code="TEST-B")
        cls.capital_b = cls._capital_plan(2025, 1_000_000_000, project=cls.project_b)

        pay = cls._pay_disbursement
        pay(cls.contract, cls.capital, "advance", 2_000_000_000, "2025-10-05")
        pay(cls.contract, cls.capital, "payment", 3_000_000_000, "2025-11-20")
        pay(cls.contract, cls.capital, "payment", 1_000_000_000, "2026-01-15")
        pay(cls.contract, cls.capital_2026, "payment", 500_000_000, "2026-02-10")
        pay(cls.contract_hw, cls.capital_other, "advance", 500_000_000, "2025-10-10")
        pay(cls.contract_hw, cls.capital_other, "payment", 1_000_000_000, "2025-12-15", recovery=0)
        pay(cls.contract_sv, cls.capital, "payment", 200_000_000, "2025-12-20")
        # Neither a draft nor a submitted disbursement counts.
        cls.Disbursement.create(
            {
                "contract_id": cls.contract.id,
                "capital_plan_id": cls.capital.id,
                "amount": 400_000_000,
                "request_date": "2026-01-20",
            }
        )
        pay(cls.contract_sv, cls.capital, "payment", 100_000_000, None)

    @classmethod
    def _pay_disbursement(cls, contract, capital_plan, dtype, amount, paid, recovery=None):
        """Create a draft, submit it and, if ``paid`` is a date, pay it on that date."""
        values = {
            "contract_id": contract.id,
            "capital_plan_id": capital_plan.id,
            "disbursement_type": dtype,
            "amount": amount,
            "request_date": paid or "2026-01-25",
        }
        if recovery is not None:
            values["advance_recovery_amount"] = recovery
        if dtype != "advance":
            cls._accept_for_payment(contract, amount, paid or "2026-01-25")
        record = cls.Disbursement.create(values)
        record.action_submit()
        if paid:
            record.action_pay(paid_date=paid)
        return record

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _render(self, key, records, data=None, env=None):
        content, kind = (env or self.env)["ir.actions.report"]._render_xlsx(
            REPORTS[key], records.ids, data or {}
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content))

    @staticmethod
    def _rows(sheet, first_row):
        return [list(row) for row in sheet.iter_rows(min_row=first_row, values_only=True)]

    def _paid(self, **filters):
        """The paid disbursements, read with plain search (no computed field)."""
        domain = [("state", "=", "paid")] + [(key, "=", value) for key, value in filters.items()]
        return self.Disbursement.search(domain)

    def _label(self, model, field, value):
        return dict(self.env[model]._fields[field]._description_selection(self.env))[value]

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_workbooks_stream(self):
        for key in REPORTS:
            name = self.env.ref(REPORTS[key]).report_name
            report = self.env[f"report.{name}"]
            self.assertEqual(report.get_workbook_options(), {"constant_memory": True}, key)
            action = self.env.ref(REPORTS[key])
            self.assertEqual(action.report_type, "xlsx")
            self.assertEqual(action.binding_model_id.model, action.model, key)

    def test_selection_plan_table(self):
        workbook = self._render("selection_plan", self.plan)
        (sheet,) = workbook.worksheets
        # The sheet is named after the decision, less the characters Excel forbids.
        self.assertEqual(sheet.title, "99QĐ-TTCP")
        self.assertEqual(sheet["A1"].value, "KHLCNT test")
        self.assertEqual(sheet["A2"].value, "Approved by decision 99/QĐ-TTCP of 20/08/2025")
        self.assertEqual(sheet["A3"].value, self.project.display_name)
        header = [cell.value for cell in sheet[5]]
        self.assertEqual(len(header), 12)
        self.assertEqual(header[0], "No.")
        self.assertEqual(header[3], "Package price (VND)")
        self.assertEqual(header[11], "Online bidding")
        rows = self._rows(sheet, 6)
        packages = [self.software, self.supervision, self.hardware, self.training]
        self.assertEqual(len(rows), len(packages) + 1)
        for index, (row, package) in enumerate(zip(rows, packages, strict=False), start=1):
            method = self._label("ttcp.bid.package", "selection_method", package.selection_method)
            expected = [
                index,
                f"{package.number} - {package.name}",
                self._label("ttcp.bid.package", "package_field", package.package_field),
                package.price,
                package.funding_source_id.name,
                f"{method}, international" if package.international else method,
                self._label("ttcp.bid.package", "procedure", package.procedure),
                package.selection_start or None,
                self._label("ttcp.bid.package", "contract_type", package.contract_type),
                package.duration_days,
                package.purchase_option_percent or None,
                "Yes" if package.online else "No",
            ]
            self.assertEqual(row, expected, package.name)
        self.assertEqual(rows[2][10], 20)
        self.assertEqual(rows[2][11], "No")
        self.assertEqual(rows[3][5], "Direct appointment, international")
        total = rows[-1]
        self.assertEqual(total[1], "Total")
        self.assertEqual(total[3], 10_000_000_000 + 700_000_000 + 5_000_000_000 + 300_000_000)

    def test_contract_register(self):
        contracts = self.Contract.search([])
        workbook = self._render("register", contracts.sorted("id"))
        (sheet,) = workbook.worksheets
        self.assertEqual(sheet["A1"].value, "Contract register")
        rows = self._rows(sheet, 4)
        body, total = rows[:-1], rows[-1]
        # The register's order: signature date, newest first.
        self.assertEqual([row[0] for row in body], contracts.mapped("number"))
        states = dict(self.Contract._fields["state"]._description_selection(self.env))
        sums = [0.0] * 4
        for row, contract in zip(body, contracts, strict=True):
            paid = self._paid(contract_id=contract.id)
            work = sum(d.amount for d in paid if d.disbursement_type != "advance")
            advance = sum(d.amount for d in paid if d.disbursement_type == "advance")
            outstanding = advance - sum(paid.mapped("advance_recovery_amount"))
            value_in_force = contract.value + sum(contract.amendment_ids.mapped("value_change"))
            expected = [
                contract.number,
                contract.name,
                contract.partner_id.name,
                contract.package_id.display_name,
                contract.investment_project_id.display_name or None,
                _day(contract.sign_date),
                _day(contract.effective_date),
                _day(contract.end_date),
                contract.value,
                value_in_force,
                work or 0,
                outstanding or 0,
                self.assertAlmostEqualRow(row[12], work / value_in_force * 100),
                states[contract.state],
            ]
            self.assertEqual(row, expected, contract.number)
            for i, amount in enumerate((contract.value, value_in_force, work, outstanding)):
                sums[i] += amount
        row = next(row for row in body if row[0] == self.contract.number)
        self.assertEqual(row[5], datetime(2025, 10, 1))
        self.assertEqual(row[10], 3_000_000_000 + 1_000_000_000 + 500_000_000)
        self.assertEqual(total[0], "Total")
        self.assertEqual(total[1], f"Contracts: {len(contracts)}")
        self.assertEqual(total[8:12], sums)
        self.assertEqual(total[12], round(sums[2] / sums[1] * 100, 2))

    def assertAlmostEqualRow(self, value, expected):
        """Check a rate (stored to two decimals) and return the cell value, for a row comparison."""
        self.assertAlmostEqual(value, expected, delta=0.005)
        return value

    def test_contract_register_batches(self):
        """Read one record per batch, the export is the same as in one batch."""
        contracts = self.Contract.search([])
        whole = self._rows(self._render("register", contracts).worksheets[0], 1)
        with patch.object(xlsx_common, "BATCH", 1):
            batched = self._rows(self._render("register", contracts).worksheets[0], 1)
        self.assertEqual(batched, whole)
        self.assertEqual(len(whole), 3 + len(contracts) + 1)

    def test_contract_register_as_officer(self):
        officer = self.users["officer"]
        contracts = self.Contract.with_user(officer).search([])
        self.assertTrue(contracts)
        workbook = self._render("register", contracts, env=self.env(user=officer))
        rows = self._rows(workbook.worksheets[0], 4)
        self.assertEqual(len(rows), len(contracts) + 1)

    def test_disbursement_by_month(self):
        plans = self.capital | self.capital_other | self.capital_b | self.capital_2026
        workbook = self._render("monthly", plans)
        self.assertEqual(workbook.sheetnames, ["2025", "2026"])
        sheet = workbook["2025"]
        header = [cell.value for cell in sheet[4]]
        months = [f"{m:02d}/2025" for m in range(1, 13)] + ["01/2026"]
        self.assertEqual(header[:4], ["No.", "Project", "Funding source", "Plan in force"])
        self.assertEqual(header[4:17], months)
        self.assertEqual(header[17:], ["Total paid", "Rate (%)"])
        rows = self._rows(sheet, 5)
        body, total = rows[:-1], rows[-1]
        self.assertEqual(len(body), 3)
        by_key = {(row[1], row[2]): row for row in body}
        self.assertEqual(
            set(by_key),
            {
                (self.project.display_name, self.source.name),
                (self.project.display_name, self.source_other.name),
                (self.project_b.display_name, self.source.name),
            },
        )
        column_sums = defaultdict(float)
        for capital in (self.capital, self.capital_other, self.capital_b):
            row = by_key[(capital.investment_project_id.display_name, capital.funding_source_id.name)]
            expected = defaultdict(float)
            for record in self._paid(capital_plan_id=capital.id):
                expected[record.paid_date.strftime("%m/%Y")] += record.amount - record.advance_recovery_amount
            self.assertEqual(row[3], capital.amount_allocated)
            self.assertEqual(dict(zip(months, row[4:17], strict=True)), {m: expected[m] for m in months})
            paid = sum(expected.values())
            self.assertEqual(row[17], paid)
            self.assertEqual(row[18], round(paid / capital.amount_allocated * 100, 2))
            for month in months:
                column_sums[month] += expected[month]
        # The January 2026 payment counts for the 2025 plan; advance recovered is not cash.
        row = by_key[(self.project.display_name, self.source.name)]
        self.assertEqual(row[4 + months.index("10/2025")], 2_000_000_000)
        self.assertEqual(row[4 + months.index("01/2026")], 1_000_000_000 - self._recovery_of_jan_payment())
        self.assertEqual(row[4 + months.index("12/2025")], 200_000_000)
        self.assertEqual(total[1], "Total")
        self.assertEqual(total[3], 8e9 + 3e9 + 1e9)
        self.assertEqual(total[4:17], [column_sums[m] for m in months])
        self.assertEqual(total[17], sum(column_sums.values()))
        self.assertEqual(total[18], round(sum(column_sums.values()) / 12e9 * 100, 2))

        sheet = workbook["2026"]
        self.assertEqual(sheet.cell(4, 5).value, "01/2026")
        (row,) = self._rows(sheet, 5)[:-1]
        (february,) = self._paid(capital_plan_id=self.capital_2026.id)
        net = february.amount - february.advance_recovery_amount
        self.assertEqual(row[4 + 1], net)  # February 2026
        self.assertEqual(row[-2], net)

        only_2026 = self._render("monthly", plans, data={"year": 2026})
        self.assertEqual(only_2026.sheetnames, ["2026"])

    def _recovery_of_jan_payment(self):
        (record,) = self._paid(contract_id=self.contract.id, paid_date="2026-01-15")
        return record.advance_recovery_amount

    def _advance_rows(self, as_of=None):
        data = {"date": as_of} if as_of else {}
        workbook = self._render("advances", self.Contract.search([]), data=data)
        sheet = workbook.worksheets[0]
        as_of = date.fromisoformat(as_of) if as_of else fields.Date.context_today(self.Contract)
        self.assertIn(as_of.strftime("%d/%m/%Y"), sheet["A1"].value)
        rows = self._rows(sheet, 5)
        return rows[:-1], rows[-1]

    def _expected_advance(self, contract, as_of):
        paid = self._paid(contract_id=contract.id).filtered(
            lambda d: d.paid_date <= date.fromisoformat(as_of)
        )
        advances = paid.filtered(lambda d: d.disbursement_type == "advance")
        return sum(advances.mapped("amount")), sum(paid.mapped("advance_recovery_amount"))

    def test_advances_outstanding(self):
        rows, total = self._advance_rows("2026-01-31")
        self.assertEqual(len(rows), 2)
        by_contract = {row[2]: row for row in rows}
        advance, recovered = self._expected_advance(self.contract, "2026-01-31")
        self.assertEqual(advance, 2_000_000_000)
        self.assertGreater(recovered, 0)
        self.assertEqual(
            by_contract[self.contract.display_name],
            [
                by_contract[self.contract.display_name][0],
                self.project.display_name,
                self.contract.display_name,
                self.contractor.name,
                advance,
                recovered,
                advance - recovered,
                datetime(2025, 10, 5),
                3,
                "No",  # recovered on 15/01/2026
                "BL-X",
                datetime(2026, 12, 31),
            ],
        )
        hw = by_contract[self.contract_hw.display_name]
        self.assertEqual(
            hw[4:12], [500_000_000, 0, 500_000_000, datetime(2025, 10, 10), 3, "Yes", None, None]
        )
        self.assertEqual([row[0] for row in rows], [1, 2])
        self.assertEqual(total[1], "Total")
        self.assertEqual(total[2], "Contracts: 2")
        self.assertEqual(total[4:7], [advance + 500_000_000, recovered, advance - recovered + 500_000_000])

    def test_advances_outstanding_as_of(self):
        # At the end of 2025 the January recovery is not made yet and nothing is overdue.
        rows, _total = self._advance_rows("2025-12-31")
        by_contract = {row[2]: row for row in rows}
        advance, recovered = self._expected_advance(self.contract, "2025-12-31")
        self.assertLess(recovered, self.contract.advance_recovered)
        self.assertEqual(
            by_contract[self.contract.display_name][4:10],
            [advance, recovered, advance - recovered, datetime(2025, 10, 5), 2, "No"],
        )
        self.assertEqual(by_contract[self.contract_hw.display_name][8:10], [2, "No"])
        # Before the second advance, a single contract is listed.
        rows, total = self._advance_rows("2025-10-07")
        self.assertEqual([row[2] for row in rows], [self.contract.display_name])
        self.assertEqual(rows[0][4:7], [2_000_000_000, 0, 2_000_000_000])
        self.assertEqual(total[2], "Contracts: 1")
        # Without a date: today's figures, those stored on the contracts.
        rows, _total = self._advance_rows()
        for row in rows:
            contract = self.Contract.search([("number", "=", row[2].split(" - ")[0])])
            self.assertEqual(
                row[4:7], [contract.advance_paid, contract.advance_recovered, contract.advance_outstanding]
            )
