from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import TtcpProjectsCase

PATH = [
    "proposal",
    "policy_approved",
    "approved",
    "design_approved",
    "selection",
    "implementation",
    "handover",
    "warranty",
    "settlement",
    "closed",
]
SKIP = "cannot go from"
MISSING = "cannot be in stage"
FROZEN = "can no longer change"


@tagged("post_install", "-at_install")
class TestStageWorkflow(TtcpProjectsCase):
    """Stages move forward one step at a time, each with its decision."""

    # ------------------------------------------------------------------
    # The legal path
    # ------------------------------------------------------------------
    def test_full_path(self):
        project = self._create_project()
        self.assertEqual(project.stage, "proposal")
        walked = [project.stage]
        needs = {
            "policy_approved": "policy",
            "approved": "investment",
            "design_approved": "design",
            "selection": "selection_plan",
            "closed": "settlement",
        }
        for nxt in PATH[1:]:
            if nxt in needs:
                self._decide(
                    project,
                    needs[nxt],
                    amount=25_000_000_000 if needs[nxt] in ("investment", "settlement") else 0,
                )
            if nxt == "handover":
                project.handover_date = "2025-06-30"
            project.with_user(self.users["board"]).action_next_stage()
            walked.append(project.stage)
        self.assertEqual(walked, PATH)
        with self.assertRefused(UserError, "closed or cancelled"):
            project.action_next_stage()

    def test_skip_and_backward_refused(self):
        project = self._create_project()
        self._decide(project, "policy")
        self._decide(project, "investment", amount=15_000_000_000)
        with self.assertRefused(UserError, SKIP):
            project.write({"stage": "approved"})
        self.assertEqual(project.stage, "proposal")
        with self.assertRefused(UserError, SKIP):
            project.write({"stage": "closed"})
        project.action_next_stage()
        project.action_next_stage()
        self.assertEqual(project.stage, "approved")
        with self.assertRefused(UserError, SKIP):
            project.write({"stage": "policy_approved"})
        with self.assertRefused(UserError, SKIP):
            project.write({"stage": "proposal"})
        self.assertEqual(project.stage, "approved")
        # Writing the current stage again is harmless.
        project.write({"stage": "approved", "name": "Renamed"})
        self.assertEqual((project.stage, project.name), ("approved", "Renamed"))

    def test_stage_needs_its_decision(self):
        project = self._create_project()
        for stage, decision_type, amount in [
            ("policy_approved", "policy", 0),
            ("approved", "investment", 25_000_000_000),
            ("design_approved", "design", 0),
            ("selection", "selection_plan", 0),
        ]:
            with self.assertRefused(ValidationError, MISSING):
                project.action_next_stage()
            with self.assertRefused(ValidationError, MISSING):
                project.write({"stage": stage})
            # "Other" decisions do not count.
            self._decide(project, "other", number=f"OTHER-{stage}")
            with self.assertRefused(ValidationError, MISSING):
                project.action_next_stage()
            self._decide(project, decision_type, amount=amount)
            project.action_next_stage()
            self.assertEqual(project.stage, stage)

    def test_handover_needs_date(self):
        project = self._advance(self._create_project(), "implementation")
        with self.assertRefused(ValidationError, "handover date"):
            project.action_next_stage()
        with self.assertRefused(ValidationError, "handover date"):
            project.write({"stage": "handover"})
        self.assertEqual(project.stage, "implementation")
        project.write({"stage": "handover", "handover_date": "2025-07-15"})
        self.assertEqual(project.stage, "handover")
        # The date cannot be removed afterwards.
        with self.assertRefused(ValidationError, "handover date"):
            project.handover_date = False
        self.assertEqual(project.handover_date, date(2025, 7, 15))

    def test_closed_needs_settlement_decision(self):
        project = self._advance(self._create_project(), "settlement")
        with self.assertRefused(ValidationError, MISSING):
            project.action_next_stage()
        with self.assertRefused(ValidationError, MISSING):
            project.write({"stage": "closed"})
        self._decide(project, "settlement", amount=14_000_000_000)
        project.action_next_stage()
        self.assertEqual(project.stage, "closed")

    def test_cancel_needs_reason(self):
        project = self._advance(self._create_project(), "approved")
        with self.assertRefused(ValidationError, "(?i)reason"):
            project.write({"stage": "cancelled"})
        with self.assertRefused(ValidationError, "(?i)reason"):
            project.write({"stage": "cancelled", "cancel_reason": "   "})
        self.assertEqual(project.stage, "approved")
        project.write({"stage": "cancelled", "cancel_reason": "Merged into another project"})
        self.assertEqual(project.stage, "cancelled")
        with self.assertRefused(UserError, FROZEN):
            project.cancel_reason = False
        with self.assertRefused(UserError, FROZEN):
            project.write({"stage": "cancelled", "cancel_reason": "Another reason"})
        self.assertEqual(project.cancel_reason, "Merged into another project")

    def test_no_change_after_closed_or_cancelled(self):
        closed = self._advance(self._create_project(), "closed")
        for stage in ("settlement", "cancelled", "proposal"):
            with self.assertRefused(UserError, FROZEN):
                closed.write({"stage": stage, "cancel_reason": "Too late"})
        with self.assertRefused(UserError, "closed or cancelled"):
            closed.action_next_stage()
        cancelled = self._create_project()
        cancelled.write({"stage": "cancelled", "cancel_reason": "No funding"})
        for stage in ("proposal", "policy_approved", "closed"):
            with self.assertRefused(UserError, FROZEN):
                cancelled.write({"stage": stage})
        with self.assertRefused(UserError, "closed or cancelled"):
            cancelled.action_next_stage()
        self.assertEqual((closed.stage, cancelled.stage), ("closed", "cancelled"))

    def test_create_at_advanced_stage_refused(self):
        # A project starts at the proposal: every later stage is reached step by step.
        for stage in PATH[1:] + ["cancelled"]:
            with self.assertRefused(UserError, "is created in state"):
                self._create_project(stage=stage, handover_date="2025-06-30", cancel_reason="x")
        self.assertFalse(self.Project.search([("code", "=like", "TEST-%"), ("stage", "!=", "proposal")]))

    def test_decision_deletion_cannot_break_stage(self):
        project = self._advance(self._create_project(), "policy_approved")
        with self.assertRefused(UserError, "never deleted"):
            project.decision_ids.unlink()
        # Changing the type of the decision a stage rests on is refused too: a recorded
        # decision never changes.
        with self.assertRefused(UserError, "can no longer change"):
            project.decision_ids.decision_type = "other"

    # ------------------------------------------------------------------
    # One-step design
    # ------------------------------------------------------------------
    def test_one_step_design_under_ceiling(self):
        for amount in (15_000_000_000, 20_000_000_000):
            project = self._create_project()
            self._decide(project, "policy")
            project.action_next_stage()
            self._decide(project, "investment", amount=amount)
            project.action_next_stage()
            # Economic-technical report: the investment decision approves the design.
            project.action_next_stage()
            self.assertEqual(project.stage, "design_approved", f"{amount} VND")
            self.assertFalse(project.decision_ids.filtered(lambda d: d.decision_type == "design"))

    def test_two_step_design_over_ceiling(self):
        project = self._create_project()
        self._decide(project, "policy")
        project.action_next_stage()
        self._decide(project, "investment", amount=20_000_000_001)
        project.action_next_stage()
        with self.assertRefused(ValidationError, "Design approval"):
            project.action_next_stage()
        with self.assertRefused(ValidationError, MISSING):
            project.write({"stage": "design_approved"})
        self._decide(project, "design")
        project.action_next_stage()
        self.assertEqual(project.stage, "design_approved")

    def test_one_step_ceiling_is_data(self):
        project = self._advance(self._create_project(), "approved", amount=15_000_000_000)
        self.env.ref("ttcp_projects.rule_one_step_7319").with_user(
            self.users["rules_admin"]
        ).value = 10_000_000_000
        with self.assertRefused(ValidationError, MISSING):
            project.action_next_stage()

    # ------------------------------------------------------------------
    # Cancel wizard
    # ------------------------------------------------------------------
    def test_cancel_wizard(self):
        project = self._advance(self._create_project(), "selection")
        action = project.action_open_cancel_wizard()
        self.assertEqual(action["res_model"], "ttcp.project.cancel.wizard")
        Wizard = self.env["ttcp.project.cancel.wizard"].with_user(self.users["manager"])
        wizard = Wizard.with_context(**action["context"]).create({"reason": "  "})
        self.assertEqual(wizard.investment_project_id, project)
        with self.assertRefused(UserError, "(?i)reason"):
            wizard.action_confirm()
        self.assertEqual(project.stage, "selection")
        wizard = Wizard.with_context(**action["context"]).create({"reason": "Funding withdrawn"})
        result = wizard.action_confirm()
        self.assertEqual(result["type"], "ir.actions.act_window_close")
        self.assertEqual(project.stage, "cancelled")
        self.assertEqual(project.cancel_reason, "Funding withdrawn")
        # A closed project cannot be cancelled.
        closed = self._advance(self._create_project(), "closed")
        wizard = Wizard.with_context(**closed.action_open_cancel_wizard()["context"]).create(
            {"reason": "Too late"}
        )
        with self.assertRefused(UserError, FROZEN):
            wizard.action_confirm()
        self.assertEqual(closed.stage, "closed")
        self.assertFalse(closed.cancel_reason)

    # ------------------------------------------------------------------
    # History, stage date, companion project
    # ------------------------------------------------------------------
    def test_stage_history_in_tracking(self):
        project = self._create_project()
        # Changes made in the transaction that creates a record are not tracked:
        # commit the creation first, as the user interface does.
        self._flush_tracking()
        self._decide(project, "policy")
        manager = self.users["manager"]
        project.with_user(manager).action_next_stage()
        self._flush_tracking()
        self._decide(project, "investment", amount=15_000_000_000)
        project.with_user(self.users["board"]).write({"stage": "approved"})
        self._flush_tracking()
        values = self._tracking_values(project, "stage")
        self.assertEqual(
            [(v.old_value_char, v.new_value_char) for v in values],
            [("Proposal", "Policy approved"), ("Policy approved", "Investment approved")],
        )
        self.assertEqual(
            values.mail_message_id.mapped("author_id"),
            manager.partner_id | self.users["board"].partner_id,
        )
        self.assertEqual(values[0].mail_message_id.author_id, manager.partner_id)

    def test_stage_date(self):
        with freeze_time("2025-01-20"):
            project = self._create_project()
            self.assertEqual(project.stage_date, date(2025, 1, 20))
        with freeze_time("2025-02-03"):
            self._decide(project, "policy")
            project.action_next_stage()
            self.assertEqual(project.stage_date, date(2025, 2, 3))
            project.name = "Renamed"
        with freeze_time("2025-03-05"):
            project.name = "Renamed again"
            self.assertEqual(project.stage_date, date(2025, 2, 3), "only a stage change moves it")
            project.write({"stage": "cancelled", "cancel_reason": "No funding"})
            self.assertEqual(project.stage_date, date(2025, 3, 5))

    def test_companion_project(self):
        project = self._create_project(name="Cổng thông tin", code="DA-2025-01")
        companion = project.project_id
        self.assertTrue(companion)
        self.assertTrue(companion.allow_milestones)
        self.assertEqual(companion.name, "[DA-2025-01] Cổng thông tin")
        self.assertEqual(companion.company_id, project.company_id)
        project.write({"code": "DA-2025-02"})
        self.assertEqual(companion.name, "[DA-2025-02] Cổng thông tin")
        project.with_user(self.users["board"]).write(
            {"name": "Cổng TTĐT", "manager_id": self.users["manager"].id}
        )
        self.assertEqual(companion.name, "[DA-2025-02] Cổng TTĐT")
        self.assertEqual(companion.user_id, self.users["manager"])
        other = self._create_project(name="WAN")
        self.assertNotEqual(other.project_id, companion)
