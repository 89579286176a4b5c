from pathlib import Path

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TtcpProjectsCase

MODELS = (
    "ttcp.investment.project",
    "ttcp.project.decision",
    "ttcp.capital.plan",
    "ttcp.capital.plan.adjustment",
    "ttcp.legal.rule",
)


@tagged("post_install", "-at_install")
class TestBadInput(TtcpProjectsCase):
    """Bad input gets a clear error and leaves the database as it was."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls._create_project(name="Bad input", code="BAD-1")
        cls.approved = cls._advance(cls._create_project(name="Approved", code="BAD-2"), "approved")
        cls.plan = cls.Plan.create(
            {
                "investment_project_id": cls.project.id,
                "year": 2026,
                "funding_source_id": cls.source.id,
                "amount_allocated": 1_000_000_000,
            }
        )

    def _snapshot(self):
        """Counts and the values bad input could change, read from the database."""
        self.env.invalidate_all()
        counts = {model: self.env[model].with_context(active_test=False).search_count([]) for model in MODELS}
        values = (
            self.project.stage,
            self.approved.stage,
            self.approved.total_investment,
            self.plan.amount,
            self.project.cancel_reason,
        )
        return counts, values

    def assertRefusedUnchanged(self, exception, pattern, action):
        before = self._snapshot()
        with self.assertRaisesRegex(exception, pattern), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                action()
        self.assertEqual(self._snapshot(), before, "the refused input changed the database")

    def test_bad_values(self):
        Decision, Project, Rule = self.Decision, self.Project, self.Rule
        cases = [
            (
                ValidationError,
                "amount",
                lambda: self._decide(self.approved, "adjustment", amount=0),
            ),
            (
                IntegrityError,
                "amount_positive",
                lambda: self._decide(self.approved, "other", amount=-5),
            ),
            (
                ValidationError,
                "in the future",
                lambda: self._decide(self.approved, "other", date="2099-01-01"),
            ),
            (
                IntegrityError,
                "year_order",
                lambda: self._create_project(code="BAD-Y", start_year=2026, end_year=2020),
            ),
            (IntegrityError, "code_unique", lambda: self._create_project(code="BAD-1")),
            (
                IntegrityError,
                "number_project_unique",
                lambda: Decision.create(
                    {
                        "investment_project_id": self.approved.id,
                        "decision_type": "other",
                        "number": self.approved.decision_ids[0].number,
                        "date": "2025-01-01",
                    }
                ),
            ),
            (
                IntegrityError,
                "project_year_source_unique",
                lambda: self.Plan.create(
                    {
                        "investment_project_id": self.project.id,
                        "year": 2026,
                        "funding_source_id": self.source.id,
                        "amount_allocated": 1,
                    }
                ),
            ),
            (ValidationError, "below zero", lambda: self.plan.write({"amount_allocated": -1})),
            (
                ValidationError,
                "below zero",
                lambda: self.Adjustment.create(
                    {
                        "plan_id": self.plan.id,
                        "decision_number": "A1",
                        "date": "2026-06-01",
                        "amount_change": -2_000_000_000,
                    }
                ),
            ),
            (
                ValidationError,
                "some amount",
                lambda: self.Adjustment.create(
                    {
                        "plan_id": self.plan.id,
                        "decision_number": "A0",
                        "date": "2026-06-01",
                        "amount_change": 0,
                    }
                ),
            ),
            (UserError, "cannot go from", lambda: self.project.write({"stage": "approved"})),
            (
                IntegrityError,
                "date_range",
                lambda: Rule.create(
                    {
                        "name": "Bad",
                        "code": "test.bad",
                        "value": 1,
                        "unit": "days",
                        "date_from": "2026-01-02",
                        "date_to": "2026-01-01",
                        "legal_basis": "Test",
                    }
                ),
            ),
            (
                IntegrityError,
                "value_positive",
                lambda: Rule.create(
                    {
                        "name": "Bad",
                        "code": "test.bad",
                        "value": -1,
                        "unit": "days",
                        "date_from": "2026-01-01",
                        "legal_basis": "Test",
                    }
                ),
            ),
            (
                ValidationError,
                "overlaps",
                lambda: Rule.create(
                    {
                        "name": "Overlap",
                        "code": "project.appraisal_working_days",
                        "value": 25,
                        "unit": "working_days",
                        "date_from": "2026-09-01",
                        "legal_basis": "Test",
                    }
                ),
            ),
            (ValidationError, "(?i)reason", lambda: self.project.write({"stage": "cancelled"})),
            (
                ValidationError,
                "(?i)reason",
                lambda: self.project.write({"stage": "cancelled", "cancel_reason": " "}),
            ),
            (
                UserError,
                "(?i)reason",
                lambda: (
                    self.env["ttcp.project.cancel.wizard"]
                    .create({"investment_project_id": self.project.id, "reason": " "})
                    .action_confirm()
                ),
            ),
            (
                UserError,
                "is created in state",
                lambda: Project.create({"name": "X", "code": "BAD-X", "stage": "approved"}),
            ),
        ]
        for exception, pattern, action in cases:
            with self.subTest(pattern=pattern):
                self.assertRefusedUnchanged(exception, pattern, action)

    def test_approved_records_are_never_deleted(self):
        cases = [
            (UserError, "cannot be deleted", lambda: self.approved.unlink()),
            (UserError, "never deleted", lambda: self.approved.decision_ids[:1].unlink()),
        ]
        with_decision = self._create_project(name="With decision", code="BAD-3")
        self._decide(with_decision, "other")
        cases.append((UserError, "cannot be deleted", lambda: with_decision.unlink()))
        adjustment = self.Adjustment.create(
            {"plan_id": self.plan.id, "decision_number": "A2", "date": "2026-06-01", "amount_change": 5}
        )
        cases += [
            (UserError, "never deleted", lambda: adjustment.unlink()),
            (UserError, "cannot be\\s+deleted", lambda: self.plan.unlink()),
        ]
        for exception, pattern, action in cases:
            with self.subTest(pattern=pattern):
                self.assertRefusedUnchanged(exception, pattern, action)
        self.assertTrue(adjustment.exists())

    def test_errors_speak_vietnamese(self):
        """The same refusal reads in Vietnamese for a Vietnamese-speaking user."""
        if not (Path(__file__).parent.parent / "i18n" / "vi.po").is_file():
            self.skipTest("i18n/vi.po is not there yet")
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["ttcp_projects"], ["vi_VN"], overwrite=True)
        messages = {}
        for lang in ("en_US", "vi_VN"):
            with self.assertRaises(UserError) as caught, self.env.cr.savepoint():
                self.project.with_context(lang=lang).write({"stage": "approved"})
            messages[lang] = str(caught.exception)
        self.assertIn("cannot go from", messages["en_US"])
        self.assertNotEqual(messages["en_US"], messages["vi_VN"])
        self.assertIn("không thể chuyển", messages["vi_VN"].lower())
