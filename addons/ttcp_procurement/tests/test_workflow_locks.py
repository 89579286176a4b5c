"""Regression tests of issue 8: records hold their rules on every write path.

Each test is named after a finding. It runs as the non-admin user who would try it,
over the ORM (``with_user``), by plain ``write``/``create``/``unlink`` and not only
through the buttons, and checks both the refusal and that the database did not
change (records re-read after ``invalidate_recordset``).
"""

from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.ttcp_projects.tests.workflow_matrix import WorkflowMatrixCase

from .common import TtcpProcurementCase


@tagged("post_install", "-at_install")
class TestWorkflowLocks(TtcpProcurementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finance = cls.users["finance"]
        cls.officer = cls.users["officer"]
        cls.manager = cls.users["proc_manager"]
        cls.sel_plan = cls._plan(
            [
                {"name": "Software", "package_field": "goods", "price": 10_000_000_000},
                {"name": "Servers", "package_field": "goods", "price": 3_000_000_000},
            ],
            approval_date="2025-08-20",
        )
        cls.package, cls.package_free = cls.sel_plan.package_ids
        cls._award(cls.package, price=10_000_000_000)
        cls.contract = cls._contract(
            cls.package,
            value=10_000_000_000,
            advance_amount=2_000_000_000,
            advance_guarantee_ref="BL-01",
            advance_guarantee_amount=2_000_000_000,
            advance_guarantee_expiry="2026-12-31",
        )
        cls.plan_2025 = cls._capital_plan(2025, 6_000_000_000)
        cls.plan_2026 = cls._capital_plan(2026, 8_000_000_000)
        cls.Acceptance = cls.env["ttcp.contract.acceptance"]
        cls.Amendment = cls.env["ttcp.contract.amendment"]
        cls.Analysis = cls.env["ttcp.disbursement.analysis"]
        cls.today = fields.Date.context_today(cls.Contract)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _pay(self, dtype, amount, paid, plan=None, recovery=None, user=None):
        """A disbursement created, submitted and paid by the finance user."""
        values = {
            "contract_id": self.contract.id,
            "capital_plan_id": (plan or self.plan_2025).id,
            "disbursement_type": dtype,
            "amount": amount,
            "request_date": paid,
        }
        if recovery is not None:
            values["advance_recovery_amount"] = recovery
        if dtype != "advance":
            self._accept_for_payment(self.contract, amount, paid)
        record = self.Disbursement.with_user(user or self.finance).create(values)
        record.action_submit()
        record.action_pay(paid_date=paid, reference=f"KB-{amount}")
        return record

    def _snapshot(self, record, names):
        record.invalidate_recordset()
        return {name: record[name] for name in names}

    def assertRefusedUnchanged(self, exception, record, names, action, pattern=None):
        """``action`` is refused with exactly ``exception``; ``names`` of ``record`` are
        the same in the database afterwards."""
        before = self._snapshot(record, names)
        with self.assertRefused(exception, pattern):
            action()
        self.assertEqual(self._snapshot(record, names), before)

    def _figures(self):
        """What the contract, the capital plan and the analysis view say was paid."""
        self.env.flush_all()
        self.contract.invalidate_recordset()
        self.plan_2025.invalidate_recordset()
        [(analysis_paid,)] = self.Analysis.with_user(self.finance)._read_group(
            [("investment_project_id", "=", self.project.id), ("year", "=", 2025), ("kind", "=", "paid")],
            [],
            ["paid_amount:sum"],
        )
        return {
            "amount_paid": self.contract.amount_paid,
            "advance_paid": self.contract.advance_paid,
            "advance_recovered": self.contract.advance_recovered,
            "advance_outstanding": self.contract.advance_outstanding,
            "plan_disbursed": self.plan_2025.amount_disbursed,
            "analysis_paid": analysis_paid or 0.0,
        }

    # ------------------------------------------------------------------
    # (a) A paid disbursement is history
    # ------------------------------------------------------------------
    def test_paid_disbursement_locked_on_every_write_path(self):
        paid = self._pay("payment", 1_000_000_000, "2025-11-15")
        as_finance = paid.with_user(self.finance)
        names = ["paid_date", "treasury_reference", "amount", "state", "request_date"]
        future = self.today + timedelta(days=10)
        for vals in (
            {"paid_date": "2025-11-20"},
            {"paid_date": False},
            {"paid_date": future},
            {"treasury_reference": "KB-OTHER"},
            {"treasury_reference": False},
            {"amount": 2_000_000_000},
            {"request_date": "2025-11-01"},
            {"state": "submitted"},
            {"state": "draft"},
        ):
            with self.subTest(vals=vals):
                self.assertRefusedUnchanged(UserError, paid, names, lambda vals=vals: as_finance.write(vals))
        # Never deleted.
        self.assertRefusedUnchanged(UserError, paid, names, as_finance.unlink, "never deleted")
        self.assertTrue(self.Disbursement.search_count([("id", "=", paid.id)]))
        self.assertEqual(paid.paid_date, date(2025, 11, 15))

    def test_pay_with_future_or_early_date_refused(self):
        self._accept_for_payment(self.contract, 100_000_000, "2025-10-01")
        record = self.Disbursement.with_user(self.finance).create(
            {
                "contract_id": self.contract.id,
                "capital_plan_id": self.plan_2026.id,
                "amount": 100_000_000,
                "request_date": "2026-03-10",
            }
        )
        record.action_submit()
        names = ["state", "paid_date"]
        future = self.today + timedelta(days=1)
        self.assertRefusedUnchanged(
            ValidationError, record, names, lambda: record.action_pay(paid_date=future), "in the future"
        )
        self.assertRefusedUnchanged(
            ValidationError,
            record,
            names,
            lambda: record.write({"state": "paid", "paid_date": future}),
            "in the future",
        )
        self.assertRefusedUnchanged(
            ValidationError,
            record,
            names,
            lambda: record.write({"state": "paid", "paid_date": "2026-03-09"}),
            "before it was requested",
        )
        self.assertEqual((record.state, record.paid_date), ("submitted", False))
        record.action_pay(paid_date="2026-03-12")
        self.assertEqual(record.state, "paid")

    # ------------------------------------------------------------------
    # (b) Corrections are reversals, and every sum nets
    # ------------------------------------------------------------------
    def _reverse(self, record, reason="Paid twice by mistake"):
        action = record.with_user(self.finance).action_reverse(reason)
        self.assertEqual(action["res_model"], "ttcp.disbursement")
        return self.Disbursement.browse(action["res_id"])

    def _pay_reversal(self, reversal, on):
        as_finance = reversal.with_user(self.finance)
        as_finance.write({"request_date": on})
        as_finance.action_submit()
        as_finance.action_pay(paid_date=on, reference="KB-REV")

    def test_reversal_nets_contract_plan_and_analysis(self):
        initial = self._figures()
        advance = self._pay("advance", 2_000_000_000, "2025-10-10")
        after_advance = self._figures()
        payment = self._pay("payment", 3_000_000_000, "2025-12-10")
        self.assertEqual(payment.advance_recovery_amount, 750_000_000)
        self.assertEqual(self._figures()["plan_disbursed"], 2_000_000_000 + 2_250_000_000)

        reversal = self._reverse(payment)
        self.assertEqual(
            (
                reversal.disbursement_type,
                reversal.effective_type,
                reversal.state,
                reversal.reversed_id,
                reversal.contract_id,
                reversal.capital_plan_id,
                reversal.amount,
                reversal.advance_recovery_amount,
                reversal.net_amount,
            ),
            (
                "reversal",
                "payment",
                "draft",
                payment,
                self.contract,
                self.plan_2025,
                -3_000_000_000,
                -750_000_000,
                -2_250_000_000,
            ),
        )
        for record in (payment, reversal):
            self.assertTrue(any("Paid twice by mistake" in m.body for m in record.message_ids), record.name)
        # A draft reversal counts for nothing yet.
        self.assertEqual(self._figures()["amount_paid"], 3_000_000_000)
        # Paid in a later year, after the 2025 plan's window: it still nets the 2025 plan.
        self._pay_reversal(reversal, "2026-03-05")
        self.assertEqual(self._figures(), after_advance)
        # The advance, reversed in its turn, brings everything back to zero.
        self._pay_reversal(self._reverse(advance, "Advance paid to the wrong account"), "2026-03-06")
        self.assertEqual(self._figures(), initial)
        # The XLSX exports read sums that net as well.
        monthly = self.env["report.ttcp_procurement.disbursement_monthly_xlsx"]._paid_by_plan_month(
            self.plan_2025
        )
        self.assertEqual(sum(monthly.values()), 0)
        advances = self.env["report.ttcp_procurement.advance_outstanding_xlsx"]._advance_figures(
            self.contract, self.today
        )
        paid_adv, recovered = advances[self.contract.id][:2]
        self.assertEqual((paid_adv, recovered), (0, 0))

    def test_second_reversal_refused(self):
        payment = self._pay("payment", 1_000_000_000, "2025-11-15")
        reversal = self._reverse(payment)
        names = ["state", "amount"]
        count = self.Disbursement.search_count([("disbursement_type", "=", "reversal")])
        self.assertRefusedUnchanged(
            UserError, payment, names, lambda: self._reverse(payment), "already reversed"
        )
        # Not a reversal of a reversal, nor of an unpaid disbursement, nor without a reason.
        self._pay_reversal(reversal, "2026-01-10")
        self.assertRefusedUnchanged(UserError, reversal, names, lambda: self._reverse(reversal))
        self.assertRefusedUnchanged(UserError, payment, names, lambda: self._reverse(payment, reason="  "))
        # Nor typed by hand.
        with self.assertRefused(UserError, "Reverse"):
            self.Disbursement.with_user(self.finance).create(
                {
                    "contract_id": self.contract.id,
                    "capital_plan_id": self.plan_2025.id,
                    "disbursement_type": "reversal",
                    "reversed_id": payment.id,
                    "amount": -1_000_000_000,
                    "advance_recovery_amount": 0,
                    "request_date": "2026-01-10",
                    "reversal_reason": "by hand",
                }
            )
        self.assertEqual(self.Disbursement.search_count([("disbursement_type", "=", "reversal")]), count)
        # A rejected reversal can be replaced.
        other = self._pay("payment", 500_000_000, "2025-11-20")
        rejected = self._reverse(other)
        rejected.with_user(self.finance).action_submit()
        rejected.with_user(self.finance).write({"state": "rejected", "rejection_reason": "Wrong account"})
        self.assertTrue(self._reverse(other))

    def test_draft_reversal_amounts_locked(self):
        payment = self._pay("payment", 1_000_000_000, "2025-11-15")
        reversal = self._reverse(payment).with_user(self.finance)
        names = ["amount", "advance_recovery_amount", "contract_id", "disbursement_type", "reversed_id"]
        for vals in (
            {"amount": -1},
            {"advance_recovery_amount": 0},
            {"disbursement_type": "payment"},
            {"reversed_id": False},
            {"capital_plan_id": self.plan_2026.id},
        ):
            with self.subTest(vals=vals):
                self.assertRefusedUnchanged(
                    UserError, reversal, names, lambda vals=vals: reversal.write(vals)
                )
        # Negative amounts are for reversals only, whatever the path.
        with self.assertRaisesRegex(Exception, "amount_positive"), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.Disbursement.with_user(self.finance).create(
                    {
                        "contract_id": self.contract.id,
                        "capital_plan_id": self.plan_2025.id,
                        "amount": -5,
                        "request_date": "2025-11-01",
                    }
                )

    def test_reversal_never_refused_for_over_disbursement(self):
        # The 2025 plan (6 bn) used to the last dong, then corrected.
        full = self._pay("payment", 6_000_000_000, "2025-11-15", recovery=0)
        self.assertEqual(self.plan_2025.amount_disbursed, self.plan_2025.amount)
        with self.assertRefused(ValidationError, "has only 0 VND left"):
            self._pay("payment", 1, "2025-11-16", recovery=0)
        self._pay_reversal(self._reverse(full), "2025-12-01")
        self.plan_2025.invalidate_recordset()
        self.assertEqual(self.plan_2025.amount_disbursed, 0)
        self._pay("payment", 6_000_000_000, "2025-12-02", recovery=0)
        self.assertEqual(self.contract.amount_paid, 6_000_000_000)

    # ------------------------------------------------------------------
    # (c) Buttons return a value (XML-RPC cannot marshal None)
    # ------------------------------------------------------------------
    def test_buttons_return_values(self):
        self._accept_for_payment(self.contract, 100_000_000, "2025-10-01")
        record = self.Disbursement.with_user(self.finance).create(
            {
                "contract_id": self.contract.id,
                "capital_plan_id": self.plan_2025.id,
                "amount": 100_000_000,
                "request_date": "2025-11-01",
            }
        )
        self.assertIsNotNone(record.action_submit())
        self.assertIsNotNone(record.action_reset_draft())
        self.assertIsNotNone(record.action_submit())
        self.assertIsNotNone(record.action_pay(paid_date="2025-11-05"))
        action = record.action_reverse("Wrong amount")
        self.assertIsNotNone(action)
        self.assertEqual(action["type"], "ir.actions.act_window")
        reversal = self.Disbursement.with_user(self.finance).browse(action["res_id"])
        self.assertIsNotNone(reversal.action_submit())
        reversal.write({"rejection_reason": "Missing form 04.a"})
        self.assertIsNotNone(reversal.action_reject())
        self.assertIsNotNone(reversal.action_reset_draft())
        self.assertFalse(reversal.rejection_reason)
        # The wizard of the 'Reverse' button: once the first reversal is rejected, a
        # new one is created and opened.
        reversal.action_submit()
        reversal.write({"state": "rejected", "rejection_reason": "Missing form 04.a"})
        wizard = self.env["ttcp.disbursement.reverse.wizard"].with_user(self.finance)
        action = wizard.create({"disbursement_id": record.id, "reason": "Wrong amount"}).action_confirm()
        self.assertEqual(action["res_model"], "ttcp.disbursement")
        self.assertEqual(self.Disbursement.browse(action["res_id"]).reversed_id, record)
        for result in (
            self.package_free.with_user(self.officer).action_next_step(),
            self.contract.with_user(self.officer).action_next_state(),
        ):
            self.assertIs(result, True)

    # ------------------------------------------------------------------
    # (d) Acceptance records
    # ------------------------------------------------------------------
    def _accept(self, value=4_000_000_000, on="2025-12-01", **vals):
        return self.Acceptance.with_user(self.officer).create(
            dict(
                {
                    "contract_id": self.contract.id,
                    "number": f"NT-{value}",
                    "date": on,
                    "accepted_value": value,
                },
                **vals,
            )
        )

    def test_acceptance_locked_and_corrected_by_correcting_acceptance(self):
        milestone = self.env["ttcp.contract.milestone"].create(
            {"contract_id": self.contract.id, "name": "Phase 1", "planned_date": "2025-12-01", "amount": 4e9}
        )
        acceptance = self._accept()
        as_officer = acceptance.with_user(self.officer)
        names = ["contract_id", "number", "date", "accepted_value", "milestone_id", "is_final"]
        for vals in (
            {"accepted_value": 5_000_000_000},
            {"accepted_value": 1},
            {"date": "2025-12-05"},
            {"number": "NT-X"},
            {"milestone_id": milestone.id},
            {"is_final": True},
        ):
            with self.subTest(vals=vals):
                self.assertRefusedUnchanged(
                    UserError, acceptance, names, lambda vals=vals: as_officer.write(vals)
                )
        # Through the contract's editable list too.
        self.assertRefusedUnchanged(
            UserError,
            acceptance,
            names,
            lambda: self.contract.with_user(self.officer).write(
                {"acceptance_ids": [(1, acceptance.id, {"accepted_value": 9_000_000_000})]}
            ),
        )
        as_officer.write({"note": "Biên bản ký đủ các bên"})
        self.assertRefusedUnchanged(
            UserError, acceptance, names, acceptance.with_user(self.manager).unlink, "never deleted"
        )
        # A correcting acceptance carries the change and its reason; the contract nets.
        with self.assertRefused(ValidationError, "reason"):
            self._accept(-1_000_000_000, on="2025-12-10", correction_of_id=acceptance.id)
        with self.assertRefused(ValidationError, "below zero"):
            self._accept(-5_000_000_000, on="2025-12-10", correction_of_id=acceptance.id, note="Đo lại")
        with self.assertRaisesRegex(Exception, "value_positive"), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self._accept(-1_000_000_000, on="2025-12-10", note="no original")
        correction = self._accept(
            -1_000_000_000, on="2025-12-10", correction_of_id=acceptance.id, note="Khối lượng đo lại"
        )
        self.contract.invalidate_recordset()
        self.assertEqual(self.contract.accepted_value, 3_000_000_000)
        self.assertEqual(self.contract.last_acceptance_date, date(2025, 12, 1))
        self.assertRefusedUnchanged(
            UserError,
            correction,
            names,
            lambda: correction.with_user(self.officer).write({"accepted_value": -2}),
        )

    def test_acceptance_within_contract_life_and_value(self):
        count = self.Acceptance.search_count([])
        with self.assertRefused(ValidationError, "in the future"):
            self._accept(on=self.today + timedelta(days=1))
        with self.assertRefused(ValidationError, "before the contract took effect"):
            self._accept(on="2025-09-30")
        with self.assertRefused(ValidationError, "exceed its value in force"):
            self._accept(10_000_000_001)
        self.assertEqual(self.Acceptance.search_count([]), count)
        acceptance = self._accept(10_000_000_000)
        # A correction cannot push the accepted value above the value in force either.
        with self.assertRefused(ValidationError, "exceed its value in force"):
            self._accept(1, on="2025-12-02", correction_of_id=acceptance.id, note="More")

    # ------------------------------------------------------------------
    # (e) Amendments
    # ------------------------------------------------------------------
    def test_amendment_locked_and_moves_end_date(self):
        amendment = self.Amendment.with_user(self.officer).create(
            {
                "contract_id": self.contract.id,
                "number": "PL-01",
                "date": "2025-12-01",
                "value_change": 500_000_000,
                "new_end_date": "2027-03-31",
                "previous_end_date": "2000-01-01",  # never typed: read from the contract
            }
        )
        self.contract.invalidate_recordset()
        self.assertEqual(self.contract.end_date, date(2027, 3, 31))
        self.assertEqual(self.contract.value_in_force, 10_500_000_000)
        self.assertEqual(amendment.previous_end_date, date(2026, 12, 31))
        names = ["number", "date", "value_change", "new_end_date", "previous_end_date", "decision"]
        as_officer = amendment.with_user(self.officer)
        for vals in (
            {"value_change": 5_000_000_000},
            {"new_end_date": "2030-01-01"},
            {"date": "2025-12-02"},
            {"number": "PL-X"},
            {"decision": "1/QĐ"},
            {"previous_end_date": "2026-01-01"},
        ):
            with self.subTest(vals=vals):
                self.assertRefusedUnchanged(
                    UserError, amendment, names, lambda vals=vals: as_officer.write(vals)
                )
        as_officer.write({"note": "Gia hạn do chậm bàn giao mặt bằng"})
        self.assertRefusedUnchanged(
            UserError, amendment, names, amendment.with_user(self.manager).unlink, "never deleted"
        )
        # The signed contract's end date and value move only through amendments.
        contract_names = ["end_date", "value", "value_in_force"]
        for user in (self.officer, self.manager):
            for vals in ({"end_date": "2030-12-31"}, {"value": 1}, {"end_date": False}):
                with self.subTest(user=user.login, vals=vals):
                    self.assertRefusedUnchanged(
                        UserError,
                        self.contract,
                        contract_names,
                        lambda user=user, vals=vals: self.contract.with_user(user).write(vals),
                        "through an amendment",
                    )

    # ------------------------------------------------------------------
    # (f) A contracted package keeps its price when its plan is reopened
    # ------------------------------------------------------------------
    def test_adjusted_plan_keeps_contracted_package_price(self):
        self.sel_plan.with_user(self.manager).action_adjust(reason="Add a package")
        self.assertEqual(self.sel_plan.state, "draft")
        names = ["price", "package_field", "selection_method", "procedure", "plan_id"]
        as_officer = self.package.with_user(self.officer)
        for vals in (
            {"price": 1},
            {"price": 9_000_000_000},
            {"package_field": "works"},
            {"selection_method": "direct_appointment"},
            {"procedure": "one_stage_two_envelopes"},
        ):
            with self.subTest(vals=vals):
                self.assertRefusedUnchanged(
                    UserError, self.package, names, lambda vals=vals: as_officer.write(vals), "has a contract"
                )
        # Nor through the plan's package list.
        self.assertRefusedUnchanged(
            UserError,
            self.package,
            names,
            lambda: self.sel_plan.with_user(self.officer).write(
                {"package_ids": [(1, self.package.id, {"price": 1})]}
            ),
        )
        # The invariant holds for internal code too.
        with self.assertRefused(ValidationError, "below the value of its contract"):
            self.package._workflow_internal().write({"price": 1})
        # A package without a contract in the reopened plan can be adjusted.
        self.package_free.with_user(self.officer).write({"price": 2_500_000_000})
        self.assertEqual(self.package_free.price, 2_500_000_000)

    def test_published_package_keeps_notice_number(self):
        package = self._plan([{"price": 15_000_000_000}], approval_date="2025-08-20").package_ids
        package.write({"state": "documents_approved", "documents_approved_date": "2025-08-25"})
        package.with_user(self.officer).write(
            {"state": "published", "published_date": "2025-09-01", "notice_number": "IB2500999"}
        )
        for vals in ({"notice_number": False}, {"notice_number": "IB-OTHER"}):
            with self.subTest(vals=vals):
                self.assertRefusedUnchanged(
                    UserError,
                    package,
                    ["notice_number", "state"],
                    lambda vals=vals: package.with_user(self.officer).write(vals),
                )
        with self.assertRefused(ValidationError, "notice number"):
            package._workflow_internal().write({"notice_number": False})

    def test_signed_contract_keeps_performance_security(self):
        names = ["performance_security_amount", "performance_security_expiry"]
        for vals in ({"performance_security_amount": 0}, {"performance_security_expiry": False}):
            with self.subTest(vals=vals):
                self.assertRefusedUnchanged(
                    UserError,
                    self.contract,
                    names,
                    lambda vals=vals: self.contract.with_user(self.manager).write(vals),
                )
                # Internal code cannot break the invariant either.
                self.assertRefusedUnchanged(
                    ValidationError,
                    self.contract,
                    names,
                    lambda vals=vals: self.contract._workflow_internal().write(vals),
                    "performance security",
                )

    # ------------------------------------------------------------------
    # (g) State moves by plain write
    # ------------------------------------------------------------------
    def test_state_moves_by_plain_write_refused(self):
        # An officer approving a plan by write.
        plan = self._plan([{"price": 1_000_000_000}])
        self.assertRefusedUnchanged(
            AccessError,
            plan,
            ["state", "decision_number", "approval_date"],
            lambda: plan.with_user(self.officer).write(
                {"state": "approved", "decision_number": "5/QĐ", "approval_date": "2025-09-01"}
            ),
        )
        with self.assertRefused(AccessError):
            self.PlanSel.with_user(self.officer).create(
                {
                    "name": "Approved at birth",
                    "investment_project_id": self.project.id,
                    "state": "approved",
                    "decision_number": "6/QĐ",
                    "approval_date": "2025-09-01",
                }
            )
        # Un-approving: an officer reopening an approved plan by write.
        self.assertRefusedUnchanged(
            AccessError,
            self.sel_plan,
            ["state", "decision_number", "approval_date"],
            lambda: self.sel_plan.with_user(self.officer).write({"state": "draft"}),
        )
        self.assertEqual(self.sel_plan.revision_ids.ids, [])
        # Skipping a package step, and an officer awarding by write.
        free = self.package_free.with_user(self.officer)
        self.assertRefusedUnchanged(
            UserError,
            self.package_free,
            ["state"],
            lambda: free.write({"state": "published"}),
            "cannot go from",
        )
        free.write({"state": "documents_approved", "documents_approved_date": "2025-08-25"})
        free.write({"state": "published", "published_date": "2025-09-01", "notice_number": "IB-FREE"})
        free.write({"state": "closed", "closing_date": "2025-09-25"})
        free.write({"state": "evaluated", "evaluated_date": "2025-10-01"})
        self.assertRefusedUnchanged(
            AccessError, self.package_free, ["state"], lambda: free.write({"state": "awarded"})
        )
        # A contract: un-signing, skipping a step, an officer signing, an officer cancelling.
        names = ["state"]
        as_officer = self.contract.with_user(self.officer)
        for vals, exception in (
            ({"state": "draft"}, UserError),
            ({"state": "accepted"}, UserError),
            ({"state": "liquidated", "liquidation_date": "2025-12-01"}, UserError),
            ({"state": "cancelled", "cancel_reason": "Nhầm"}, AccessError),
        ):
            with self.subTest(vals=vals):
                self.assertRefusedUnchanged(
                    exception, self.contract, names, lambda vals=vals: as_officer.write(vals)
                )
        draft = self.Contract.with_user(self.officer).create(
            {
                "number": "HD-DRAFT-G",
                "name": "Draft",
                "package_id": self.package.id,
                "partner_id": self.contractor.id,
                "value": 1_000_000_000,
            }
        )
        self.assertRefusedUnchanged(
            AccessError, draft, names, lambda: draft.with_user(self.officer).write({"state": "signed"})
        )
        # A disbursement skipping the Treasury.
        record = self.Disbursement.with_user(self.finance).create(
            {
                "contract_id": self.contract.id,
                "capital_plan_id": self.plan_2025.id,
                "amount": 100_000_000,
                "request_date": "2025-11-01",
            }
        )
        self.assertRefusedUnchanged(
            UserError,
            record,
            ["state", "paid_date"],
            lambda: record.with_user(self.finance).write({"state": "paid", "paid_date": "2025-11-02"}),
            "cannot go from",
        )


@tagged("post_install", "-at_install")
class TestProcurementWorkflowMatrix(WorkflowMatrixCase):
    """Every procurement model with a workflow or a history, in every state the demo walks."""

    matrix_models = (
        "ttcp.selection.plan",
        "ttcp.bid.package",
        "ttcp.contract",
        "ttcp.disbursement",
        "ttcp.contract.acceptance",
        "ttcp.contract.amendment",
    )
    matrix_groups = {
        "officer": "ttcp_procurement.group_procurement_officer",
        "manager": "ttcp_procurement.group_procurement_manager",
        "finance": "ttcp_projects.group_finance",
        "leadership": "ttcp_projects.group_leadership",
        "board": "ttcp_projects.group_board_user",
    }
    matrix_department = "ttcp_projects.demo_dep_ttcp"

    def test_workflow_matrix(self):
        self._run_workflow_matrix()
