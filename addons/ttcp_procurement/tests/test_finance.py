from datetime import date

from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import TtcpProcurementCase


@tagged("post_install", "-at_install")
class TestFinance(TtcpProcurementCase):
    """Plan in force, paid, scheduled, forecast and gap, checked against sums made here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls._plan([{"price": 9_000_000_000}], approval_date="2025-08-20")
        cls.package = plan.package_ids
        cls._award(cls.package, price=9_000_000_000)
        cls.contract = cls._contract(cls.package, value=9_000_000_000)
        cls.cap_2026 = cls._capital_plan(2026, 6_000_000_000)
        Milestone = cls.env["ttcp.contract.milestone"]
        cls.milestones = Milestone.create(
            [
                {"contract_id": cls.contract.id, "name": "M1", "planned_date": "2026-03-15", "amount": 2e9},
                {"contract_id": cls.contract.id, "name": "M2", "planned_date": "2026-12-15", "amount": 1e9},
                {"contract_id": cls.contract.id, "name": "M3", "planned_date": "2027-01-20", "amount": 5e8},
                {"contract_id": cls.contract.id, "name": "M4", "planned_date": "2027-03-01", "amount": 5e8},
            ]
        )
        cls._accept_for_payment(cls.contract, 2_000_000_000, "2026-04-01")
        record = cls.Disbursement.create(
            {
                "contract_id": cls.contract.id,
                "capital_plan_id": cls.cap_2026.id,
                "amount": 2_000_000_000,
                "request_date": "2026-04-01",
            }
        )
        record.action_submit()
        record.action_pay(paid_date="2026-04-03")

    @freeze_time("2026-11-22")
    def test_forecast_figures(self):
        plan = self.cap_2026
        plan.invalidate_recordset()
        paid = 2_000_000_000
        # Milestones still to come in the window (today .. 31/01/2027): M2 and M3.
        scheduled = sum(
            m.amount for m in self.milestones if date(2026, 11, 22) <= m.planned_date <= date(2027, 1, 31)
        )
        self.assertEqual(plan.disbursement_deadline, date(2027, 1, 31))
        self.assertEqual(plan.amount_disbursed, paid)
        self.assertEqual(plan.amount_scheduled, scheduled)
        self.assertEqual(plan.forecast_amount, paid + scheduled)
        self.assertAlmostEqual(plan.forecast_rate, (paid + scheduled) / 6e9 * 100, places=2)
        self.assertEqual(plan.forecast_gap, 6e9 - paid - scheduled)
        self.assertTrue(plan.forecast_short)
        self.assertIn(plan, self.Plan.search([("forecast_short", "=", True)]))
        # Accepting M2 removes it from what is still scheduled.
        self.contract.action_next_state()
        self.env["ttcp.contract.acceptance"].create(
            {
                "contract_id": self.contract.id,
                "number": "NT-1",
                "date": "2026-11-20",
                "accepted_value": 1e9,
                "milestone_id": self.milestones[1].id,
            }
        )
        plan.invalidate_recordset()
        self.assertEqual(plan.amount_scheduled, 5e8)

    @freeze_time("2026-11-22")
    def test_cron_activity_once(self):
        manager = self.users["manager"]
        self.project.manager_id = manager
        self.Plan._cron_forecast_activities()
        domain = [("res_model", "=", "ttcp.capital.plan"), ("res_id", "=", self.cap_2026.id)]
        activities = self.env["mail.activity"].search(domain)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, manager)
        self.Plan._cron_forecast_activities()
        self.assertEqual(self.env["mail.activity"].search_count(domain), 1)

    @freeze_time("2027-02-15")
    def test_closed_window_is_not_short(self):
        self.cap_2026.invalidate_recordset()
        self.assertFalse(self.cap_2026.forecast_short)
        self.assertEqual(self.cap_2026.amount_scheduled, 0)

    def test_monthly_analysis_sums(self):
        Analysis = self.env["ttcp.disbursement.analysis"]
        self.env.flush_all()
        rows = Analysis._read_group(
            [("investment_project_id", "=", self.project.id), ("year", "=", 2026)],
            [],
            ["plan_amount:sum", "scheduled_amount:sum", "paid_amount:sum"],
        )
        plan_sum, scheduled_sum, paid_sum = rows[0]
        # Milestones of 2026's window: planned in Feb 2026 .. Jan 2027 (M1, M2, M3).
        self.assertEqual(plan_sum, 6e9)
        self.assertEqual(scheduled_sum, 2e9 + 1e9 + 5e8)
        self.assertEqual(paid_sum, 2e9)
        by_month = dict(
            Analysis._read_group(
                [("investment_project_id", "=", self.project.id), ("paid_amount", "!=", 0)],
                ["date:month"],
                ["paid_amount:sum"],
            )
        )
        self.assertEqual(list(by_month.values()), [2e9])

    def _forecast_queries(self, extra_projects):
        """Queries to read the forecast of every open plan and to filter the short ones,
        after adding ``extra_projects`` projects with a plan each."""
        for index in range(extra_projects):
            code = f"SCALE-{len(self.Plan.search([]))}-{index}"
            project = self._create_project(name=f"Scale {index}", code=code)
            self._capital_plan(2026, 1_000_000_000, project=project)
        self.env.flush_all()
        self.env.invalidate_all()
        Plan = self.Plan.with_user(self.users["finance"])
        start = self.env.cr.sql_log_count
        plans = Plan.search([("disbursement_deadline", ">=", "2026-11-22")])
        plans.read(["amount", "amount_disbursed", "amount_scheduled", "forecast_rate", "forecast_gap"])
        Plan.search([("forecast_short", "=", True)], limit=80)
        return self.env.cr.sql_log_count - start, len(plans)

    @freeze_time("2026-11-22")
    def test_forecast_query_count_does_not_grow_with_the_plans(self):
        self._forecast_queries(0)  # warm the user's group and rule caches
        small, count_small = self._forecast_queries(2)
        large, count_large = self._forecast_queries(12)
        self.assertGreater(count_large, count_small + 10)
        self.assertEqual(small, large, "the forecast must not cost a query per plan")
