from contextlib import closing

from psycopg2 import errors

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import ValidationError
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestDisbursementConcurrency(BaseCase):
    """Two users paying against the same contract at the same moment.

    Real, separate PostgreSQL connections (not Odoo's shared test cursor), with the
    fixtures committed first and removed at the end.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.db = sql_db.db_connect(get_db_name())
        with closing(cls.db.cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            source = env.ref("ttcp_projects.funding_source_state_investment")
            project = env["ttcp.investment.project"].create(
                {"name": "Concurrency", "code": "CONCURRENCY-TEST", "start_year": 2025, "end_year": 2026}
            )
            for dtype, amount in (("policy", 0), ("investment", 5e9), ("design", 0), ("selection_plan", 0)):
                env["ttcp.project.decision"].create(
                    {
                        "investment_project_id": project.id,
                        "decision_type": dtype,
                        "number": f"CC/{dtype}",
                        "date": "2025-06-01",
                        "amount": amount,
                    }
                )
                project.action_next_stage()
            plan = env["ttcp.selection.plan"].create({"name": "CC plan", "investment_project_id": project.id})
            package = env["ttcp.bid.package"].create(
                {
                    "plan_id": plan.id,
                    "number": "CC-1",
                    "name": "Servers",
                    "package_field": "goods",
                    "price": 1_000_000_000,
                    "funding_source_id": source.id,
                    "selection_method": "direct_appointment",
                }
            )
            plan.write({"state": "approved", "decision_number": "CC/1", "approval_date": "2025-09-01"})
            partner = env["res.partner"].create({"name": "Concurrency contractor", "is_company": True})
            package.write({"state": "documents_approved", "documents_approved_date": "2025-09-02"})
            package.write({"state": "published", "published_date": "2025-09-03"})
            package.write({"state": "closed", "closing_date": "2025-09-04"})
            bid = env["ttcp.bid"].create({"package_id": package.id, "partner_id": partner.id, "price": 1e9})
            package.write({"state": "evaluated", "evaluated_date": "2025-09-05"})
            bid.action_award()
            contract = env["ttcp.contract"].create(
                {
                    "number": "CC-HD-1",
                    "name": "Concurrency contract",
                    "package_id": package.id,
                    "partner_id": partner.id,
                    "sign_date": "2025-09-10",
                    "effective_date": "2025-09-10",
                    "end_date": "2026-06-30",
                    "value": 1_000_000_000,
                    "warranty_months": 12,
                }
            )
            contract.write({"state": "signed"})
            # Payment follows acceptance: the whole contract is accepted before the payments.
            env["ttcp.contract.acceptance"].create(
                {"contract_id": contract.id, "number": "CC-NT-1", "date": "2025-11-01", "accepted_value": 1e9}
            )
            capital = env["ttcp.capital.plan"].create(
                {
                    "investment_project_id": project.id,
                    "year": 2025,
                    "funding_source_id": source.id,
                    "amount_allocated": 5_000_000_000,
                }
            )
            # The two transactions must see the fixtures: committed here, removed in _remove_fixtures.
            cr.commit()  # pylint: disable=invalid-commit
            cls.ids = {
                "project": project.id,
                "contract": contract.id,
                "capital": capital.id,
                "partner": partner.id,
            }
        cls.addClassCleanup(cls._remove_fixtures)

    @classmethod
    def _remove_fixtures(cls):
        """Paid records are never deleted through the ORM: the test removes its own rows."""
        with closing(cls.db.cursor()) as cr:
            project = cls.ids["project"]
            cr.execute("DELETE FROM ttcp_disbursement WHERE contract_id = %s", [cls.ids["contract"]])
            cr.execute("DELETE FROM ttcp_contract_acceptance WHERE contract_id = %s", [cls.ids["contract"]])
            cr.execute(
                "DELETE FROM ttcp_contract WHERE id = %s; DELETE FROM ttcp_capital_plan WHERE id = %s",
                [cls.ids["contract"], cls.ids["capital"]],
            )
            cr.execute(
                "DELETE FROM ttcp_bid WHERE package_id IN "
                "(SELECT id FROM ttcp_bid_package WHERE investment_project_id = %s)",
                [project],
            )
            cr.execute("DELETE FROM ttcp_bid_package WHERE investment_project_id = %s", [project])
            cr.execute("DELETE FROM ttcp_selection_plan WHERE investment_project_id = %s", [project])
            cr.execute("DELETE FROM ttcp_project_decision WHERE investment_project_id = %s", [project])
            cr.execute("DELETE FROM ttcp_investment_project WHERE id = %s RETURNING project_id", [project])
            (companion,) = cr.fetchone()
            cr.execute("DELETE FROM project_project WHERE id = %s", [companion])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [cls.ids["partner"]])
            cr.commit()  # pylint: disable=invalid-commit

    def _pay(self, cr, amount):
        env = api.Environment(cr, SUPERUSER_ID, {})
        record = env["ttcp.disbursement"].create(
            {
                "contract_id": self.ids["contract"],
                "capital_plan_id": self.ids["capital"],
                "disbursement_type": "payment",
                "amount": amount,
                "request_date": "2025-11-10",
            }
        )
        record.action_submit()
        record.action_pay(paid_date="2025-11-12", reference="KB-CC")
        env.flush_all()

    def _snapshot(self, cr):
        cr.execute("SELECT amount_paid FROM ttcp_contract WHERE id = %s", [self.ids["contract"]])

    def test_two_payments_at_once_cannot_exceed_the_contract(self):
        """Users A and B each pay 60 % of the same contract at the same moment."""
        with closing(self.db.cursor()) as cr_a, closing(self.db.cursor()) as cr_b:
            for cr in (cr_a, cr_b):
                self._snapshot(cr)  # both transactions see the contract unpaid
            self._pay(cr_a, 600_000_000)  # A's payment holds the contract row until A commits
            # While A is in flight, B's payment cannot go through: it waits on the row.
            cr_b.execute("SET LOCAL lock_timeout = '500ms'")
            with self.assertRaises(errors.LockNotAvailable), mute_logger("odoo.sql_db"):
                self._pay(cr_b, 600_000_000)
            cr_b.rollback()
            self._snapshot(cr_b)  # B starts again before A has committed
            cr_a.commit()
            # B's figures are now stale: PostgreSQL refuses its payment outright, and Odoo
            # retries such a request on fresh figures.
            with self.assertRaises(errors.SerializationFailure), mute_logger("odoo.sql_db"):
                self._pay(cr_b, 600_000_000)
            cr_b.rollback()
            # On fresh figures the rules refuse it.
            with self.assertRaisesRegex(ValidationError, "exceed the contract value"):
                self._pay(cr_b, 600_000_000)
            cr_b.rollback()
        with closing(self.db.cursor()) as cr:
            cr.execute(
                "SELECT COALESCE(SUM(amount), 0), COUNT(*) FROM ttcp_disbursement "
                "WHERE contract_id = %s AND state = 'paid'",
                [self.ids["contract"]],
            )
            total, count = cr.fetchone()
            cr.execute("SELECT amount_paid FROM ttcp_contract WHERE id = %s", [self.ids["contract"]])
            (amount_paid,) = cr.fetchone()
        self.assertEqual((float(total), count, float(amount_paid)), (600_000_000.0, 1, 600_000_000.0))
