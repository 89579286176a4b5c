from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import TtcpProjectsCase

BN = 1_000_000_000


@tagged("post_install", "-at_install")
class TestTotalInvestment(TtcpProjectsCase):
    """Total investment (tổng mức đầu tư) from the latest approving decision."""

    def setUp(self):
        super().setUp()
        self.project = self._advance(self._create_project(), "policy_approved")
        self.assertFalse(self.project.total_investment)

    def test_latest_decision_by_date(self):
        project = self.project
        first = self._decide(project, "investment", amount=18 * BN, date="2025-01-10")
        self.assertEqual(project.total_investment, 18 * BN)
        self.assertEqual(project.total_investment_decision_id, first)
        raised = self._decide(project, "adjustment", amount=24 * BN, date="2025-06-01")
        self.assertEqual(project.total_investment, 24 * BN)
        self.assertEqual(project.total_investment_decision_id, raised)
        # Entered later but dated earlier: it does not replace the latest decision.
        self._decide(project, "adjustment", amount=21 * BN, date="2025-03-01")
        self.assertEqual(project.total_investment, 24 * BN)
        self.assertEqual(project.total_investment_decision_id, raised)
        # Decisions that do not set the total investment are ignored.
        self._decide(project, "other", date="2025-09-01")
        self._decide(project, "design", date="2025-09-02")
        self.assertEqual(project.total_investment, 24 * BN)
        # A later adjustment lowers it.
        lowered = self._decide(project, "adjustment", amount=19 * BN, date="2025-10-01")
        self.assertEqual(project.total_investment, 19 * BN)
        self.assertEqual(project.total_investment_decision_id, lowered)
        # A recorded decision is not rewritten; a later decision corrects it (stored, recomputed).
        with self.assertRaisesRegex(UserError, "can no longer change"):
            lowered.date = "2025-02-01"
        self._decide(project, "adjustment", amount=24 * BN, date="2025-11-01")
        self.assertEqual(project.total_investment, 24 * BN)
        self.env.flush_all()
        self.assertIn(project, self.Project.search([("total_investment", "=", 24 * BN)]))

    def test_same_date_latest_entered_wins(self):
        project = self.project
        self._decide(project, "investment", amount=10 * BN, date="2025-01-10")
        second = self._decide(project, "adjustment", amount=12 * BN, date="2025-01-10")
        self.assertEqual(project.total_investment_decision_id, second)
        self.assertEqual(project.total_investment, 12 * BN)

    def test_history_kept(self):
        project = self.project
        self._flush_tracking()  # commit the creation: changes then get tracked
        self._decide(project, "investment", amount=18 * BN, date="2025-01-10")
        self._flush_tracking()
        project.action_next_stage()  # approved: decisions can no longer be deleted
        self._decide(project, "adjustment", amount=24 * BN, date="2025-06-01")
        self._flush_tracking()
        self._decide(project, "adjustment", amount=21 * BN, date="2025-03-01")
        self._flush_tracking()
        self._decide(project, "adjustment", amount=19 * BN, date="2025-10-01")
        self._flush_tracking()
        # Every decision remains.
        amounts = (
            project.decision_ids.filtered(lambda d: d.decision_type in ("investment", "adjustment"))
            .sorted("date")
            .mapped("amount")
        )
        self.assertEqual(amounts, [18 * BN, 21 * BN, 24 * BN, 19 * BN])
        # The chatter records each value the total investment took.
        values = self._tracking_values(project, "total_investment")
        self.assertEqual(
            [(v.old_value_float, v.new_value_float) for v in values],
            [(0.0, 18 * BN), (18 * BN, 24 * BN), (24 * BN, 19 * BN)],
        )
        # Approved decisions are never deleted.
        with self.assertRefused(UserError, "never deleted"):
            project.decision_ids[0].unlink()

    def test_amount_required(self):
        with self.assertRefused(ValidationError, "greater than zero"):
            self._decide(self.project, "investment", amount=0)
        with self.assertRefused(ValidationError, "greater than zero"):
            self._decide(self.project, "adjustment", amount=0)
        self.assertFalse(self.project.total_investment)
