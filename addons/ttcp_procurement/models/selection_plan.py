from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ttcp_projects.models.workflow_mixin import ALL, Transition
from odoo.addons.ttcp_projects.tools import format_amount, user_env

MANAGER = "ttcp_procurement.group_procurement_manager"


class SelectionPlan(models.Model):
    """A contractor selection plan (kế hoạch lựa chọn nhà thầu, KHLCNT)."""

    _name = "ttcp.selection.plan"
    _description = "Contractor selection plan"
    _inherit = ["ttcp.workflow.mixin", "ttcp.legal.rule.consumer", "mail.thread", "mail.activity.mixin"]
    _legal_rule_dependent_fields = ("publication_due",)
    _workflow_state_field = "state"
    _workflow_undeletable_states = ("approved", "cancelled")
    # An approved plan is the content of its decision: a change is an adjustment
    # (back to draft, the approved version kept) and a new approval.
    _workflow_locks = {
        "approved": {
            "name",
            "investment_project_id",
            "budget_type",
            "company_id",
            "currency_id",
            "decision_number",
            "approval_date",
            "approver",
        },
        "cancelled": ALL,
    }
    _order = "approval_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    investment_project_id = fields.Many2one(
        "ttcp.investment.project",
        "Project",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        help="Empty for a plan on the recurrent budget.",
    )
    budget_type = fields.Selection(
        [("project", "Investment project"), ("recurrent", "Recurrent budget")],
        required=True,
        default="project",
        tracking=True,
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.ref("base.VND")
    )
    decision_number = fields.Char("Approving decision", tracking=True, copy=False)
    approval_date = fields.Date(tracking=True, copy=False)
    approver = fields.Char(tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("cancelled", "Cancelled")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    cancel_reason = fields.Text(copy=False, tracking=True)
    package_ids = fields.One2many("ttcp.bid.package", "plan_id", "Packages")
    package_count = fields.Integer(compute="_compute_amount_total", store=True)
    amount_total = fields.Monetary("Total package price", compute="_compute_amount_total", store=True)
    revision_ids = fields.One2many("ttcp.selection.plan.revision", "plan_id", "Earlier versions")
    publication_due = fields.Date(
        compute="_compute_publication_due",
        store=True,
        help="The plan must be published on the national e-procurement system by this date.",
    )
    published_date = fields.Date(tracking=True, copy=False)

    @api.depends("package_ids.price", "package_ids.state")
    def _compute_amount_total(self):
        for plan in self:
            packages = plan.package_ids.filtered(lambda p: p.state != "cancelled")
            plan.amount_total = sum(packages.mapped("price"))
            plan.package_count = len(packages)

    @api.depends("approval_date")
    def _compute_publication_due(self):
        for plan in self:
            due = False
            if plan.approval_date:
                code = "procurement.publication_working_days"
                rule = plan._legal_rule_for_display(code, plan.approval_date)
                due = rule._apply_to(plan.approval_date) if rule else False
            plan.publication_due = due

    @api.constrains("investment_project_id", "budget_type")
    def _check_budget(self):
        for plan in self:
            if plan.budget_type == "project" and not plan.investment_project_id:
                raise ValidationError(self.env._("A plan on an investment project names its project."))
            if plan.budget_type == "recurrent" and plan.investment_project_id:
                raise ValidationError(
                    self.env._("A plan on the recurrent budget is not tied to an investment project.")
                )

    # ------------------------------------------------------------------
    @api.constrains("state", "decision_number", "approval_date")
    def _check_approval(self):
        """The decision is recorded and every package fits the rules in force."""
        for plan in self.filtered(lambda p: p.state == "approved"):
            if not plan.decision_number or not plan.approval_date:
                raise ValidationError(
                    self.env._("Plan %(plan)s: enter the approving decision number and date.", plan=plan.name)
                )
            if plan.approval_date > fields.Date.context_today(self):
                raise ValidationError(
                    self.env._("Plan %(plan)s cannot be approved with a future date.", plan=plan.name)
                )
            packages = plan.package_ids.filtered(lambda p: p.state != "cancelled")
            if not packages:
                raise ValidationError(self.env._("Plan %(plan)s has no package to approve.", plan=plan.name))
            problems = []
            for package in packages:
                for problem in package._plan_violations(plan.approval_date):
                    problems.append(
                        self.env._(
                            "Package %(number)s (%(name)s): %(problem)s",
                            number=package.number,
                            name=package.name,
                            problem=problem,
                        )
                    )
            if problems:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s cannot be approved on %(date)s:",
                        plan=plan.name,
                        date=plan.approval_date,
                    )
                    + "\n- "
                    + "\n- ".join(problems)
                )

    def _snapshot(self):
        """The approved content, kept when the plan is reopened for adjustment."""
        self.ensure_one()
        rows = Markup("").join(
            Markup(
                "<tr><td>%s</td><td>%s</td><td>%s</td><td style='text-align:right'>%s</td><td>%s</td></tr>"
            )
            % (
                escape(p.number),
                escape(p.name),
                escape(dict(p._fields["package_field"]._description_selection(self.env))[p.package_field]),
                format_amount(p.price, self.env),
                escape(
                    dict(p._fields["selection_method"]._description_selection(self.env))[p.selection_method]
                ),
            )
            for p in self.package_ids
        )
        return Markup("<table class='table table-sm'><tbody>%s</tbody></table>") % rows

    def _workflow_transitions(self):
        return [
            Transition("draft", "approved", group=MANAGER),
            # Un-approving is an adjustment: a manager's act, the approved version kept.
            Transition("approved", "draft", group=MANAGER, clear=("decision_number", "approval_date")),
            Transition("draft", "cancelled", writes=("cancel_reason",)),
            Transition("approved", "cancelled", group=MANAGER, writes=("cancel_reason",)),
        ]

    def _workflow_create_states(self):
        return {"draft": None, "approved": MANAGER}

    def write(self, vals):
        target = vals.get("state")
        if target == "cancelled":
            for plan in self.filtered(lambda p: p.state != "cancelled"):
                if plan.package_ids.contract_ids.filtered(lambda c: c.state != "cancelled"):
                    raise UserError(
                        self.env._("Plan %(plan)s has contracts: it cannot be cancelled.", plan=plan.name)
                    )
        # The approved version of each plan reopened, read before the move clears it.
        versions = [
            {
                "plan_id": plan.id,
                "decision_number": plan.decision_number,
                "approval_date": plan.approval_date,
                "amount_total": plan.amount_total,
                "content": plan._snapshot(),
                "reason": self.env.context.get("ttcp_adjust_reason"),
            }
            for plan in self
            if target == "draft" and plan.state == "approved"
        ]
        res = super().write(vals)
        if versions:
            self.env["ttcp.selection.plan.revision"].create(versions)
        if target == "cancelled":
            for plan in self:
                if not (plan.cancel_reason or "").strip():
                    raise ValidationError(
                        self.env._("Give the reason for cancelling plan %(plan)s.", plan=plan.name)
                    )
        return res

    def action_approve(self):
        for plan in self:
            if plan.state != "draft":
                raise UserError(self.env._("Only a draft plan can be approved."))
        return self._workflow_move("approved")

    def action_adjust(self, reason=None):
        """Reopen an approved plan for adjustment; its approved version is kept."""
        for plan in self:
            if plan.state != "approved":
                raise UserError(self.env._("Only an approved plan can be adjusted."))
        return self.with_context(ttcp_adjust_reason=reason)._workflow_move("draft")

    @api.model
    def _cron_publication_activities(self):
        """Remind the project manager to publish an approved plan before its due date."""
        today = fields.Date.context_today(self)
        plans = self.search(
            [
                ("state", "=", "approved"),
                ("published_date", "=", False),
                ("publication_due", "!=", False),
                ("publication_due", "<=", today + timedelta(days=2)),
            ]
        )
        existing = self.env["mail.activity"]._read_group(
            [("res_model", "=", self._name), ("res_id", "in", plans.ids), ("summary", "=like", "[TTCP]%")],
            ["res_id"],
        )
        done = {res_id for (res_id,) in existing}
        for plan in plans.filtered(lambda p: p.id not in done):
            user = plan.investment_project_id.manager_id or self.env.user
            env = user_env(self, user)
            plan.with_env(env).activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=plan.publication_due,
                summary=env._("[TTCP] Publish the plan on the national e-procurement system"),
                user_id=user.id,
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for plan in self:
            if plan.state != "draft" or plan.revision_ids:
                raise UserError(
                    self.env._(
                        "Plan %(plan)s has been approved: cancel it instead of deleting it.", plan=plan.name
                    )
                )
