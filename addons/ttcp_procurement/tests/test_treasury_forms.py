"""State Treasury forms 04.a/TT, 03.a/TT and 04.b/TT printed from the demo e-portal
contract of package 10: every figure equals a sum computed here, independently, from
the disbursement records; a reprint is not changed by later corrections."""

from decimal import Decimal

from lxml import html as lxml_html

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ttcp_projects.tools import amount_in_words_vi

R_04A = "ttcp_procurement.action_report_payment_request"
R_03A = "ttcp_procurement.action_report_completed_work"
R_04B = "ttcp_procurement.action_report_advance_recovery"


def dots(value):
    """1.234.567, written independently of the report's formatter."""
    return f"{int(round(value)):,}".replace(",", ".")


@tagged("post_install", "-at_install")
class TestTreasuryForms(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls.env.ref("ttcp_procurement.demo_contract_portal_10")
        cls.company = cls.contract.company_id
        # Known owner data (the demo's are the same kind of values, marked "(demo)").
        cls.company.write(
            {
                "ttcp_budget_unit_code": "1012345",
                "ttcp_treasury_office": "Kho bạc Nhà nước Hà Nội",
                "ttcp_treasury_account": "9527.1.1012345",
                "ttcp_chief_accountant": "Nguyễn Thị Hạnh",
                "ttcp_head_of_unit": "Trần Văn Minh",
            }
        )
        cls.Disbursement = cls.env["ttcp.disbursement"]
        cls.lang = cls.env["res.lang"]._get_code("vi_VN") or "en_US"
        cls.requests = cls.Disbursement.search(
            [
                ("contract_id", "=", cls.contract.id),
                ("state", "=", "paid"),
                ("disbursement_type", "!=", "reversal"),
            ],
            order="request_date, id",
        )

    # ------------------------------------------------------------------
    def _render(self, report, records):
        html, _kind = (
            self.env["ir.actions.report"].with_context(lang=self.lang)._render_qweb_html(report, records.ids)
        )
        return lxml_html.fromstring(html)

    def _field(self, tree, name):
        nodes = tree.xpath(f"//*[@data-field='{name}']")
        self.assertEqual(len(nodes), 1, f"one '{name}' on the form")
        return " ".join(nodes[0].text_content().split())

    def _prior(self, request):
        """Paid disbursements of the contract before the request (reversals included, netted)."""
        return self.Disbursement.search(
            [
                ("contract_id", "=", request.contract_id.id),
                ("state", "=", "paid"),
                ("id", "!=", request.id),
                "|",
                ("paid_date", "<", request.request_date),
                "&",
                ("paid_date", "=", request.request_date),
                ("id", "<", request.id),
            ]
        )

    def _expected(self, request):
        prior = self._prior(request)
        amendments = self.env["ttcp.contract.amendment"].search(
            [("contract_id", "=", request.contract_id.id), ("date", "<=", request.request_date)]
        )
        advance = sum(d.amount for d in prior if d.effective_type == "advance")
        work = sum(d.amount for d in prior if d.effective_type != "advance")
        recovered = sum(d.advance_recovery_amount for d in prior)
        recovery = 0 if request.disbursement_type == "advance" else request.advance_recovery_amount
        return {
            "value_in_force": request.contract_id.value + sum(a.value_change for a in amendments),
            "paid_before": sum(d.amount - d.advance_recovery_amount for d in prior),
            "advance_paid_before": advance,
            "work_paid_before": work,
            "advance_balance_before": advance - recovered,
            "requested": request.amount,
            "recovery": recovery,
            "net": request.amount - recovery,
        }

    def _assert_04a(self, request):
        tree = self._render(R_04A, request)
        expected = self._expected(request)
        for name, value in expected.items():
            self.assertEqual(self._field(tree, name), dots(value), f"{request.name}: {name}")
        self.assertEqual(self._field(tree, "paid_before_table"), dots(expected["paid_before"]))
        self.assertEqual(
            self._field(tree, "recovered_before"),
            dots(expected["advance_paid_before"] - expected["advance_balance_before"]),
        )
        self.assertEqual(self._field(tree, "total"), dots(request.amount))
        self.assertEqual(self._field(tree, "total_words"), amount_in_words_vi(Decimal(round(request.amount))))
        return tree

    # ------------------------------------------------------------------
    def test_04a_each_demo_request(self):
        self.assertGreaterEqual(len(self.requests), 5, "the demo pays an advance and payments")
        self.assertIn("advance", self.requests.mapped("disbursement_type"))
        for request in self.requests:
            tree = self._assert_04a(request)
            self.assertEqual(self._field(tree, "treasury_office"), "Kho bạc Nhà nước Hà Nội")
            self.assertEqual(self._field(tree, "budget_unit_code"), "1012345")
            self.assertEqual(self._field(tree, "treasury_account"), "9527.1.1012345")
            self.assertEqual(self._field(tree, "contract_number"), "12/2020/HĐ-TTTT")
            self.assertEqual(self._field(tree, "contract_date"), "15/04/2020")
            self.assertEqual(self._field(tree, "number"), request.treasury_request_number)
            self.assertEqual(self._field(tree, "plan_year"), str(request.capital_plan_id.year))
            self.assertTrue(self._field(tree, "funding_source"))
            self.assertEqual(
                self._field(tree, "funding_source"),
                request.capital_plan_id.funding_source_id.with_context(lang=self.lang).name,
            )
            self.assertEqual(self._field(tree, "project_code"), request.investment_project_id.code)
            self.assertEqual(self._field(tree, "payee"), self.contract.partner_id.name)
            self.assertEqual(self._field(tree, "chief_accountant"), "Nguyễn Thị Hạnh")
            self.assertEqual(self._field(tree, "head_of_unit"), "Trần Văn Minh")
            self.assertIn("PHẦN GHI CỦA KHO BẠC NHÀ NƯỚC", self._field(tree, "treasury_part"))
            ticks = tree.xpath("//*[@data-tick]")
            self.assertEqual(len(ticks), 1)
            kind = "advance" if request.disbursement_type == "advance" else "payment"
            self.assertEqual(ticks[0].get("data-tick"), kind, request.name)
            self.assertEqual(ticks[0].text_content(), "☒")

    def test_04a_value_in_force_as_of_the_request(self):
        """The amendment of 2023-10-05 counts only from its date."""
        before = self.env.ref("ttcp_procurement.demo_disbursement_portal_c10_2022")
        after = self.env.ref("ttcp_procurement.demo_disbursement_portal_c10_2024")
        self.assertEqual(self._field(self._render(R_04A, before), "value_in_force"), "17.900.000.000")
        self.assertEqual(self._field(self._render(R_04A, after), "value_in_force"), "19.100.000.000")
        advance = self.env.ref("ttcp_procurement.demo_disbursement_portal_c10_adv")
        tree = self._render(R_04A, advance)
        self.assertEqual(self._field(tree, "paid_before"), "0")
        self.assertEqual(self._field(tree, "total_words"), "Ba tỷ đồng")

    def test_reprint_unchanged_by_later_corrections(self):
        earlier = self.env.ref("ttcp_procurement.demo_disbursement_portal_c10_2022")
        last = self.env.ref("ttcp_procurement.demo_disbursement_portal_c10_2026")
        forms = {record: lxml_html.tostring(self._render(R_04A, record)) for record in (earlier, last)}
        completed = lxml_html.tostring(self._render(R_03A, earlier))
        today = fields.Date.context_today(self.contract)
        # A later reversal of the last payment, paid today, an amendment and an acceptance
        # dated today, then the payment made again.
        action = last.action_reverse("Sai số tài khoản thụ hưởng (test)")
        reversal = self.Disbursement.browse(action["res_id"])
        reversal.action_submit()
        reversal.action_pay(paid_date=today, reference="KBNN-TEST-REV")
        self.env["ttcp.contract.amendment"].create(
            {
                "contract_id": self.contract.id,
                "number": "PL02-TEST",
                "date": today,
                "value_change": 100_000_000,
            }
        )
        # Payment follows acceptance: accept today the work the payments will have paid.
        paid = self.Disbursement.search(
            [
                ("contract_id", "=", self.contract.id),
                ("state", "=", "paid"),
                ("effective_type", "!=", "advance"),
            ]
        )
        accepted = self.env["ttcp.contract.acceptance"].search([("contract_id", "=", self.contract.id)])
        remaining = sum(paid.mapped("amount")) + last.amount - sum(accepted.mapped("accepted_value"))
        if remaining > 0:
            self.env["ttcp.contract.acceptance"].create(
                {
                    "contract_id": self.contract.id,
                    "number": "BBNT-TEST",
                    "date": today,
                    "accepted_value": remaining,
                }
            )
        again = self.Disbursement.create(
            {
                "contract_id": self.contract.id,
                "capital_plan_id": last.capital_plan_id.id,
                "disbursement_type": "payment",
                "amount": last.amount,
                "advance_recovery_amount": last.advance_recovery_amount,
                "request_date": today,
                "treasury_request_number": "C10_2026B/04a",
            }
        )
        again.action_submit()
        again.action_pay(paid_date=today, reference="KBNN-TEST-AGAIN")
        for record, before in forms.items():
            self.assertEqual(lxml_html.tostring(self._render(R_04A, record)), before, record.name)
        self.assertEqual(lxml_html.tostring(self._render(R_03A, earlier)), completed)
        # The new request sees everything before it: the reversal netted, the amendment in force.
        tree = self._assert_04a(again)
        expected = self._expected(again)
        self.assertEqual(
            self._field(tree, "paid_before"),
            dots(expected["paid_before"]),
        )
        self.assertIn(reversal, self._prior(again))
        self.assertEqual(
            expected["value_in_force"],
            self.contract.value + sum(self.contract.amendment_ids.mapped("value_change")),
        )
        # The stored contract totals moved; the earlier request's form did not.
        self.assertEqual(
            self._field(self._render(R_04A, earlier), "paid_before"),
            dots(self._expected(earlier)["paid_before"]),
        )
        # A reversal itself has no 04.a.
        with self.assertRaises(UserError):
            self._render(R_04A, reversal)

    def test_missing_owner_data(self):
        request = self.requests[-1]
        self.company.ttcp_budget_unit_code = False
        with self.assertRaisesRegex(UserError, "Budget-unit code"):
            self._render(R_04A, request)
        with self.assertRaisesRegex(UserError, "Budget-unit code"):
            self._render(R_03A, request)
        self.company.write({"ttcp_budget_unit_code": "1012345", "ttcp_treasury_office": " "})
        with self.assertRaisesRegex(UserError, "State Treasury office"):
            self._render(R_04A, request)

    def test_03a_seven_lines(self):
        payments = self.requests.filtered(lambda d: d.disbursement_type != "advance")
        self.assertTrue(payments)
        for request in payments:
            tree = self._render(R_03A, request)
            expected = self._expected(request)
            acceptances = self.env["ttcp.contract.acceptance"].search(
                [("contract_id", "=", self.contract.id), ("date", "<=", request.request_date)]
            )
            lines = {
                1: expected["value_in_force"],
                2: expected["advance_balance_before"],
                3: expected["work_paid_before"],
                4: sum(acceptances.mapped("accepted_value")),
                5: expected["recovery"],
                6: request.amount,
                7: expected["paid_before"] + expected["net"],
            }
            self.assertEqual(len(tree.xpath("//tr[@data-line]")), 7)
            for number, value in lines.items():
                self.assertEqual(
                    self._field(tree, f"line{number}"), dots(value), f"{request.name}: line {number}"
                )
            self.assertEqual(self._field(tree, "line6_recovery"), dots(expected["recovery"]))
            self.assertEqual(self._field(tree, "line6_net"), dots(expected["net"]))
            self.assertEqual(
                self._field(tree, "line6_words"), amount_in_words_vi(Decimal(round(request.amount)))
            )
            self.assertEqual(self._field(tree, "contract_number"), "12/2020/HĐ-TTTT")
        advance = self.requests.filtered(lambda d: d.disbursement_type == "advance")[:1]
        with self.assertRaises(UserError):
            self._render(R_03A, advance)

    def test_04b_advance_recovery(self):
        recovering = self.requests.filtered(lambda d: d.advance_recovery_amount > 0)
        self.assertTrue(recovering, "the demo recovers the advance through payments")
        for request in recovering:
            tree = self._render(R_04B, request)
            expected = self._expected(request)
            self.assertEqual(self._field(tree, "advance_paid_before"), dots(expected["advance_paid_before"]))
            self.assertEqual(
                self._field(tree, "recovered_before"),
                dots(expected["advance_paid_before"] - expected["advance_balance_before"]),
            )
            self.assertEqual(self._field(tree, "recovery"), dots(request.advance_recovery_amount))
            self.assertEqual(
                self._field(tree, "advance_balance_after"),
                dots(expected["advance_balance_before"] - request.advance_recovery_amount),
            )
            self.assertEqual(
                self._field(tree, "total_words"),
                amount_in_words_vi(Decimal(round(request.advance_recovery_amount))),
            )
            self.assertEqual(self._field(tree, "treasury_office"), "Kho bạc Nhà nước Hà Nội")
        for record in self.requests - recovering:
            with self.assertRaises(UserError):
                self._render(R_04B, record)
