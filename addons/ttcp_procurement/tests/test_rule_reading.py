from datetime import date, timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import TtcpProcurementCase

START = date(2000, 1, 1)


@tagged("post_install", "-at_install")
class TestRuleReading(TtcpProcurementCase):
    """One way to read a rule (issue 9): every date has a record for every seeded code; a
    period the suite knows no figure for is data (``applied`` unticked), so a check is skipped
    only where the data says so, and a gap in the data is a clear error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["ttcp.legal.rule"].with_context(active_test=False)

    def _package(self, approval="2023-12-20"):
        plan = self._plan([{"name": "Switches"}], approval_date=approval, budget_type="recurrent")
        package = plan.package_ids
        package.write({"state": "documents_approved", "documents_approved_date": approval})
        return package

    def test_every_seeded_code_has_a_record_for_every_date(self):
        rules = self.Rule.search([("active", "=", True)])
        for code in sorted(set(rules.mapped("code"))):
            with self.subTest(code=code):
                of_code = rules.filtered(lambda r, c=code: r.code == c)
                periods = sorted((r.date_from, r.date_to or date.max) for r in of_code)
                self.assertLessEqual(periods[0][0], START, "the first period starts after 2000-01-01")
                reached = periods[0][1]
                for date_from, date_to in periods[1:]:
                    if reached == date.max:
                        break
                    self.assertLessEqual(date_from, reached + timedelta(days=1), f"a gap after {reached}")
                    reached = max(reached, date_to)
                self.assertEqual(reached, date.max, "the last period ends")

    def test_bid_preparation_not_checked_before_law_22_and_checked_from_it(self):
        # Published the day before Law 22/2023 (not applied): a 3-day preparation passes.
        package = self._package()
        package.write({"state": "published", "published_date": "2023-12-31", "notice_number": "IB1"})
        package.write({"state": "closed", "closing_date": "2024-01-03"})
        self.assertEqual(package.state, "closed")
        # Published on its first day: the small-package minimum (9 days, the brief) applies.
        package = self._package()
        package.write({"state": "published", "published_date": "2024-01-01", "notice_number": "IB2"})
        with self.assertRefused(ValidationError, r"9 Calendar days.*Luật Đấu thầu 22/2023"):
            package.write({"state": "closed", "closing_date": "2024-01-04"})
        package.write({"state": "closed", "closing_date": "2024-01-10"})
        self.assertEqual(package.state, "closed")

    def test_a_gap_in_the_rules_is_a_clear_error_not_a_skipped_check(self):
        small = self.Rule.search(
            [
                ("code", "=", "procurement.bid_preparation_days_small"),
                ("scope", "=", "domestic"),
                ("date_from", "=", "2024-01-01"),
            ]
        )
        self.assertEqual(len(small), 1)
        small.date_to = "2024-12-31"  # ended with no successor: 2025 onwards is a gap
        package = self._package(approval="2025-02-03")
        package.write({"state": "published", "published_date": "2025-02-10", "notice_number": "IB3"})
        message = r"No legal rule 'procurement.bid_preparation_days_small'.*02/10/2025"
        with self.assertRefused(UserError, message):
            package.write({"state": "closed", "closing_date": "2025-03-31"})
        # A stored due date shown to users does not block: it stays empty until the rule exists.
        self.assertEqual(package.state, "published")

    def test_a_not_applied_period_refuses_a_check_that_always_needs_a_figure(self):
        # The payment rules start in 2015: a payment request in 2014 cannot be checked.
        rule = self.Rule._find("disbursement.advance_guarantee_min", "2014-12-31")
        self.assertFalse(rule.applied)
        with self.assertRefused(UserError, r"has no figure the suite applies on 12/31/2014.*49/2014"):
            self.Rule._get("disbursement.advance_guarantee_min", "2014-12-31")
        code = "disbursement.advance_guarantee_min"
        self.assertFalse(self.Rule._get(code, "2014-12-31", if_applied=True))
        self.assertEqual(self.Rule._get(code, "2015-01-01").value, 1_000_000_000)

    def test_consulting_package_is_never_small(self):
        plan = self._plan(
            [{"name": "Supervision", "package_field": "consulting", "price": 500_000_000}],
            approval_date="2025-08-20",
        )
        self.assertFalse(plan.package_ids._is_small_package(date(2025, 8, 20)))
        goods = self._plan([{"name": "Servers"}], approval_date="2025-08-20").package_ids
        self.assertTrue(goods._is_small_package(date(2025, 8, 20)))

    def test_publication_due_date_follows_the_applied_periods(self):
        before = self._plan([{"name": "A"}], approval_date="2023-12-29", budget_type="recurrent")
        after = self._plan([{"name": "B"}], approval_date="2024-01-02", budget_type="recurrent")
        self.assertFalse(before.publication_due)
        # Five working days after Tuesday 2 January 2024: Tuesday 9 January.
        self.assertEqual(after.publication_due, date(2024, 1, 9))
