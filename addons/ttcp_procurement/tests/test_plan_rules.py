from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import TtcpProcurementCase

# (approval date, direct appointment ceilings: recurrent, consulting, goods in a project;
#  competitive shopping ceiling) per period of DOMAIN.md §3.2.
PERIODS = [
    ("2024-06-01", 100_000_000, 500_000_000, 1_000_000_000, 5_000_000_000),
    ("2025-01-14", 100_000_000, 500_000_000, 1_000_000_000, 5_000_000_000),
    ("2025-01-15", 300_000_000, 500_000_000, 1_000_000_000, 5_000_000_000),
    ("2025-08-04", 500_000_000, 800_000_000, 2_000_000_000, 10_000_000_000),
]


@tagged("post_install", "-at_install")
class TestPlanRules(TtcpProcurementCase):
    """Approving a plan checks each package against the rules in force on its date."""

    def _approve(self, packages, date, budget_type="project"):
        plan = self._plan(packages, budget_type=budget_type)
        plan.write({"state": "approved", "decision_number": "1/QĐ", "approval_date": date})
        return plan

    def _refused(self, packages, date, *patterns, budget_type="project"):
        plan = self._plan(packages, budget_type=budget_type)
        with self.assertRaises(ValidationError) as caught:
            with self.env.cr.savepoint():
                plan.write({"state": "approved", "decision_number": "1/QĐ", "approval_date": date})
        for pattern in patterns:
            self.assertIn(pattern, str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(plan.state, "draft")
        return str(caught.exception)

    def test_ceilings_on_both_sides_at_each_date(self):
        for date, recurrent, consulting, goods, shopping in PERIODS:
            cases = [
                (
                    {"package_field": "goods", "selection_method": "direct_appointment"},
                    "recurrent",
                    recurrent,
                ),
                (
                    {"package_field": "consulting", "selection_method": "direct_appointment"},
                    "project",
                    consulting,
                ),
                ({"package_field": "goods", "selection_method": "direct_appointment"}, "project", goods),
                (
                    {"package_field": "works", "selection_method": "direct_appointment_short"},
                    "project",
                    goods,
                ),
                ({"package_field": "goods", "selection_method": "competitive_shopping"}, "project", shopping),
            ]
            for package, budget, ceiling in cases:
                with self.subTest(date=date, package=package, budget=budget):
                    at_ceiling = dict(package, price=ceiling)
                    self.assertEqual(self._approve([at_ceiling], date, budget_type=budget).state, "approved")
                    message = self._refused(
                        [dict(package, price=ceiling + 1)], date, f"{ceiling:,.0f}", budget_type=budget
                    )
                    self.assertIn("Package 1", message)

    def test_refusal_names_rule_and_basis(self):
        message = self._refused(
            [{"package_field": "consulting", "selection_method": "direct_appointment", "price": 600_000_000}],
            "2025-03-01",
            "Direct appointment ceiling, consulting package in a project",
            "Luật 57/2024/QH15",
            "500,000,000",
        )
        self.assertIn("600,000,000", message)
        # After Decree 214/2025 the same package passes.
        self._approve(
            [{"package_field": "consulting", "selection_method": "direct_appointment", "price": 600_000_000}],
            "2025-09-01",
        )

    def test_consulting_never_competitive_shopping(self):
        for date in ("2020-05-01", "2024-06-01", "2025-09-01"):
            with self.subTest(date=date):
                self._refused(
                    [
                        {
                            "package_field": "consulting",
                            "selection_method": "competitive_shopping",
                            "price": 100_000_000,
                        }
                    ],
                    date,
                    "not allowed for Consulting",
                )

    def test_procedure_must_fit_method(self):
        self._refused(
            [
                {
                    "package_field": "goods",
                    "selection_method": "competitive_shopping",
                    "procedure": "one_stage_two_envelopes",
                    "price": 1_000_000_000,
                }
            ],
            "2025-09-01",
            "does not fit",
        )
        plan = self._approve(
            [
                {
                    "selection_method": "open_bidding",
                    "procedure": "one_stage_two_envelopes",
                    "price": 30_000_000_000,
                }
            ],
            "2025-09-01",
        )
        self.assertEqual(plan.state, "approved")

    def test_purchase_option(self):
        self._refused([{"purchase_option_percent": 31}], "2025-09-01", "30")
        self._approve([{"purchase_option_percent": 30}], "2025-09-01")

    def test_plain_write_checked_like_the_button(self):
        plan = self._plan([{"selection_method": "direct_appointment", "price": 3_000_000_000}])
        with self.assertRaises(ValidationError):
            plan.write({"state": "approved", "decision_number": "2/QĐ", "approval_date": "2025-09-01"})
        plan = self._plan([{"selection_method": "direct_appointment", "price": 3_000_000_000}])
        plan.write({"decision_number": "3/QĐ", "approval_date": "2025-09-01"})
        with self.assertRaises(ValidationError):
            plan.action_approve()

    def test_approval_needs_decision_and_past_date(self):
        plan = self._plan([{}])
        with self.assertRefused(ValidationError, "decision number and date"):
            plan.write({"state": "approved"})
        with self.assertRefused(ValidationError, "future"):
            plan.write({"state": "approved", "decision_number": "4/QĐ", "approval_date": "2099-01-01"})
        empty = self.PlanSel.create({"name": "Empty", "investment_project_id": self.project.id})
        with self.assertRefused(ValidationError, "no package"):
            empty.write({"state": "approved", "decision_number": "5/QĐ", "approval_date": "2025-09-01"})

    def test_adjusting_keeps_the_approved_version(self):
        plan = self._approve([{"price": 2_000_000_000, "name": "Servers"}], "2025-09-01")
        package = plan.package_ids
        with self.assertRefused(UserError, "adjust the plan"):
            package.price = 2_500_000_000
        with self.assertRefused(UserError, "cancel it instead"):
            plan.unlink()
        plan.action_adjust(reason="Price update after market survey")
        self.assertEqual(plan.state, "draft")
        self.assertEqual(len(plan.revision_ids), 1)
        revision = plan.revision_ids
        self.assertEqual(revision.decision_number, "1/QĐ")
        self.assertEqual(revision.amount_total, 2_000_000_000)
        self.assertIn("Servers", revision.content)
        self.assertEqual(revision.reason, "Price update after market survey")
        package.price = 2_500_000_000
        plan.write({"state": "approved", "decision_number": "6/QĐ", "approval_date": "2025-10-01"})
        self.assertEqual(plan.amount_total, 2_500_000_000)
        # A plain write back to draft also keeps the version.
        plan.write({"state": "draft"})
        self.assertEqual(len(plan.revision_ids), 2)

    def test_only_managers_approve(self):
        plan = self._plan([{}])
        plan.write({"decision_number": "7/QĐ", "approval_date": "2025-09-01"})
        with self.assertRaises(AccessError):
            plan.with_user(self.users["officer"]).action_approve()
        plan.with_user(self.users["proc_manager"]).action_approve()
        self.assertEqual(plan.state, "approved")

    def test_budget_and_project_agree(self):
        with self.assertRefused(ValidationError, "names its project"):
            self.PlanSel.create({"name": "No project", "budget_type": "project"})
        with self.assertRefused(ValidationError, "recurrent budget"):
            self.PlanSel.create(
                {"name": "Recurrent", "budget_type": "recurrent", "investment_project_id": self.project.id}
            )

    def test_package_number_unique_in_project(self):
        self._plan([{"number": "9"}])
        with self.assertRefused(ValidationError, "already used"):
            self._plan([{"number": "9"}])
