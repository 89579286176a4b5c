from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TtcpProcurementCase


@tagged("post_install", "-at_install")
class TestDisbursement(TtcpProcurementCase):
    """The disbursement rules of DOMAIN.md §3.3, one by one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls._plan(
            [
                {"name": "Software", "package_field": "goods", "price": 10_000_000_000},
                {
                    "name": "Supervision",
                    "package_field": "consulting",
                    "selection_method": "direct_appointment",
                    "price": 500_000_000,
                },
            ],
            approval_date="2025-08-20",
        )
        cls.package, cls.package_2 = plan.package_ids
        cls._award(cls.package, price=10_000_000_000)
        cls.contract = cls._contract(
            cls.package,
            value=10_000_000_000,
            advance_amount=2_000_000_000,
            advance_guarantee_ref="BL-01",
            advance_guarantee_amount=2_000_000_000,
            advance_guarantee_expiry="2026-12-31",
        )
        cls._award(cls.package_2, price=500_000_000)
        cls.contract_2 = cls._contract(cls.package_2, value=500_000_000, number="HD-TV/2025")
        cls.plan_2025 = cls._capital_plan(2025, 6_000_000_000)
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
