from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import TtcpProcurementCase

CLAWBACK = "[TTCP] Claw back the overdue advance"
LATE_LIQUIDATION = "[TTCP] Late liquidation: record the reason"


@tagged("post_install", "-at_install")
class TestIssue9MoreRules(TtcpProcurementCase):
    """Issue 9, second part: advance claw-back, liquidation by contract size, bid opening and
    negotiation, shorter amendment lead time, performance security for abnormally low bids.
    Each rule refuses (or flags) naming its value and basis, and allows what it should."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._software_contract(
            second={"name": "Hardware", "package_field": "goods", "price": 15_000_000_000},
            price=15_000_000_000,
            value=14_000_000_000,
        )
        cls.Rule = cls.env["ttcp.legal.rule"]
        cls.Activity = cls.env["mail.activity"]

    def _activities(self, record, summary):
        return self.Activity.search(
            [("res_model", "=", record._name), ("res_id", "=", record.id), ("summary", "=", summary)]
        )

    def _advance_paid(self, amount, paid, use_due=False):
        record = self.Disbursement.create(
            {
                "contract_id": self.contract.id,
                "capital_plan_id": self.plan_2025.id,
                "disbursement_type": "advance",
                "amount": amount,
                "request_date": paid,
                "advance_use_due": use_due,
            }
        )
        record.action_submit()
        record.action_pay(paid_date=paid, reference="KB-ADV")
        return record

    # ------------------------------------------------------------------
    # 1. Advance claw-back
    # ------------------------------------------------------------------
    def test_overdue_advance_gets_one_clawback_activity(self):
        self._advance_paid(1_000_000_000, "2025-10-05", use_due="2025-11-01")
        Contract = self.env["ttcp.contract"]
        figures = self.contract._advance_figures_on(date(2026, 2, 2))[self.contract.id]
        # Due in use by 1 November 2025: overdue after 1 February 2026 (3 months, the rule).
        clawback, rule = Contract._advance_clawback_date(figures, date(2026, 2, 2))
        self.assertEqual(clawback, date(2026, 2, 1))
        self.assertEqual(rule.value, 3)
        Contract._cron_advance_clawback_activities()
        activity = self._activities(self.contract, CLAWBACK)
        self.assertEqual(len(activity), 1)
        note = str(activity.note)
        self.assertIn("02/01/2026", note)
        self.assertIn("3 Months", note)
        self.assertIn("Nghị định 254/2025/NĐ-CP", note)
        self.assertTrue(self.contract.advance_clawback_flagged_on)
        # Once, not every day: neither while the to-do is open nor after it is done.
        Contract._cron_advance_clawback_activities()
        self.assertEqual(len(self._activities(self.contract, CLAWBACK)), 1)
        activity.action_feedback(feedback="Claw-back requested")
        Contract._cron_advance_clawback_activities()
        self.assertFalse(self._activities(self.contract, CLAWBACK))
        # The advances report flags it on a date after the claw-back day, not before.
        report = self.env["report.ttcp_procurement.advance_outstanding_xlsx"]
        for as_of, overdue in ((date(2026, 2, 1), False), (date(2026, 2, 2), True)):
            entry = report._advance_figures(self.contract, as_of)[self.contract.id]
            day, _rule = Contract._advance_clawback_date(entry, as_of)
            self.assertEqual(as_of > day, overdue)

    def test_clawback_cron_does_not_grow_with_the_contracts(self):
        """One overdue contract or two: the cron costs the same number of queries."""
        self._award(self.package_2, partner=self.contractor_2, price=14_000_000_000)
        contract_2 = self._contract(
            self.package_2,
            value=14_000_000_000,
            number="HD-HW/2025",
            advance_amount=1_000_000_000,
            advance_guarantee_ref="BL-02",
            advance_guarantee_amount=1_000_000_000,
            advance_guarantee_expiry="2026-12-31",
        )
        self._advance_paid(1_000_000_000, "2025-10-05", use_due="2025-11-01")
        Contract = self.env["ttcp.contract"]

        def run():
            self.env.flush_all()
            self.cr.execute("SAVEPOINT clawback")
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            flagged = Contract._cron_advance_clawback_activities()
            self.env.flush_all()
            queries = self.cr.sql_log_count - before
            self.cr.execute("ROLLBACK TO SAVEPOINT clawback")
            self.env.invalidate_all()
            return flagged, queries

        flagged, one = run()
        self.assertEqual(flagged, 1)
        advance = self.Disbursement.create(
            {
                "contract_id": contract_2.id,
                "capital_plan_id": self.plan_2025.id,
                "disbursement_type": "advance",
                "amount": 1_000_000_000,
                "request_date": "2025-10-06",
                "advance_use_due": "2025-11-01",
            }
        )
        advance.action_submit()
        advance.action_pay(paid_date="2025-10-06", reference="KB-ADV-2")
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(one):
            self.assertEqual(Contract._cron_advance_clawback_activities(), 2)
        self.assertEqual(len(self._activities(contract_2, CLAWBACK)), 1)
        self.assertEqual(len(self._activities(self.contract, CLAWBACK)), 1)

    def test_advance_not_yet_due_gets_no_activity(self):
        # Due in use by a date less than 3 months before today (or later): not overdue.
        today = date.today()
        self._advance_paid(1_000_000_000, "2025-10-05", use_due=f"{today.year + 1}-01-01")
        self.env["ttcp.contract"]._cron_advance_clawback_activities()
        self.assertFalse(self._activities(self.contract, CLAWBACK))
        self.assertFalse(self.contract.advance_clawback_flagged_on)

    def test_due_use_only_on_an_advance(self):
        with self.assertRefused(ValidationError, "only an advance"):
            self.Disbursement.create(
                {
                    "contract_id": self.contract.id,
                    "capital_plan_id": self.plan_2025.id,
                    "disbursement_type": "payment",
                    "amount": 1_000_000,
                    "request_date": "2025-11-01",
                    "advance_use_due": "2025-12-01",
                }
            )

    # ------------------------------------------------------------------
    # 2. Liquidation 45 / 90 days, late liquidation flagged
    # ------------------------------------------------------------------
    def _accept(self, on):
        return self.env["ttcp.contract.acceptance"].create(
            {"contract_id": self.contract.id, "number": "NT-L-1", "date": on, "accepted_value": 1e9}
        )

    def test_liquidation_due_45_or_90_days_by_size(self):
        self._accept("2025-12-01")
        # 14 billion is below the large-contract threshold: 45 days.
        self.assertEqual(self.contract.liquidation_due, date(2026, 1, 15))
        # A contract at or above the threshold gets 90 days (the rule's change refreshes it).
        self.env.ref("ttcp_procurement.rule_large_contract").write({"value": 14_000_000_000})
        self.assertEqual(self.contract.liquidation_due, date(2026, 3, 1))

    def test_late_liquidation_is_recorded_and_flagged(self):
        self._accept("2025-12-01")
        # Within 45 days: no flag.
        self.contract.write({"liquidation_date": "2026-01-15"})
        self.assertFalse(self.contract.liquidation_late)
        self.assertFalse(self._activities(self.contract, LATE_LIQUIDATION))
        # After: recorded (history), flagged, and the manager gets a to-do naming the rule.
        self.contract.write({"liquidation_date": "2026-01-16"})
        self.assertEqual(self.contract.liquidation_date, date(2026, 1, 16))
        self.assertTrue(self.contract.liquidation_late)
        activity = self._activities(self.contract, LATE_LIQUIDATION)
        self.assertEqual(len(activity), 1)
        self.assertIn("45 Calendar days", str(activity.note))
        self.assertIn("Luật Đấu thầu 22/2023/QH15", str(activity.note))

    # ------------------------------------------------------------------
    # 3. Bid opening within 2 hours, negotiation within 5 working days
    # ------------------------------------------------------------------
    def test_bid_opening_within_two_hours_of_closing(self):
        package = self.package_2
        package.write({"state": "documents_approved", "documents_approved_date": "2025-08-25"})
        package.write({"state": "published", "published_date": "2025-09-01", "notice_number": "IB9"})
        # Closing 25/09/2025 at 09:00 in Hanoi (02:00 UTC).
        package.write({"state": "closed", "closing_date": "2025-09-25"})
        with self.assertRefused(ValidationError, "enter the bid closing time"):
            package.write({"opening_datetime": "2025-09-25 03:00:00"})
        with self.assertRefused(ValidationError, "falls on 2025-09-26"):
            package.write({"closing_datetime": "2025-09-25 20:00:00"})
        package.write({"closing_datetime": "2025-09-25 02:00:00"})
        for opening in ("2025-09-25 04:01:00", "2025-09-25 01:59:00"):
            with self.subTest(opening=opening), self.assertRefused(ValidationError, "within 2 hours"):
                package.write({"opening_datetime": opening})
        with self.assertRefused(ValidationError, "2 Hours; .*Thông tư 79/2025/TT-BTC"):
            package.write({"opening_datetime": "2025-09-25 04:30:00"})
        package.write({"opening_datetime": "2025-09-25 04:00:00"})
        self.assertEqual(str(package.opening_datetime), "2025-09-25 04:00:00")

    def test_negotiation_due_five_working_days_after_evaluation(self):
        # Evaluated on Thursday 25/09/2025 (in setUpClass): Fri, Mon, Tue, Wed, Thu.
        self.assertEqual(self.package.evaluated_date, date(2025, 9, 25))
        self.assertEqual(self.package.negotiation_due, date(2025, 10, 2))
        self.assertFalse(self.package_2.negotiation_due)
        # A public holiday on Friday 26/09/2025 (a declared dependent field) moves it to Friday 3/10.
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Test holiday",
                "calendar_id": self.env.ref("ttcp_projects.resource_calendar_state_agency").id,
                "date_from": "2025-09-25 17:00:00",
                "date_to": "2025-09-26 16:59:59",
                "time_type": "leave",
            }
        )
        self.env.flush_all()
        self.package.invalidate_recordset()
        self.assertEqual(self.package.negotiation_due, date(2025, 10, 3))

    # ------------------------------------------------------------------
    # 4. Shorter amendment lead time
    # ------------------------------------------------------------------
    def _published(self, **vals):
        plan = self._plan([dict({"name": "Amended"}, **vals)], approval_date="2025-08-20")
        package = plan.package_ids
        package.write({"state": "documents_approved", "documents_approved_date": "2025-08-25"})
        package.write({"state": "published", "published_date": "2025-09-01", "notice_number": "IB-A"})
        return package

    def test_amendment_lead_time_small_package(self):
        package = self._published(price=8_000_000_000)  # small goods package (<= 10 billion)
        # Amended Monday 8/9: 3 working days reach Thursday 11/9, after a closing on 10/9.
        with self.assertRefused(ValidationError, "less than 3 Working days.*Điều 45"):
            package.write(
                {"state": "closed", "last_amendment_date": "2025-09-08", "closing_date": "2025-09-10"}
            )
        package.write({"state": "closed", "last_amendment_date": "2025-09-05", "closing_date": "2025-09-10"})
        self.assertEqual(package.state, "closed")

    def test_amendment_lead_time_large_package_stays_ten_days(self):
        package = self._published(price=15_000_000_000)
        with self.assertRefused(ValidationError, "less than 10 Calendar days"):
            package.write(
                {"state": "closed", "last_amendment_date": "2025-09-20", "closing_date": "2025-09-25"}
            )
        package.write({"state": "closed", "last_amendment_date": "2025-09-15", "closing_date": "2025-09-25"})
        self.assertEqual(package.state, "closed")

    # ------------------------------------------------------------------
    # 5. Performance security up to 30 % for an abnormally low winning bid
    # ------------------------------------------------------------------
    def _draft_contract(self, security):
        self._award(self.package_2, price=14_000_000_000)
        return self.Contract.create(
            {
                "number": "HD-LOW/2025",
                "name": "Low bid",
                "package_id": self.package_2.id,
                "partner_id": self.contractor.id,
                "sign_date": "2025-10-01",
                "effective_date": "2025-10-01",
                "end_date": "2026-12-31",
                "value": 14_000_000_000,
                "performance_security_amount": security,
                "performance_security_expiry": "2027-01-31",
                "warranty_months": 12,
            }
        )

    def test_performance_security_above_ten_percent_only_for_abnormally_low_bid(self):
        contract = self._draft_contract(2_800_000_000)  # 20 %
        with self.assertRefused(ValidationError, "between 280,000,000 and 1,400,000,000"):
            contract.write({"state": "signed"})
        self.package_2.winning_bid_id.abnormally_low = True
        contract.write({"state": "signed"})
        self.assertEqual(contract.state, "signed")
        # Signed on that finding: it no longer changes.
        with self.assertRefused(UserError, "abnormally low can no longer change"):
            self.package_2.winning_bid_id.abnormally_low = False

    def test_performance_security_above_thirty_percent_refused(self):
        contract = self._draft_contract(4_340_000_000)  # 31 %
        self.package_2.winning_bid_id.abnormally_low = True
        with self.assertRefused(ValidationError, "and 4,200,000,000 VND.*30 Percent"):
            contract.write({"state": "signed"})

    # ------------------------------------------------------------------
    # 6. A rule that must exist is read as required
    # ------------------------------------------------------------------
    def test_advance_without_a_rule_in_force_is_a_clear_error(self):
        self._award(self.package_2, price=14_000_000_000)
        values = {
            "number": "HD-2014/01",
            "name": "Before the seeded periods",
            "package_id": self.package_2.id,
            "partner_id": self.contractor.id,
            "sign_date": "2014-06-02",
            "effective_date": "2014-06-02",
            "end_date": "2026-12-31",
            "value": 14_000_000_000,
            "performance_security_amount": 700_000_000,
            "performance_security_expiry": "2027-01-31",
            "warranty_months": 12,
        }
        contract = self.Contract.create(dict(values, advance_amount=500_000_000))
        with self.assertRefused(UserError, "disbursement.advance_guarantee_min.*06/02/2014"):
            contract.write({"state": "signed"})
        # No advance agreed: the rule is not needed.
        contract = self.Contract.create(dict(values, number="HD-2014/02"))
        contract.write({"state": "signed"})
        self.assertEqual(contract.state, "signed")
