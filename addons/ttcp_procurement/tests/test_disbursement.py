from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TtcpProcurementCase


def _software_and_supervision(cls):
    """The software contract with its 2025 capital plan, and a consulting contract beside it."""
    cls._software_contract(
        second={
            "name": "Supervision",
            "package_field": "consulting",
            "selection_method": "direct_appointment",
            "price": 500_000_000,
        }
    )
    cls._award(cls.package_2, price=500_000_000)
    cls.contract_2 = cls._contract(cls.package_2, value=500_000_000, number="HD-TV/2025")


@tagged("post_install", "-at_install")
class TestDisbursement(TtcpProcurementCase):
    """The disbursement rules of DOMAIN.md §3.3, one by one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        _software_and_supervision(cls)
        cls.plan_2026 = cls._capital_plan(2026, 8_000_000_000)

    def _pay(self, dtype, amount, paid="2025-11-15", plan=None, contract=None, recovery=None, request=None):
        values = {
            "contract_id": (contract or self.contract).id,
            "capital_plan_id": (plan or self.plan_2025).id,
            "disbursement_type": dtype,
            "amount": amount,
            "request_date": request or paid,
        }
        if recovery is not None:
            values["advance_recovery_amount"] = recovery
        if dtype != "advance":
            self._accept_for_payment(contract or self.contract, amount, paid)
        record = self.Disbursement.create(values)
        record.action_submit()
        record.action_pay(paid_date=paid, reference="KB-1")
        return record

    def assertRefusedUnchanged(self, exception, pattern, action):
        paid_before = (
            self.contract.amount_paid,
            self.contract.advance_outstanding,
            self.plan_2025.amount_disbursed,
        )
        count = self.Disbursement.search_count([("state", "=", "paid")])
        with self.assertRefused(exception, pattern), self.env.cr.savepoint():
            action()
        self.env.invalidate_all()
        self.assertEqual(self.Disbursement.search_count([("state", "=", "paid")]), count)
        self.assertEqual(
            (self.contract.amount_paid, self.contract.advance_outstanding, self.plan_2025.amount_disbursed),
            paid_before,
        )

    def test_figures_follow_payments(self):
        self._pay("advance", 2_000_000_000, paid="2025-10-10")
        self.assertEqual(self.contract.advance_outstanding, 2_000_000_000)
        self.assertEqual(self.plan_2025.amount_disbursed, 2_000_000_000)
        payment = self._pay("payment", 3_000_000_000, paid="2025-12-10")
        # Proposed recovery keeps the advance on track for 80 % of 10 bn = 8 bn:
        # 2 bn x 3/8 = 750 million.
        self.assertEqual(payment.advance_recovery_amount, 750_000_000)
        self.assertEqual(payment.net_amount, 2_250_000_000)
        self.assertEqual(self.contract.amount_paid, 3_000_000_000)
        self.assertEqual(self.contract.advance_outstanding, 1_250_000_000)
        self.assertEqual(self.plan_2025.amount_disbursed, 4_250_000_000)
        self.assertAlmostEqual(self.plan_2025.disbursement_rate, 4_250 / 6_000 * 100, places=2)

    def test_recovery_complete_at_80_percent(self):
        self._pay("advance", 2_000_000_000, paid="2025-10-10")
        first = self._pay("payment", 4_000_000_000, paid="2026-03-10", plan=self.plan_2026)
        self.assertEqual(first.advance_recovery_amount, 1_000_000_000)
        # Reaching 8 bn (80 %) must recover the rest; leaving any of it is refused.
        self.assertRefusedUnchanged(
            ValidationError,
            "fully recovered",
            lambda: self._pay(
                "payment", 4_000_000_000, paid="2026-04-10", plan=self.plan_2026, recovery=500_000_000
            ),
        )
        last = self._pay("payment", 4_000_000_000, paid="2026-04-10", plan=self.plan_2026)
        self.assertEqual(last.advance_recovery_amount, 1_000_000_000)
        self.assertEqual(self.contract.advance_outstanding, 0)

    def test_never_above_contract_value(self):
        self._pay("payment", 5_000_000_000, paid="2025-11-01")
        self._pay("payment", 4_000_000_000, paid="2026-03-01", plan=self.plan_2026)
        self.assertRefusedUnchanged(
            ValidationError,
            "exceed the contract value",
            lambda: self._pay("payment", 1_000_000_001, paid="2026-04-01", plan=self.plan_2026),
        )
        self._pay("payment", 1_000_000_000, paid="2026-04-01", plan=self.plan_2026)
        self.assertEqual(self.contract.amount_paid, self.contract.value_in_force)

    def test_never_above_plan_in_force(self):
        self._pay("payment", 500_000_000, paid="2025-11-01", contract=self.contract_2)
        self._pay("payment", 5_000_000_000, paid="2025-11-02")
        # 500 million are left on the 2025 plan, shared by both contracts.
        self.assertRefusedUnchanged(
            ValidationError,
            "has only 500,000,000 VND left",
            lambda: self._pay("payment", 600_000_000, paid="2025-11-03"),
        )
        self.Adjustment.create(
            {
                "plan_id": self.plan_2025.id,
                "decision_number": "ĐC-1",
                "date": "2025-11-03",
                "amount_change": 100_000_000,
            }
        )
        self._pay("payment", 600_000_000, paid="2025-11-04")
        self.assertEqual(self.plan_2025.amount_disbursed, self.plan_2025.amount)
        with self.assertRefused(ValidationError, "below what has already been disbursed"):
            self.Adjustment.create(
                {
                    "plan_id": self.plan_2025.id,
                    "decision_number": "ĐC-2",
                    "date": "2025-11-05",
                    "amount_change": -1,
                }
            )

    def test_advance_rules(self):
        draft = self.Contract.create(
            {
                "number": "HD-DRAFT",
                "name": "Unsigned",
                "package_id": self.package.id,
                "partner_id": self.contractor.id,
                "value": 1_000_000_000,
            }
        )
        self.assertRefusedUnchanged(
            ValidationError, "not in force", lambda: self._pay("advance", 100_000_000, contract=draft)
        )
        # Effective on 2025-10-01: an advance paid before is refused.
        self.assertRefusedUnchanged(
            ValidationError,
            "once the contract is effective",
            lambda: self._pay("advance", 100_000_000, paid="2025-09-15", request="2025-09-15"),
        )
        # Above the advance agreed in the contract.
        self.assertRefusedUnchanged(
            ValidationError, "advance agreed", lambda: self._pay("advance", 2_000_000_001, paid="2025-10-10")
        )
        # Above 1 bn needs a guarantee valid on the payment date.
        self.contract.advance_guarantee_expiry = "2025-10-05"
        self.assertRefusedUnchanged(
            ValidationError,
            "advance guarantee",
            lambda: self._pay("advance", 1_500_000_000, paid="2025-10-10"),
        )
        self.contract.advance_guarantee_expiry = "2026-12-31"
        self._pay("advance", 1_500_000_000, paid="2025-10-10")

    def test_year_windows(self):
        # Advances against the 2025 plan until 31 December 2025.
        self.assertRefusedUnchanged(
            ValidationError, "2025-12-31", lambda: self._pay("advance", 100_000_000, paid="2026-01-05")
        )
        self._pay("advance", 100_000_000, paid="2025-12-31")
        # Payments until 31 January 2026.
        self._pay("payment", 1_000_000_000, paid="2026-01-31")
        self.assertRefusedUnchanged(
            ValidationError, "2026-01-31", lambda: self._pay("payment", 1_000_000_000, paid="2026-02-01")
        )
        # Not before the plan year.
        self.assertRefusedUnchanged(
            ValidationError,
            "2026-01-01",
            lambda: self._pay("payment", 1_000_000, paid="2025-12-20", plan=self.plan_2026),
        )

    def test_plan_must_match_project_and_source(self):
        other = self._create_project(name="Other", code="OTHER-P")
        foreign_plan = self._capital_plan(2025, 1_000_000_000, project=other)
        recurrent_plan = self._capital_plan(2025, 1_000_000_000, source=self.source_recurrent)
        self.assertRefusedUnchanged(
            ValidationError, "another project", lambda: self._pay("payment", 1_000_000, plan=foreign_plan)
        )
        self.assertRefusedUnchanged(
            ValidationError, "funding source", lambda: self._pay("payment", 1_000_000, plan=recurrent_plan)
        )

    def test_states_and_locks(self):
        with self.assertRefused(UserError, "created in state 'Draft'"):
            self.Disbursement.create(
                {
                    "contract_id": self.contract.id,
                    "capital_plan_id": self.plan_2025.id,
                    "amount": 1_000_000,
                    "request_date": "2025-11-01",
                    "state": "paid",
                }
            )
        self._accept_for_payment(self.contract, 1_000_000, "2025-10-01")
        record = self.Disbursement.create(
            {
                "contract_id": self.contract.id,
                "capital_plan_id": self.plan_2025.id,
                "amount": 1_000_000,
                "request_date": "2025-11-01",
            }
        )
        with self.assertRefused(UserError, "cannot go from"):
            record.write({"state": "paid"})
        record.action_submit()
        with self.assertRefused(UserError, "can no longer change"):
            record.amount = 2_000_000
        with self.assertRefused(ValidationError, "date the Treasury paid"):
            record.write({"state": "paid"})
        with self.assertRefused(ValidationError, "before it was requested"):
            record.action_pay(paid_date="2025-10-01")
        record.action_pay(paid_date="2025-11-05")
        with self.assertRefused(UserError, "never deleted"):
            record.unlink()
        with self.assertRefused(UserError, "cannot go from"):
            record.write({"state": "draft"})
        self._accept_for_payment(self.contract, 5, "2025-10-01")
        rejected = self.Disbursement.create(
            {
                "contract_id": self.contract.id,
                "capital_plan_id": self.plan_2025.id,
                "amount": 5,
                "request_date": "2025-11-01",
            }
        )
        rejected.action_submit()
        with self.assertRefused(ValidationError, "reason"):
            rejected.write({"state": "rejected"})
        rejected.write({"state": "rejected", "rejection_reason": "Thiếu hồ sơ 03.a/TT"})
        self.assertEqual(rejected.state, "rejected")

    def test_bad_amounts(self):
        for values, pattern in (
            ({"amount": -1}, "amount_positive"),
            ({"amount": 100, "advance_recovery_amount": 200}, "recovery_range"),
            ({"amount": 100, "advance_recovery_amount": -1}, "recovery_range"),
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(Exception, pattern),
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                self.Disbursement.create(
                    dict(
                        {
                            "contract_id": self.contract.id,
                            "capital_plan_id": self.plan_2025.id,
                            "request_date": "2025-11-01",
                        },
                        **values,
                    )
                )


@tagged("post_install", "-at_install")
class TestIssue9Rules(TtcpProcurementCase):
    """Issue 9: payment follows acceptance, advance only as agreed, corrected periods,
    due dates that follow the working calendar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        _software_and_supervision(cls)
        cls.Acceptance = cls.env["ttcp.contract.acceptance"]

    def _disburse(self, dtype, amount, paid="2025-11-15", contract=None):
        record = self.Disbursement.create(
            {
                "contract_id": (contract or self.contract).id,
                "capital_plan_id": self.plan_2025.id,
                "disbursement_type": dtype,
                "amount": amount,
                "request_date": paid,
            }
        )
        record.action_submit()
        record.action_pay(paid_date=paid, reference="KB-9")
        return record

    def _accept(self, value, on, contract=None, **vals):
        contract = contract or self.contract
        return self.Acceptance.create(
            dict(
                {
                    "contract_id": contract.id,
                    "number": f"NT-9-{len(contract.acceptance_ids) + 1}",
                    "date": on,
                    "accepted_value": value,
                },
                **vals,
            )
        )

    # ------------------------------------------------------------------
    # Payment follows acceptance
    # ------------------------------------------------------------------
    def test_payment_refused_above_accepted_value(self):
        with self.assertRefused(ValidationError, r"accepted by 2025-11-15 \(0 VND\).*Nghị định 254/2025"):
            self._disburse("payment", 1_000_000_000)
        self._accept(1_000_000_000, "2025-11-10")
        # More than accepted: refused, naming the accepted value and the rule's value and basis.
        with self.assertRefused(
            ValidationError, r"\(1,000,000,000 VND\).*100 Percent.*Nghị định 254/2025/NĐ-CP"
        ):
            self._disburse("payment", 1_000_000_001)
        paid = self._disburse("payment", 1_000_000_000)
        self.assertEqual(paid.state, "paid")

    def test_acceptance_after_the_payment_date_does_not_count(self):
        self._accept(1_000_000_000, "2025-11-20")
        with self.assertRefused(ValidationError, "payment follows acceptance"):
            self._disburse("payment", 500_000_000, paid="2025-11-19")
        self.assertEqual(self._disburse("payment", 500_000_000, paid="2025-11-20").state, "paid")

    def test_correcting_acceptance_nets_the_accepted_value(self):
        original = self._accept(1_000_000_000, "2025-11-01")
        self._accept(-400_000_000, "2025-11-05", correction_of_id=original.id, note="Đo lại khối lượng")
        with self.assertRefused(ValidationError, r"\(600,000,000 VND\)"):
            self._disburse("payment", 700_000_000)
        self._disburse("payment", 600_000_000)

    def test_advances_are_not_limited_by_acceptance(self):
        self.assertEqual(self._disburse("advance", 1_000_000_000, paid="2025-10-10").state, "paid")

    def test_rule_before_decree_254(self):
        """Payments up to 2025-09-25 are checked against the earlier period's rule."""
        Rule = self.env["ttcp.legal.rule"]
        code = "disbursement.payment_follows_acceptance_percent"
        self.assertEqual(
            Rule._find(code, "2025-09-25"),
            self.env.ref("ttcp_procurement.rule_payment_follows_acceptance_2015"),
        )
        self.assertEqual(
            Rule._find(code, "2025-09-26"), self.env.ref("ttcp_procurement.rule_payment_follows_acceptance")
        )

    def test_retention_release_after_warranty_security_or_end(self):
        self._accept(10_000_000_000, "2025-11-01", is_final=True)
        self._disburse("payment", 5_000_000_000)
        # No warranty security, warranty (12 months from 2025-11-01) not over.
        with self.assertRefused(
            ValidationError, r"retention is released only.*2026-11-01.*Nghị định 254/2025"
        ):
            self._disburse("retention_release", 500_000_000, paid="2025-12-01")
        self.contract.warranty_security_amount = 500_000_000
        self.assertEqual(self._disburse("retention_release", 500_000_000, paid="2025-12-01").state, "paid")

    # ------------------------------------------------------------------
    # Advance only as agreed
    # ------------------------------------------------------------------
    def test_no_advance_where_none_is_agreed(self):
        self.assertFalse(self.contract_2.advance_amount)
        with self.assertRefused(ValidationError, r"agrees no advance.*100 Percent.*Nghị định 254/2025/NĐ-CP"):
            self._disburse("advance", 100_000_000, contract=self.contract_2)

    def test_advance_never_above_the_agreed_amount(self):
        self._disburse("advance", 1_500_000_000, paid="2025-10-10")
        with self.assertRefused(
            ValidationError, r"exceed the advance agreed.*2,000,000,000.*Nghị định 254/2025"
        ):
            self._disburse("advance", 500_000_001, paid="2025-10-11")
        self.assertEqual(self._disburse("advance", 500_000_000, paid="2025-10-11").state, "paid")

    # ------------------------------------------------------------------
    # Corrected periods (DOMAIN.md §3.4)
    # ------------------------------------------------------------------
    def test_disbursement_rules_change_basis_on_2025_09_26(self):
        Rule = self.env["ttcp.legal.rule"]
        for code, old, new in (
            ("disbursement.advance_guarantee_min", "rule_advance_guarantee_2015", "rule_advance_guarantee"),
            (
                "disbursement.advance_full_recovery_percent",
                "rule_advance_recovery_2015",
                "rule_advance_recovery",
            ),
        ):
            with self.subTest(code=code):
                before = Rule._find(code, "2025-09-25")
                after = Rule._find(code, "2025-09-26")
                self.assertEqual(before, self.env.ref(f"ttcp_procurement.{old}"))
                self.assertEqual(after, self.env.ref(f"ttcp_procurement.{new}"))
                self.assertIn("99/2021", before.legal_basis)
                self.assertIn("254/2025", after.legal_basis)

    def test_direct_appointment_limits_before_decree_214_cite_decree_24(self):
        Rule = self.env["ttcp.legal.rule"]
        dims = {
            "selection_method": "direct_appointment",
            "budget_type": "recurrent",
            "package_field": "goods",
        }
        for day, value in (("2024-06-01", 100_000_000), ("2025-08-03", 300_000_000)):
            rule = Rule._find("procurement.method_max_price", day, **dims)
            self.assertEqual(rule.value, value)
            self.assertIn("24/2024", rule.legal_basis)
            self.assertNotEqual(rule.article, "Điều 43")
        self.assertIn(
            "214/2025", Rule._find("procurement.method_max_price", "2025-08-04", **dims).legal_basis
        )

    def test_competitive_shopping_consulting_ban_starts_with_its_law(self):
        Rule = self.env["ttcp.legal.rule"]
        dims = {"selection_method": "competitive_shopping", "package_field": "consulting"}
        before = Rule._find("procurement.method_max_price", "2023-12-31", **dims)
        after = Rule._find("procurement.method_max_price", "2024-01-01", **dims)
        self.assertEqual(before, self.env.ref("ttcp_procurement.rule_cs_consulting_l43"))
        self.assertIn("43/2013", before.legal_basis)
        self.assertEqual(after, self.env.ref("ttcp_procurement.rule_cs_consulting"))
        self.assertIn("22/2023", after.legal_basis)
        self.assertEqual((before.value, after.value), (0, 0))

    # ------------------------------------------------------------------
    # Due dates follow the working calendar in every addon
    # ------------------------------------------------------------------
    def test_holiday_and_makeup_day_move_package_due_dates(self):
        package = self.package
        self.assertTrue(package.awarded_date)
        Rule = self.env["ttcp.legal.rule"]
        calendar = self.env.ref("ttcp_projects.resource_calendar_state_agency")
        due = package.result_notice_due
        self.assertEqual(due, Rule._add_working_days(package.awarded_date, 5))
        # A holiday on the first working day after the award pushes the due date.
        first = Rule._add_working_days(package.awarded_date, 1)
        holiday = self.env["resource.calendar.leaves"].create(
            {
                "name": "Test holiday",
                "calendar_id": calendar.id,
                "date_from": f"{first - timedelta(days=1)} 17:00:00",
                "date_to": f"{first} 16:59:59",
                "time_type": "leave",
            }
        )
        self.env.flush_all()
        package.invalidate_recordset()
        self.assertGreater(package.result_notice_due, due)
        self.assertEqual(package.result_notice_due, Rule._add_working_days(package.awarded_date, 5))
        holiday.unlink()
        self.env.flush_all()
        package.invalidate_recordset()
        self.assertEqual(package.result_notice_due, due)
        # With the holiday, a make-up Saturday inside the window brings the due date a day closer.
        holiday = self.env["resource.calendar.leaves"].create(
            {
                "name": "Test holiday",
                "calendar_id": calendar.id,
                "date_from": f"{first - timedelta(days=1)} 17:00:00",
                "date_to": f"{first} 16:59:59",
                "time_type": "leave",
            }
        )
        self.env.flush_all()
        package.invalidate_recordset()
        pushed = package.result_notice_due
        saturday = first + timedelta(days=(5 - first.weekday()) % 7)
        self.assertLess(saturday, pushed)
        self.env["ttcp.calendar.makeup.day"].create(
            {"name": "Test make-up day", "calendar_id": calendar.id, "date": saturday}
        )
        self.env.flush_all()
        package.invalidate_recordset()
        self.assertEqual(package.result_notice_due, Rule._add_working_days(package.awarded_date, 5))
        self.assertLess(package.result_notice_due, pushed)

    # ------------------------------------------------------------------
    # Late capital (Law 58/2024 Art. 72)
    # ------------------------------------------------------------------
    def _adjust(self, on, amount, number):
        return self.env["ttcp.capital.plan.adjustment"].create(
            {"plan_id": self.plan_2025.id, "decision_number": number, "date": on, "amount_change": amount}
        )

    def test_capital_added_on_30_september_is_not_late(self):
        self._adjust("2025-09-30", 1_000_000_000, "ĐC-0930")
        self.assertEqual(self.plan_2025.late_capital_amount, 0)
        self.assertEqual(str(self.plan_2025.disbursement_deadline), "2026-01-31")

    def test_capital_added_after_30_september_until_end_of_next_year(self):
        self._accept(5_000_000_000, "2025-11-01")
        with self.assertRefused(ValidationError, "between 2025-01-01 and 2026-01-31"):
            self._disburse("payment", 500_000_000, paid="2026-03-02")
        self._adjust("2025-10-01", 1_000_000_000, "ĐC-1001")
        self.assertEqual(self.plan_2025.late_capital_amount, 1_000_000_000)
        self.assertEqual(str(self.plan_2025.disbursement_deadline), "2026-12-31")
        # Only the capital added late may be paid after 31 January, with the rule named.
        with self.assertRefused(
            ValidationError, r"capital added late \(1,000,000,000 VND\).*Điều 72.*58/2024"
        ):
            self._disburse("payment", 1_000_000_001, paid="2026-03-02")
        self._disburse("payment", 600_000_000, paid="2026-03-02")
        self._disburse("payment", 400_000_000, paid="2026-11-27")
        with self.assertRefused(ValidationError, r"only the capital added late"):
            self._disburse("payment", 1, paid="2026-11-27")
