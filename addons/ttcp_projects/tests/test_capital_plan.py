from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TtcpProjectsCase

MN = 1_000_000


@tagged("post_install", "-at_install")
class TestCapitalPlan(TtcpProjectsCase):
    """Annual capital plans per project and funding source, and their adjustments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finance = cls.users["finance"]
        cls.project = cls._create_project(name="WAN")
        cls.other_project = cls._create_project(name="Load balancer")

    def _plan(self, project=None, year=2025, source=None, amount=1000 * MN):
        return self.Plan.with_user(self.finance).create(
            {
                "investment_project_id": (project or self.project).id,
                "year": year,
                "funding_source_id": (source or self.source).id,
                "amount_allocated": amount,
                "allocation_decision": "100/QĐ-TTCP",
                "allocation_date": "2025-01-05",
            }
        )

    def _adjust(self, plan, change, date="2025-06-01", number="ADJ"):
        return self.Adjustment.with_user(self.finance).create(
            {"plan_id": plan.id, "amount_change": change, "decision_number": number, "date": date}
        )

    def test_amount_in_force(self):
        plan = self._plan()
        self.assertEqual(plan.amount, 1000 * MN)
        # A typo in the allocation is fixed while the plan has no history...
        plan.amount_allocated = 1100 * MN
        self._adjust(plan, 300 * MN, number="A1")
        self.assertEqual(plan.amount, 1400 * MN)
        self._adjust(plan, -500 * MN, number="A2")
        self.assertEqual(plan.amount, 900 * MN)
        # ...then the allocation decision is history: a change is a new adjustment.
        with self.assertRaisesRegex(UserError, "can no longer change"):
            plan.with_user(self.finance).amount_allocated = 1 * MN
        self.env.flush_all()
        self.assertEqual(self.Plan.search([("id", "=", plan.id), ("amount", "=", 900 * MN)]), plan)
        self.assertEqual(plan.adjustment_ids.mapped("decision_number"), ["A1", "A2"])

    def test_one_plan_per_project_year_source(self):
        self._plan()
        # Another year, another source or another project: fine.
        self._plan(year=2026)
        self._plan(source=self.source_recurrent)
        self._plan(project=self.other_project)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._plan()
        self.assertEqual(self.Plan.search_count([("investment_project_id", "=", self.project.id)]), 3)

    def test_reduction_below_zero_refused(self):
        plan = self._plan()
        with self.assertRefused(ValidationError, "below zero"):
            self._adjust(plan, -1001 * MN)
            self.env.flush_all()
        self.assertEqual(plan.amount, 1000 * MN)
        self._adjust(plan, -1000 * MN, number="To zero")
        self.env.flush_all()
        self.assertEqual(plan.amount, 0)
        with self.assertRefused(ValidationError, "below zero"):
            self._adjust(plan, -1 * MN, number="Below")
            self.env.flush_all()
        with self.assertRefused(ValidationError, "some amount"):
            self._adjust(plan, 0, number="Nothing")

    def test_adjustment_cannot_be_deleted(self):
        plan = self._plan()
        adjustment = self._adjust(plan, 200 * MN)
        with self.assertRefused(AccessError):
            adjustment.unlink()  # no group may delete them...
        with self.assertRefused(UserError, "never deleted"):
            adjustment.sudo().unlink()  # ... not even bypassing access rights
        self.assertTrue(adjustment.exists())
        self.assertEqual(plan.amount, 1200 * MN)

    def test_plan_with_adjustments_cannot_be_deleted(self):
        plan = self._plan()
        untouched = self._plan(year=2026)
        self._adjust(plan, 200 * MN)
        with self.assertRefused(UserError, "adjustments or disbursements"):
            plan.unlink()
        self.assertTrue(plan.exists())
        untouched.unlink()
        self.assertFalse(untouched.exists())

    def _record_disbursed(self, plan, amount):
        # The procurement addon computes amount_disbursed from the paid disbursements;
        # this addon alone keeps it at zero, so the tests store a value directly.
        plan.sudo().write({"amount_disbursed": amount})
        self.env.flush_all()

    def test_disbursement_rate(self):
        plan = self._plan(amount=800 * MN)
        self.assertEqual(plan.disbursement_rate, 0.0)
        self._record_disbursed(plan, 200 * MN)
        self.assertAlmostEqual(plan.disbursement_rate, 25.0)
        self._adjust(plan, 200 * MN)
        self.assertAlmostEqual(plan.disbursement_rate, 20.0)
        # Never below what has been paid.
        with self.assertRefused(ValidationError, "already been disbursed"):
            self._adjust(plan, -900 * MN, number="Too much")
            self.env.flush_all()
        paid = self._plan(year=2026)
        self._record_disbursed(paid, 1 * MN)
        with self.assertRefused(UserError, "adjustments or disbursements"):
            paid.unlink()
        self.assertTrue(paid.exists())
        empty = self._plan(year=2027, amount=0)
        self.assertEqual(empty.disbursement_rate, 0.0, "no division by zero")

    def test_project_capital_totals(self):
        p1, p2 = self.project, self.other_project
        plan_a = self._plan(p1, 2025, amount=1000 * MN)
        self._plan(p1, 2026, amount=2000 * MN)
        self._plan(p1, 2026, source=self.source_recurrent, amount=300 * MN)
        self._plan(p2, 2025, amount=700 * MN)
        third = self._create_project(name="No plan")
        self._adjust(plan_a, -100 * MN)
        self._record_disbursed(plan_a, 450 * MN)
        projects = (p1 | p2 | third).with_user(self.finance)
        projects.invalidate_recordset(["capital_plan_total", "capital_disbursed_total"])
        self.assertEqual(
            [(p.capital_plan_total, p.capital_disbursed_total) for p in projects],
            [(3200 * MN, 450 * MN), (700 * MN, 0.0), (0.0, 0.0)],
        )
