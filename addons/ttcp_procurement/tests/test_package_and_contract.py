from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import TtcpProcurementCase


@tagged("post_install", "-at_install")
class TestPackageSteps(TtcpProcurementCase):
    """Package steps in order, statutory minimum times, bids and award."""

    def _package(self, **vals):
        plan = self._plan([dict({"price": 15_000_000_000}, **vals)], approval_date="2025-08-20")
        return plan.package_ids

    def test_steps_in_order(self):
        package = self._package()
        with self.assertRefused(UserError, "can go to: 'Bidding documents approved'"):
            package.write({"state": "published"})
        package.action_next_step()
        self.assertEqual(package.state, "documents_approved")
        # stamped by the step, on the user's day (Asia/Ho_Chi_Minh), not the server's UTC day
        self.assertEqual(package.documents_approved_date, fields.Date.context_today(package))
        package.documents_approved_date = "2025-08-25"
        with self.assertRefused(ValidationError, "notice number"):
            package.write({"state": "published", "published_date": "2025-09-01"})
        package.write({"state": "published", "published_date": "2025-09-01", "notice_number": "IB2500077"})
        package.write({"state": "closed", "closing_date": "2025-09-30"})
        package.write({"state": "evaluated", "evaluated_date": "2025-10-10"})
        with self.assertRefused(ValidationError, "exactly one winning bid"):
            package.write({"state": "awarded", "awarded_date": "2025-10-15"})
        with self.assertRefused(ValidationError, "not in order"):
            package.write(
                {"evaluated_date": "2025-09-15", "closing_date": "2025-09-30", "published_date": "2025-09-20"}
            )

    def test_bid_preparation_minimums(self):
        # 15 bn of goods: 18 days domestic, 35 international.
        for international, days in ((False, 18), (True, 35)):
            with self.subTest(international=international):
                package = self._package(international=international)
                package.write({"state": "documents_approved", "documents_approved_date": "2025-08-25"})
                package.write({"state": "published", "published_date": "2025-09-01", "notice_number": "IB1"})
                too_soon = date(2025, 9, 1) + timedelta(days=days - 1)
                with self.assertRefused(ValidationError, "minimum bid preparation time"):
                    package.write({"state": "closed", "closing_date": too_soon})
                package.write({"state": "closed", "closing_date": date(2025, 9, 1) + timedelta(days=days)})
        # A small goods package (<= 10 bn): 9 days.
        small = self._package(price=8_000_000_000)
        small.write({"state": "documents_approved", "documents_approved_date": "2025-08-25"})
        small.write({"state": "published", "published_date": "2025-09-01", "notice_number": "IB2"})
        with self.assertRefused(ValidationError, "9 Calendar days"):
            small.write({"state": "closed", "closing_date": "2025-09-09"})
        small.write({"state": "closed", "closing_date": "2025-09-10"})

    def test_competitive_shopping_working_days_and_amendments(self):
        package = self._package(selection_method="competitive_shopping", price=3_000_000_000)
        package.write({"state": "documents_approved", "documents_approved_date": "2025-08-25"})
        # Published Thursday 2025-08-28: 7 working days skip the weekend and 1-2/9 (National Day).
        package.write({"state": "published", "published_date": "2025-08-28", "notice_number": "CS1"})
        with self.assertRefused(ValidationError, "earliest closing date is 2025-09-10"):
            package.write({"state": "closed", "closing_date": "2025-09-09"})
        # Amending the documents of a competitive shopping needs 3 working days before
        # closing (10 days for bidding): amended Monday 8/9, the closing can be on 11/9 at the earliest.
        with self.assertRefused(ValidationError, "less than 3 Working days"):
            package.write({"last_amendment_date": "2025-09-08", "closing_date": "2025-09-10"})
        package.write({"state": "closed", "last_amendment_date": "2025-09-01", "closing_date": "2025-09-11"})

    def test_bid_security_award_and_due_dates(self):
        package = self._package()
        package.write({"state": "documents_approved", "documents_approved_date": "2025-08-25"})
        package.write({"state": "published", "published_date": "2025-09-01", "notice_number": "IB3"})
        package.write({"state": "closed", "closing_date": "2025-09-25"})
        # 15 bn of goods: 1.5-3 % = 225-450 million, valid 90 + 30 days after closing.
        for amount in (224_000_000, 451_000_000):
            with (
                self.subTest(amount=amount),
                self.assertRefused(ValidationError, "between 225,000,000 and 450,000,000"),
            ):
                self.Bid.create(
                    {
                        "package_id": package.id,
                        "partner_id": self.contractor.id,
                        "price": 14e9,
                        "bid_security_amount": amount,
                        "bid_security_expiry": "2026-03-01",
                    }
                )
        with self.assertRefused(ValidationError, "valid until 2026-01-23"):
            self.Bid.create(
                {
                    "package_id": package.id,
                    "partner_id": self.contractor.id,
                    "price": 14e9,
                    "bid_security_amount": 300_000_000,
                    "bid_security_expiry": "2026-01-22",
                }
            )
        win = self.Bid.create(
            {
                "package_id": package.id,
                "partner_id": self.contractor.id,
                "price": 14e9,
                "bid_security_amount": 300_000_000,
                "bid_security_expiry": "2026-01-23",
            }
        )
        lose = self.Bid.create(
            {
                "package_id": package.id,
                "partner_id": self.contractor_2.id,
                "price": 14.5e9,
                "bid_security_amount": 300_000_000,
                "bid_security_expiry": "2026-01-23",
            }
        )
        with self.assertRefused(UserError, "once its bids are evaluated"):
            win.action_award()
        package.write({"state": "evaluated", "evaluated_date": "2025-10-01"})
        with self.assertRaises(AccessError):
            win.with_user(self.users["officer"]).action_award()
        package.write({"awarded_date": "2025-10-03"})
        win.action_award()
        self.assertEqual((win.result, lose.result, package.state), ("won", "lost", "awarded"))
        # 2025-10-03 (Friday): result notice in 5 working days, signature in 10 days,
        # losers' security back within 14 days.
        self.assertEqual(package.result_notice_due, date(2025, 10, 10))
        self.assertEqual(package.contract_signing_due, date(2025, 10, 13))
        self.assertEqual(lose.security_return_due, date(2025, 10, 17))
        self.assertFalse(win.security_return_due)
        with self.assertRefused(UserError, "can no longer change"):
            lose.result = "won"

    def test_no_bid_security_for_consulting(self):
        package = self._package(package_field="consulting", selection_method="open_bidding")
        self.assertFalse(package._needs_bid_security())
        package.write({"state": "documents_approved", "documents_approved_date": "2025-08-25"})
        self.Bid.create({"package_id": package.id, "partner_id": self.contractor.id, "price": 1e9})


@tagged("post_install", "-at_install")
class TestContract(TtcpProcurementCase):
    """Signature checks, amendments, acceptances and liquidation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls._plan(
            [{"price": 15_000_000_000}, {"price": 900_000_000, "selection_method": "direct_appointment"}],
            approval_date="2025-08-20",
        )
        cls.package, cls.small = plan.package_ids
        cls._award(cls.package, price=14_000_000_000)
        cls._award(cls.small, price=900_000_000)

    def _draft(self, package=None, **vals):
        package = package or self.package
        values = {
            "number": f"HD-T-{self.Contract.search_count([]) + 1}",
            "name": "Test",
            "package_id": package.id,
            "partner_id": self.contractor.id,
            "sign_date": "2025-10-01",
            "effective_date": "2025-10-01",
            "end_date": "2026-12-31",
            "value": 14_000_000_000,
            "performance_security_amount": 700_000_000,
            "performance_security_expiry": "2027-01-31",
            "warranty_months": 12,
        }
        values.update(vals)
        return self.Contract.create(values)

    def test_signature_checks(self):
        cases = [
            ({"performance_security_amount": 200_000_000}, "performance security"),
            ({"performance_security_amount": 1_500_000_000}, "performance security"),
            ({"warranty_months": 6}, "warranty of 6 months is below"),
            ({"advance_amount": 1_500_000_000}, "advance guarantee"),
            ({"effective_date": "2025-09-01"}, "signature <= effective <= end"),
            ({"partner_id": False}, None),
        ]
        for vals, pattern in cases:
            if pattern is None:
                continue
            contract = self._draft(**vals)
            with self.subTest(vals=vals), self.assertRefused(ValidationError, pattern):
                with self.env.cr.savepoint():
                    contract.write({"state": "signed"})
        with self.assertRefused(ValidationError, "winning bidder"):
            self._draft(partner_id=self.contractor_2.id).write({"state": "signed"})
        contract = self._draft()
        with self.assertRaises(AccessError):
            contract.with_user(self.users["officer"]).write({"state": "signed"})
        contract.write({"state": "signed"})
        self.assertEqual(self.package.state, "contracted")
        # Within the direct-appointment ceiling no performance security is required.
        small = self._draft(self.small, value=900_000_000, performance_security_amount=0)
        small.write({"state": "signed"})
        self.assertEqual(small.state, "signed")

    def test_amendments_acceptances_liquidation(self):
        contract = self._draft()
        contract.write({"state": "signed"})
        milestone = self.env["ttcp.contract.milestone"].create(
            {"contract_id": contract.id, "name": "Phase 1", "planned_date": "2026-03-31", "amount": 7e9}
        )
        with self.assertRefused(UserError, "through an amendment"):
            contract.value = 15e9
        self.env["ttcp.contract.amendment"].create(
            {
                "contract_id": contract.id,
                "number": "PL-01",
                "date": "2025-12-01",
                "value_change": 500_000_000,
                "new_end_date": "2027-03-31",
            }
        )
        self.assertEqual(contract.value_in_force, 14_500_000_000)
        self.assertEqual(contract.end_date, date(2027, 3, 31))
        self.assertEqual(contract.amendment_ids.previous_end_date, date(2026, 12, 31))
        with self.assertRefused(ValidationError, "zero or below"):
            self.env["ttcp.contract.amendment"].create(
                {"contract_id": contract.id, "number": "PL-02", "date": "2025-12-02", "value_change": -15e9}
            )
        self.env.invalidate_all()  # a refused request rolls back; the test drops its cache too
        with self.assertRefused(UserError, "never deleted"):
            contract.amendment_ids.unlink()
        contract.action_next_state()
        acceptance = self.env["ttcp.contract.acceptance"].create(
            {
                "contract_id": contract.id,
                "number": "NT-01",
                "date": "2026-03-30",
                "accepted_value": 7e9,
                "milestone_id": milestone.id,
            }
        )
        self.assertTrue(milestone.is_done)
        self.assertEqual(milestone.done_date, date(2026, 3, 30))
        self.assertEqual(contract.liquidation_due, date(2026, 5, 14))
        with self.assertRefused(ValidationError, "exceed its value in force"):
            self.env["ttcp.contract.acceptance"].create(
                {"contract_id": contract.id, "number": "NT-02", "date": "2026-04-01", "accepted_value": 8e9}
            )
        with self.assertRefused(UserError, "never deleted"):
            acceptance.unlink()
        contract.action_next_state()  # accepted
        contract.action_next_state()  # warranty
        with self.assertRefused(ValidationError, "liquidation date"):
            contract.action_next_state()
        contract.write({"state": "liquidated", "liquidation_date": "2026-05-10"})
        with self.assertRefused(UserError, "cancel it with a reason"):
            contract.unlink()

    def test_cancel_rules(self):
        contract = self._draft()
        contract.write({"state": "signed"})
        with self.assertRefused(ValidationError, "reason"):
            contract.write({"state": "cancelled"})
        contract.write({"state": "cancelled", "cancel_reason": "Nhà thầu từ chối ký"})
        with self.assertRefused(UserError, "Cancelled"):
            contract.write({"state": "signed"})


@tagged("post_install", "-at_install")
class TestPackageReminders(TtcpProcurementCase):
    def test_awarded_package_reminder_once(self):
        plan = self._plan([{"price": 15_000_000_000}], approval_date="2025-08-20")
        package = plan.package_ids
        self._award(package, price=14_000_000_000)
        package.awarded_date = "2025-10-03"
        self.project.manager_id = self.users["manager"]
        domain = [("res_model", "=", "ttcp.bid.package"), ("res_id", "=", package.id)]
        with freeze_time("2025-10-09"):
            self.Package._cron_due_activities()
        activity = self.env["mail.activity"].search(domain)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.users["manager"])
        self.assertEqual(activity.date_deadline, date(2025, 10, 10))
        with freeze_time("2025-10-10"):
            self.Package._cron_due_activities()
        self.assertEqual(self.env["mail.activity"].search_count(domain), 1)

    def test_plan_publication_reminder(self):
        plan = self._plan([{}], approval_date="2025-09-01")
        self.assertEqual(plan.publication_due, date(2025, 9, 9))  # 5 working days, 1-2/9 off
        domain = [("res_model", "=", "ttcp.selection.plan"), ("res_id", "=", plan.id)]
        with freeze_time("2025-09-05"):
            self.Package._cron_due_activities()
        self.assertFalse(self.env["mail.activity"].search_count(domain))
        with freeze_time("2025-09-08"):
            self.Package._cron_due_activities()
            self.Package._cron_due_activities()
        self.assertEqual(self.env["mail.activity"].search_count(domain), 1)
