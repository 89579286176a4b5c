from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..tools import schedule_todos, user_env
from .workflow_mixin import ALL, Transition

PROJECT_TYPES = [
    ("investment", "Digital-system investment"),
    ("procurement", "Digital procurement"),
    ("service_rental", "Digital-service rental"),
    ("maintenance", "Operation and maintenance"),
]
PROJECT_GROUPS = [("a", "Group A"), ("b", "Group B"), ("c", "Group C")]
STAGES = [
    ("proposal", "Proposal"),
    ("policy_approved", "Policy approved"),
    ("approved", "Investment approved"),
    ("design_approved", "Design approved"),
    ("selection", "Contractor selection"),
    ("implementation", "Implementation"),
    ("handover", "Handover"),
    ("warranty", "Warranty"),
    ("settlement", "Final settlement"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
# The path every project walks, one step at a time.
STAGE_PATH = [code for code, _label in STAGES if code != "cancelled"]
CLOSED_STAGES = ("closed", "cancelled")


class InvestmentProject(models.Model):
    _name = "ttcp.investment.project"
    _description = "IT investment project"
    _inherit = ["ttcp.workflow.mixin", "ttcp.legal.rule.consumer", "mail.thread", "mail.activity.mixin"]
    _legal_rule_dependent_fields = ("next_step", "next_step_due", "next_step_basis")
    _order = "start_year desc, code"
    _workflow_state_field = "stage"
    _workflow_archive_group = "ttcp_projects.group_board_manager"
    _workflow_undeletable_states = tuple(code for code, _label in STAGES if code != "proposal")
    # Who follows the project up may change at any time; the record it keeps may not.
    _workflow_free_fields = frozenset({"description", "active", "manager_id"})
    _check_company_auto = True
    _rec_names_search = ["code", "name"]
    _ttcp_year_fields = ("start_year", "end_year")

    code = fields.Char(
        required=True,
        copy=False,
        tracking=True,
        default="/",
        help="Given by the sequence when the project is saved, unless entered.",
    )
    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    project_type = fields.Selection(PROJECT_TYPES, required=True, default="investment", tracking=True)
    project_group = fields.Selection(
        PROJECT_GROUPS,
        "Group",
        required=True,
        default="c",
        tracking=True,
        help="Group A, B or C under the Law on Public Investment.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.ref("base.VND"),
    )
    owner_id = fields.Many2one(
        "res.partner",
        "Owner (investor)",
        tracking=True,
        check_company=True,
        help="Chủ đầu tư.",
    )
    department_id = fields.Many2one(
        "hr.department",
        "Implementing unit",
        tracking=True,
        check_company=True,
        index=True,
    )
    manager_id = fields.Many2one(
        "res.users",
        "Project manager",
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    start_year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True
    )
    end_year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True
    )
    description = fields.Html()
    stage = fields.Selection(
        STAGES,
        required=True,
        default="proposal",
        tracking=True,
        index=True,
        copy=False,
        group_expand="_group_expand_stage",
    )
    stage_date = fields.Date(
        "In this stage since",
        default=fields.Date.context_today,
        copy=False,
        readonly=True,
    )
    cancel_reason = fields.Text(tracking=True, copy=False)
    decision_ids = fields.One2many("ttcp.project.decision", "investment_project_id", "Decisions", copy=False)
    decision_count = fields.Integer(compute="_compute_decision_count")
    total_investment = fields.Monetary(
        compute="_compute_total_investment",
        store=True,
        tracking=True,
        help="Tổng mức đầu tư: amount of the latest investment or adjustment decision.",
    )
    total_investment_decision_id = fields.Many2one(
        "ttcp.project.decision",
        "Decision setting the total investment",
        compute="_compute_total_investment",
        store=True,
    )
    capital_plan_ids = fields.One2many(
        "ttcp.capital.plan", "investment_project_id", "Capital plans", copy=False
    )
    capital_plan_total = fields.Monetary("Capital allocated (all years)", compute="_compute_capital_totals")
    capital_disbursed_total = fields.Monetary("Disbursed (all years)", compute="_compute_capital_totals")
    project_id = fields.Many2one(
        "project.project",
        "Tasks and milestones",
        copy=False,
        readonly=True,
        ondelete="restrict",
        check_company=True,
    )
    file_submitted_date = fields.Date(
        "Complete file submitted on",
        copy=False,
        tracking=True,
        help="Date the complete file for the next decision reached the appraising body "
        "(ngày nhận đủ hồ sơ hợp lệ). It starts the legal appraisal and decision time limits.",
    )
    handover_date = fields.Date(
        copy=False,
        tracking=True,
        help="Date the system was handed over for use; starts the settlement time limit.",
    )
    settlement_file_date = fields.Date(
        "Settlement file submitted on",
        copy=False,
        tracking=True,
    )
    next_step = fields.Selection(
        [
            ("policy_decision", "Investment policy decision"),
            ("investment_decision", "Investment decision (feasibility study or economic-technical report)"),
            ("design_approval", "Detailed design approval"),
            ("selection_plan_approval", "Contractor selection plan approval"),
            ("contract_signature", "Contractor selection and contract signature"),
            ("handover", "Acceptance and handover"),
            ("settlement_file", "Final settlement file"),
            ("settlement_approval", "Final settlement approval"),
        ],
        compute="_compute_next_step",
        store=True,
    )
    next_step_due = fields.Date("Next step due", compute="_compute_next_step", store=True, index=True)
    next_step_basis = fields.Char("Legal basis of the due date", compute="_compute_next_step", store=True)
    is_late = fields.Boolean(
        "Late",
        compute="_compute_is_late",
        search="_search_is_late",
        help="The next legal step is overdue or a milestone is past its deadline.",
    )
    late_milestone_count = fields.Integer(compute="_compute_is_late")

    _sql_constraints = [
        ("code_unique", "UNIQUE (code)", "The project code must be unique. / Mã dự án đã tồn tại."),
        (
            "year_order",
            "CHECK (end_year >= start_year)",
            "The end year cannot be before the start year. / Năm kết thúc không thể trước năm bắt đầu.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.model
    def _group_expand_stage(self, stages, domain):
        return [code for code, _label in STAGES]

    @api.depends("decision_ids")
    def _compute_decision_count(self):
        for project in self:
            project.decision_count = len(project.decision_ids)

    @api.depends("decision_ids.decision_type", "decision_ids.amount", "decision_ids.date")
    def _compute_total_investment(self):
        for project in self:
            decisions = project.decision_ids.filtered(
                lambda d: d.decision_type in ("investment", "adjustment") and d.amount > 0
            ).sorted(lambda d: (d.date, d.id))
            latest = decisions[-1:] if decisions else decisions
            project.total_investment = latest.amount if latest else 0.0
            project.total_investment_decision_id = latest

    def _compute_capital_totals(self):
        groups = self.env["ttcp.capital.plan"]._read_group(
            [("investment_project_id", "in", self.ids)],
            ["investment_project_id"],
            ["amount:sum", "amount_disbursed:sum"],
        )
        totals = {project.id: (amount, paid) for project, amount, paid in groups}
        for project in self:
            project.capital_plan_total, project.capital_disbursed_total = totals.get(project.id, (0.0, 0.0))

    @api.depends(
        "stage",
        "project_group",
        "project_type",
        "file_submitted_date",
        "handover_date",
        "settlement_file_date",
    )
    def _compute_next_step(self):
        for project in self:
            step, due, basis = project._next_legal_step()
            project.next_step = step
            project.next_step_due = due
            project.next_step_basis = basis

    @api.depends("next_step_due", "project_id.milestone_ids.deadline")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        late_ms = self.env["project.milestone"]._read_group(
            [
                ("project_id", "in", self.project_id.ids),
                ("deadline", "<", today),
                ("is_reached", "=", False),
            ],
            ["project_id"],
            ["__count"],
        )
        counts = {project.id: count for project, count in late_ms}
        for project in self:
            project.late_milestone_count = counts.get(project.project_id.id, 0)
            project.is_late = project.stage not in CLOSED_STAGES and bool(
                (project.next_step_due and project.next_step_due < today) or project.late_milestone_count
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the 'Late' field."))
        today = fields.Date.context_today(self)
        late = [
            ("stage", "not in", CLOSED_STAGES),
            "|",
            ("next_step_due", "<", today),
            (
                "project_id.milestone_ids",
                "any",
                [("deadline", "<", today), ("is_reached", "=", False)],
            ),
        ]
        positive = (operator == "=") == value
        if positive:
            return late
        return [("id", "not in", self._search(late))]

    # ------------------------------------------------------------------
    # Deadline engine
    # ------------------------------------------------------------------
    @api.model
    def _legal_steps(self):
        """What comes next in each stage and which rules time it.

        Maps a stage to (next step, base date field, rule codes). The due date is
        the base date plus each rule's duration in turn; the figures live in
        ``ttcp.legal.rule`` records, read for the base date.
        """
        decision_rules = ["project.appraisal_working_days", "project.decision_working_days"]
        settlement_file = ("settlement_file", "handover_date", ["project.settlement_file_months"])
        return {
            "proposal": ("policy_decision", "file_submitted_date", decision_rules),
            "policy_approved": ("investment_decision", "file_submitted_date", decision_rules),
            "approved": ("design_approval", None, []),
            "design_approved": ("selection_plan_approval", None, []),
            "selection": ("contract_signature", None, []),
            "implementation": ("handover", None, []),
            "handover": settlement_file,
            "warranty": settlement_file,
            "settlement": (
                "settlement_approval",
                "settlement_file_date",
                ["project.settlement_review_months", "project.settlement_approval_days"],
            ),
        }

    def _next_legal_step(self):
        """Return (label, due date, legal basis) of this project's next step."""
        self.ensure_one()
        spec = self._legal_steps().get(self.stage)
        if not spec:
            return False, False, False
        label, date_field, codes = spec
        base = date_field and self[date_field]
        if not base or not codes:
            return label, False, False
        due, bases = base, []
        for code in codes:
            rule = self._legal_rule_for_display(code, base)
            if not rule:
                # No applied rule in force: the step is shown without a legal due date.
                return label, False, False
            due = rule._apply_to(due)
            basis = ", ".join(filter(None, [rule.article, rule.legal_basis]))
            if basis not in bases:
                bases.append(basis)
        return label, due, "; ".join(bases)

    @api.model
    def _legal_rule_refresh_domain(self):
        return [("stage", "not in", CLOSED_STAGES)]

    def _legal_rule_dims(self):
        return {"project_group": self.project_group, "project_type": self.project_type}

    @api.model
    def _cron_check_deadlines(self):
        """Daily: ask managers to act on late projects.

        The stored due dates need no refresh here: they are read from the records' own dates,
        never from today, and a change of rule, public holiday or make-up working day already
        recomputes them (``ttcp.legal.rule._refresh_rule_dependents``). Returns the number of
        activities scheduled.
        """
        late = self.search([("is_late", "=", True)])
        todo = self.env.ref("mail.mail_activity_data_todo")
        existing = self.env["mail.activity"]._read_group(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", late.ids),
                ("activity_type_id", "=", todo.id),
                ("summary", "=like", "[TTCP]%"),
            ],
            ["res_id"],
        )
        already = {res_id for (res_id,) in existing}
        todos = []
        for project in late.filtered(lambda p: p.id not in already and p.manager_id):
            # Written in the manager's language, due on the manager's day.
            env = user_env(self, project.manager_id)
            if project.next_step_due and project.next_step_due < fields.Date.context_today(self):
                steps = dict(project._fields["next_step"]._description_selection(env))
                summary = env._("[TTCP] Overdue: %(step)s", step=steps[project.next_step])
                note = env._(
                    "Due on %(date)s (%(basis)s).",
                    date=format_date(env, project.next_step_due),
                    basis=project.next_step_basis or "",
                )
            else:
                summary = env._("[TTCP] Late milestones: %(count)s", count=project.late_milestone_count)
                note = env._("Milestones of this project are past their deadline.")
            due = fields.Date.context_today(project.with_env(env))
            todos.append((project.id, project.manager_id, summary, note, due))
        # One batch for all the projects: the job's queries do not grow with them.
        return len(schedule_todos(self.env, self._name, todos))

    # ------------------------------------------------------------------
    # Stage workflow
    # ------------------------------------------------------------------
    @api.model
    def _stage_requirements(self):
        """Decision types (any one of them) a stage cannot be entered without."""
        return {
            "policy_approved": ("policy",),
            "approved": ("investment",),
            "design_approved": ("design",),
            "selection": ("selection_plan",),
            "closed": ("settlement",),
        }

    def _is_one_step_design(self):
        """One-step design (economic-technical report) under the rule's ceiling."""
        self.ensure_one()
        # The investment decision (economic-technical report) fixes the design steps;
        # later adjustments do not change them retroactively.
        decision = self.decision_ids.filtered(lambda d: d.decision_type == "investment").sorted(
            lambda d: (d.date, d.id)
        )[:1]
        if not decision:
            return False
        date = decision.date
        # Before Decree 73/2019 the suite applies no one-step ceiling: two-step design.
        rule = self._legal_rule_if_applied("project.one_step_design_max_investment", date)
        return bool(rule) and 0 < decision.amount <= rule.value

    def _missing_for_stage(self, stage):
        """Human-readable reasons why this project cannot be in ``stage``."""
        self.ensure_one()
        missing = []
        types = self._stage_requirements().get(stage)
        if types:
            found = self.decision_ids.filtered(lambda d: d.decision_type in types)
            if not found and stage == "design_approved" and self._is_one_step_design():
                # One-step design: the economic-technical report decision approves it.
                found = self.decision_ids.filtered(lambda d: d.decision_type == "investment")
            if not found:
                labels = dict(
                    self.env["ttcp.project.decision"]
                    ._fields["decision_type"]
                    ._description_selection(self.env)
                )
                missing.append(
                    self.env._(
                        "a decision of type '%(type)s'",
                        type=" / ".join(labels[t] for t in types),
                    )
                )
        if stage == "handover" and not self.handover_date:
            missing.append(self.env._("the handover date"))
        if stage == "cancelled" and not (self.cancel_reason or "").strip():
            missing.append(self.env._("a reason for cancelling"))
        return missing

    def _check_stage_requirements(self):
        """Every stage walked so far has what the law ties it to."""
        stage_labels = dict(self._fields["stage"]._description_selection(self.env))
        for project in self:
            if project.stage == "cancelled":
                stages = ["cancelled"]
            else:
                stages = STAGE_PATH[: STAGE_PATH.index(project.stage) + 1]
            for stage in stages:
                missing = project._missing_for_stage(stage)
                if missing:
                    raise ValidationError(
                        self.env._(
                            "Project %(project)s cannot be in stage '%(stage)s' without %(missing)s.",
                            project=project.display_name,
                            stage=stage_labels[stage],
                            missing=self.env._(" and ").join(missing),
                        )
                    )

    # Stages before the handover restart the file for the next decision.
    _RESET_FILE_STAGES = ("policy_approved", "approved", "design_approved", "selection", "implementation")

    def _workflow_transitions(self):
        restamp = {"stamp": {"stage_date": "today"}, "restamp": True}
        transitions = []
        for old, new in zip(STAGE_PATH, STAGE_PATH[1:], strict=False):
            clear = ("file_submitted_date",) if new in self._RESET_FILE_STAGES else ()
            writes = ("handover_date",) if new == "handover" else ()
            transitions.append(Transition(old, new, clear=clear, writes=writes, **restamp))
        transitions.append(
            Transition(
                [s for s in STAGE_PATH if s != "closed"],
                "cancelled",
                group="ttcp_projects.group_board_manager",
                requires=("cancel_reason",),
                writes=("cancel_reason",),
                **restamp,
            )
        )
        return transitions

    def _workflow_locked_fields(self):
        self.ensure_one()
        return ALL if self.stage in CLOSED_STAGES else set()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code", "/") in ("/", False, ""):
                # Numbered on save, in the same transaction: a refused project uses no number.
                vals["code"] = self.env["ir.sequence"].next_by_code("ttcp.investment.project") or "/"
        projects = super().create(vals_list)
        projects._check_stage_requirements()
        projects._create_companion_projects()
        return projects

    def write(self, vals):
        res = super().write(vals)
        if {"stage", "handover_date", "cancel_reason"} & set(vals):
            self._check_stage_requirements()
        self._sync_companion_projects(vals)
        return res

    def action_next_stage(self, stage_date=None):
        """Move to the next stage; ``stage_date`` records a move made earlier (data entry)."""
        for project in self:
            nexts = [s for s in project._workflow_next_states(project.stage) if s != "cancelled"]
            if not nexts:
                raise UserError(
                    self.env._("Project %(project)s is closed or cancelled.", project=project.display_name)
                )
            project._workflow_move(nexts[0], **({"stage_date": stage_date} if stage_date else {}))
        return True

    def action_open_cancel_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel project"),
            "res_model": "ttcp.project.cancel.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_investment_project_id": self.id},
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_only_proposals(self):
        for project in self:
            if project.decision_ids:
                raise UserError(
                    self.env._(
                        "Project %(project)s has decisions or has passed the proposal stage: "
                        "it cannot be deleted. Archive it or cancel it with a reason.",
                        project=project.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Companion project.project (tasks and milestones)
    # ------------------------------------------------------------------
    def _companion_project_vals(self):
        self.ensure_one()
        return {
            "name": f"[{self.code}] {self.name}",
            "company_id": self.company_id.id,
            "allow_milestones": True,
            "user_id": self.manager_id.id,
            "type_ids": [
                Command.link(stage.id)
                for stage in (
                    self.env.ref("ttcp_projects.task_stage_todo", raise_if_not_found=False),
                    self.env.ref("ttcp_projects.task_stage_in_progress", raise_if_not_found=False),
                    self.env.ref("ttcp_projects.task_stage_done", raise_if_not_found=False),
                )
                if stage
            ],
        }

    def _create_companion_projects(self):
        Project = self.env["project.project"].sudo()
        for project in self.filtered(lambda p: not p.project_id):
            companion = Project.create(project._companion_project_vals())
            super(InvestmentProject, project).write({"project_id": companion.id})
        return True

    def _sync_companion_projects(self, vals):
        if not {"code", "name", "manager_id"} & set(vals):
            return
        for project in self.filtered("project_id"):
            values = project._companion_project_vals()
            project.project_id.sudo().write({"name": values["name"], "user_id": values["user_id"]})

    def action_open_tasks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "project.act_project_project_2_project_task_all"
        )
        action["domain"] = [("project_id", "=", self.project_id.id)]
        action["context"] = {"default_project_id": self.project_id.id}
        return action

    def action_open_milestones(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Milestones"),
            "res_model": "project.milestone",
            "view_mode": "list,form",
            "domain": [("project_id", "=", self.project_id.id)],
            "context": {"default_project_id": self.project_id.id},
        }

    @api.constrains("start_year", "end_year")
    def _check_years(self):
        for project in self:
            if not 1990 <= project.start_year <= 2100 or not 1990 <= project.end_year <= 2100:
                raise ValidationError(self.env._("Project years must be between 1990 and 2100."))
