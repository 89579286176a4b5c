from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.ttcp_projects.models.workflow_mixin import ALL, Transition
from odoo.addons.ttcp_projects.tools import format_amount, schedule_todos, user_env

from .bid_package import CONTRACT_TYPES

CONTRACT_STATES = [
    ("draft", "Draft"),
    ("signed", "Signed"),
    ("in_progress", "In progress"),
    ("accepted", "Accepted"),
    ("warranty", "Warranty"),
    ("liquidated", "Liquidated"),
    ("cancelled", "Cancelled"),
]
CONTRACT_PATH = [code for code, _label in CONTRACT_STATES if code != "cancelled"]
PAYABLE_STATES = ("signed", "in_progress", "accepted", "warranty")
MANAGER = "ttcp_procurement.group_procurement_manager"
# What the parties signed: it changes only through an amendment (value, end date).
SIGNED_LOCKED = frozenset(
    {
        "value",
        "package_id",
        "partner_id",
        "number",
        "sign_date",
        "effective_date",
        "end_date",
        "contract_type",
        "performance_security_amount",
        "performance_security_expiry",
    }
)


class Contract(models.Model):
    """A contract (hợp đồng) signed with a contractor for a package."""

    _name = "ttcp.contract"
    _description = "Contract"
    _inherit = ["ttcp.workflow.mixin", "ttcp.legal.rule.consumer", "mail.thread", "mail.activity.mixin"]
    _legal_rule_dependent_fields = ("liquidation_due", "liquidation_late")
    _workflow_state_field = "state"
    _workflow_free_fields = frozenset({"advance_clawback_flagged_on"})
    _workflow_undeletable_states = tuple(code for code, _label in CONTRACT_STATES if code != "draft")
    _order = "sign_date desc, id desc"
    _check_company_auto = True

    number = fields.Char(required=True, tracking=True, copy=False)
    name = fields.Char(required=True, tracking=True)
    package_id = fields.Many2one(
        "ttcp.bid.package", "Bid package", required=True, index=True, ondelete="restrict", check_company=True
    )
    investment_project_id = fields.Many2one(
        related="package_id.investment_project_id", store=True, index=True
    )
    funding_source_id = fields.Many2one(related="package_id.funding_source_id", store=True)
    company_id = fields.Many2one(related="package_id.company_id", store=True)
    currency_id = fields.Many2one(related="package_id.currency_id")
    partner_id = fields.Many2one("res.partner", "Contractor", required=True, tracking=True)
    contract_type = fields.Selection(CONTRACT_TYPES, required=True, default="lump_sum", tracking=True)
    sign_date = fields.Date(tracking=True)
    effective_date = fields.Date(tracking=True)
    end_date = fields.Date(tracking=True, help="Contract end date in force (after amendments).")
    value = fields.Monetary("Signed value", required=True, tracking=True)
    value_in_force = fields.Monetary(compute="_compute_value_in_force", store=True, tracking=True)
    performance_security_amount = fields.Monetary(tracking=True)
    performance_security_expiry = fields.Date(tracking=True)
    advance_amount = fields.Monetary("Agreed advance", tracking=True)
    advance_guarantee_ref = fields.Char("Advance guarantee", tracking=True)
    advance_guarantee_amount = fields.Monetary(tracking=True)
    advance_guarantee_expiry = fields.Date(tracking=True)
    warranty_months = fields.Integer(tracking=True)
    warranty_security_amount = fields.Monetary(tracking=True)
    milestone_ids = fields.One2many("ttcp.contract.milestone", "contract_id", "Payment milestones")
    amendment_ids = fields.One2many("ttcp.contract.amendment", "contract_id", "Amendments")
    acceptance_ids = fields.One2many("ttcp.contract.acceptance", "contract_id", "Acceptances")
    disbursement_ids = fields.One2many("ttcp.disbursement", "contract_id", "Disbursements")
    disbursement_count = fields.Integer(compute="_compute_disbursement_count")
    is_past_end = fields.Boolean(
        "Past its end date",
        compute="_compute_is_past_end",
        search="_search_is_past_end",
        help="Signed or in progress after its end date in force (the overdue panel lists it).",
    )
    accepted_value = fields.Monetary(compute="_compute_accepted", store=True)
    last_acceptance_date = fields.Date(compute="_compute_accepted", store=True)
    amount_paid = fields.Monetary(compute="_compute_paid", store=True, help="Work paid, advances excluded.")
    advance_paid = fields.Monetary(compute="_compute_paid", store=True)
    advance_recovered = fields.Monetary(compute="_compute_paid", store=True)
    advance_outstanding = fields.Monetary(compute="_compute_paid", store=True)
    payment_rate = fields.Float(
        "Paid (%)", compute="_compute_paid", store=True, aggregator="avg", digits=(5, 2)
    )
    liquidation_date = fields.Date(tracking=True, copy=False)
    liquidation_due = fields.Date(
        compute="_compute_liquidation_due",
        store=True,
        help="The last acceptance plus the liquidation time of the rules: "
        "'procurement.liquidation_days' (45 days), or 'procurement.liquidation_days_large' "
        "(90 days) for a contract whose value in force reaches "
        "'procurement.large_contract_min_value'. Empty before an acceptance, or when no rule "
        "is in force on the acceptance date (contracts accepted before 2024).",
    )
    liquidation_late = fields.Boolean(
        "Liquidated late",
        compute="_compute_liquidation_late",
        store=True,
        help="Liquidated after the liquidation due date. A late liquidation is recorded (it is "
        "history) but flagged, and the project manager gets a to-do naming the rule.",
    )
    advance_clawback_flagged_on = fields.Date(
        "Advance claw-back flagged on",
        readonly=True,
        copy=False,
        help="Day the daily check found the advance overdue and gave the project manager a "
        "to-do to claw it back; it is not given again for the same overdue period.",
    )
    state = fields.Selection(
        CONTRACT_STATES, required=True, default="draft", tracking=True, index=True, copy=False
    )
    cancel_reason = fields.Text(tracking=True, copy=False)

    _sql_constraints = [
        (
            "number_unique",
            "UNIQUE (number, company_id)",
            "The contract number must be unique. / Số hợp đồng đã tồn tại.",
        ),
        (
            "value_positive",
            "CHECK (value > 0)",
            "The contract value must be positive. / Giá trị hợp đồng phải lớn hơn 0.",
        ),
        (
            "amounts_positive",
            "CHECK (performance_security_amount >= 0 AND advance_amount >= 0 "
            "AND advance_guarantee_amount >= 0 "
            "AND warranty_security_amount >= 0 AND warranty_months >= 0)",
            "Contract amounts cannot be negative. / Các giá trị của hợp đồng không được âm.",
        ),
    ]

    @api.depends("number", "name")
    def _compute_display_name(self):
        for contract in self:
            contract.display_name = f"{contract.number or ''} - {contract.name or ''}"

    @api.depends("value", "amendment_ids.value_change")
    def _compute_value_in_force(self):
        for contract in self:
            contract.value_in_force = contract.value + sum(contract.amendment_ids.mapped("value_change"))

    @api.depends("acceptance_ids.accepted_value", "acceptance_ids.date", "acceptance_ids.correction_of_id")
    def _compute_accepted(self):
        for contract in self:
            # Correcting acceptances carry the change (negative or positive): the sum nets.
            contract.accepted_value = sum(contract.acceptance_ids.mapped("accepted_value"))
            dates = contract.acceptance_ids.filtered(lambda a: not a.correction_of_id).mapped("date")
            contract.last_acceptance_date = max(dates) if dates else False

    @api.depends(
        "disbursement_ids.state",
        "disbursement_ids.amount",
        "disbursement_ids.advance_recovery_amount",
        "disbursement_ids.effective_type",
        "value_in_force",
    )
    def _compute_paid(self):
        # By the type each amount counts as: a paid reversal nets the disbursement it reverses.
        groups = self.env["ttcp.disbursement"]._read_group(
            [("contract_id", "in", self.ids), ("state", "=", "paid")],
            ["contract_id", "effective_type"],
            ["amount:sum", "advance_recovery_amount:sum"],
        )
        sums = {}
        for contract, dtype, amount, recovered in groups:
            entry = sums.setdefault(contract.id, {"paid": 0.0, "advance": 0.0, "recovered": 0.0})
            if dtype == "advance":
                entry["advance"] += amount
            else:
                entry["paid"] += amount
            entry["recovered"] += recovered
        for contract in self:
            entry = sums.get(contract.id, {"paid": 0.0, "advance": 0.0, "recovered": 0.0})
            contract.amount_paid = entry["paid"]
            contract.advance_paid = entry["advance"]
            contract.advance_recovered = entry["recovered"]
            contract.advance_outstanding = entry["advance"] - entry["recovered"]
            contract.payment_rate = (
                entry["paid"] / contract.value_in_force * 100 if contract.value_in_force else 0.0
            )

    @api.depends("state", "end_date")
    def _compute_is_past_end(self):
        today = fields.Date.context_today(self)
        for contract in self:
            running = contract.state in ("signed", "in_progress")
            contract.is_past_end = bool(running and contract.end_date and contract.end_date < today)

    def _search_is_past_end(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the end date."))
        today = fields.Date.context_today(self)
        if (operator == "=") == value:
            return [("state", "in", ("signed", "in_progress")), ("end_date", "<", today)]
        return [
            "|",
            "|",
            ("state", "not in", ("signed", "in_progress")),
            ("end_date", "=", False),
            ("end_date", ">=", today),
        ]

    def _compute_disbursement_count(self):
        counts = dict(
            self.env["ttcp.disbursement"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.disbursement_count = counts.get(contract, 0)

    def _legal_rule_dims(self):
        return self.package_id._rule_dims() if self.package_id else {}

    def _liquidation_rule(self, date):
        """The liquidation time in force on ``date``: 90 days for a large contract (value in
        force at least 'procurement.large_contract_min_value'), else 45 days. Empty when no
        applied rule is in force on that date (contracts accepted before Law 22/2023): the
        due date is shown to users, not a check."""
        self.ensure_one()
        large = self._legal_rule_for_display("procurement.large_contract_min_value", date)
        if large and self.currency_id.compare_amounts(self.value_in_force, large.value) >= 0:
            return self._legal_rule_for_display("procurement.liquidation_days_large", date)
        return self._legal_rule_for_display("procurement.liquidation_days", date)

    @api.depends("last_acceptance_date", "value_in_force")
    def _compute_liquidation_due(self):
        for contract in self:
            due = False
            if contract.last_acceptance_date:
                rule = contract._liquidation_rule(contract.last_acceptance_date)
                due = rule._apply_to(contract.last_acceptance_date) if rule else False
            contract.liquidation_due = due

    @api.depends("liquidation_date", "liquidation_due")
    def _compute_liquidation_late(self):
        for contract in self:
            contract.liquidation_late = bool(
                contract.liquidation_date
                and contract.liquidation_due
                and contract.liquidation_date > contract.liquidation_due
            )

    def _flag_late_liquidation(self):
        """A to-do for the project manager on each contract liquidated after its due date,
        naming the rule (the liquidation is recorded: it is history)."""
        for contract in self.filtered("liquidation_late"):
            user = contract.investment_project_id.manager_id or self.env.user
            env = user_env(self, user)
            rule = contract.with_env(env)._liquidation_rule(contract.last_acceptance_date)
            note = env._(
                "Contract %(contract)s was liquidated on %(date)s, after its liquidation due date "
                "%(due)s (last acceptance %(accepted)s).\n%(rule)s",
                contract=contract.with_env(env).display_name,
                date=format_date(env, contract.liquidation_date),
                due=format_date(env, contract.liquidation_due),
                accepted=format_date(env, contract.last_acceptance_date),
                rule=rule._citation() if rule else "",
            )
            contract.message_post(body=note)
            contract.with_env(env).activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(contract.with_env(env)),
                summary=env._("[TTCP] Late liquidation: record the reason"),
                note=note,
                user_id=(contract.investment_project_id.manager_id or self.env.user).id,
            )

    # ------------------------------------------------------------------
    # Advance claw-back
    # ------------------------------------------------------------------
    def _advance_figures_on(self, as_of):
        """{contract id: [advance paid, recovered, first advance paid on, last recovery on,
        first due use]} on ``as_of``: paid disbursements up to that date. The due use of an
        advance is its 'due in use by' date, else the date it was paid."""
        Disbursement = self.env["ttcp.disbursement"].sudo()
        base = [("contract_id", "in", self.ids), ("state", "=", "paid"), ("paid_date", "<=", as_of)]
        figures = {cid: [0.0, 0.0, False, False, False] for cid in self.ids}
        # By the type each amount counts as: a paid reversal nets the advance or the
        # recovery it takes back.
        for contract, dtype, amount, recovered, first in Disbursement._read_group(
            base,
            ["contract_id", "effective_type"],
            ["amount:sum", "advance_recovery_amount:sum", "paid_date:min"],
        ):
            entry = figures[contract.id]
            if dtype == "advance":
                entry[0] += amount
                entry[2] = first
            entry[1] += recovered
        for contract, last in Disbursement._read_group(
            base + [("advance_recovery_amount", ">", 0)], ["contract_id"], ["paid_date:max"]
        ):
            figures[contract.id][3] = last
        for advance in Disbursement.search(base + [("disbursement_type", "=", "advance")]):
            reversed_by = advance.reversal_ids.filtered(
                lambda r: r.state == "paid" and r.paid_date and r.paid_date <= as_of
            )
            if reversed_by:
                continue
            due = advance.advance_use_due or advance.paid_date
            entry = figures[advance.contract_id.id]
            entry[4] = min(entry[4], due) if entry[4] else due
        return figures

    @api.model
    def _advance_clawback_date(self, figures, as_of):
        """The day after which an outstanding advance is overdue and must be clawed back:
        the rule's months (disbursement.advance_overdue_months, in force on ``as_of``) after
        the due use of the first advance or the last recovery, whichever is later.
        Returns (date or False, rule)."""
        rule = self.env["ttcp.legal.rule"]._get("disbursement.advance_overdue_months", as_of)
        _paid, _recovered, first, last_recovery, due_use = figures
        start = due_use or first
        if not start:
            return False, rule
        if last_recovery and last_recovery > start:
            start = last_recovery
        return start + relativedelta(months=int(rule.value)), rule

    @api.model
    def _cron_advance_clawback_activities(self):
        """A to-do for the project manager on each contract whose advance is overdue (nothing
        recovered for the rule's months after its due use or the last recovery): once per
        overdue period, not every day. The to-dos are created in one batch and the contracts
        marked in one write, so the cost does not grow query by query with the contracts.
        Returns the number of contracts flagged."""
        today = fields.Date.context_today(self)
        contracts = self.search(
            [("state", "not in", ("draft", "cancelled", "liquidated")), ("advance_outstanding", ">", 0)]
        )
        figures = contracts._advance_figures_on(today)
        envs = {}
        todos = []
        flagged = self.browse()
        for contract in contracts:
            entry = figures[contract.id]
            outstanding = entry[0] - entry[1]
            if contract.currency_id.compare_amounts(outstanding, 0) <= 0:
                continue
            clawback, rule = self._advance_clawback_date(entry, today)
            if not clawback or today <= clawback:
                continue
            if contract.advance_clawback_flagged_on and contract.advance_clawback_flagged_on > clawback:
                continue
            user = contract.investment_project_id.manager_id or self.env.user
            if user not in envs:
                envs[user] = user_env(self, user)
            env = envs[user]
            note = env._(
                "The advance outstanding on contract %(contract)s (%(amount)s VND) has not been "
                "used since %(since)s: it was overdue after %(clawback)s. Claw it back.\n%(rule)s",
                contract=contract.with_env(env).display_name,
                amount=format_amount(outstanding, env),
                since=format_date(env, clawback - relativedelta(months=int(rule.value))),
                clawback=format_date(env, clawback),
                rule=rule.with_env(env)._citation(),
            )
            todos.append((contract.id, user, env._("[TTCP] Claw back the overdue advance"), note, today))
            flagged |= contract
        if todos:
            schedule_todos(self.env, self._name, todos)
            flagged.write({"advance_clawback_flagged_on": today})
        return len(flagged)

    def _accepted_value_on(self, day):
        """Value accepted by ``day`` (correcting acceptances net it)."""
        self.ensure_one()
        return sum(self.acceptance_ids.filtered(lambda a: a.date <= day).mapped("accepted_value"))

    def _warranty_end(self):
        """End of the warranty: the final acceptance plus the warranty months (False before)."""
        self.ensure_one()
        finals = self.acceptance_ids.filtered(lambda a: a.is_final and not a.correction_of_id)
        if not finals:
            return False
        return min(finals.mapped("date")) + relativedelta(months=self.warranty_months)

    # ------------------------------------------------------------------
    def _check_signature(self):
        """What the law asks of a contract when it is signed."""
        for contract in self:
            package = contract.package_id
            if not contract.sign_date or not contract.effective_date or not contract.end_date:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: enter the signature, effective and end dates.",
                        contract=contract.display_name,
                    )
                )
            if contract.sign_date > fields.Date.context_today(self):
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s is signed in the future.", contract=contract.display_name
                    )
                )
            if contract.effective_date < contract.sign_date or contract.end_date < contract.effective_date:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: the dates must run signature <= effective <= end.",
                        contract=contract.display_name,
                    )
                )
            if package.state not in ("awarded", "contracted", "done"):
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: its package is not awarded yet.",
                        contract=contract.display_name,
                    )
                )
            winner = package.winning_bid_id
            if (
                winner
                and winner.partner_id.commercial_partner_id != contract.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s must be signed with the winning bidder %(partner)s.",
                        contract=contract.display_name,
                        partner=winner.partner_id.display_name,
                    )
                )
            contract._check_performance_security()
            date = contract.sign_date
            if contract.investment_project_id and package.package_field != "consulting":
                rule = contract._legal_rule_if_applied("project.warranty_min_months", date)
                if rule and contract.warranty_months < rule.value:
                    raise ValidationError(
                        self.env._(
                            "Contract %(contract)s: the warranty of %(months)s months is below the "
                            "minimum (%(rule)s).",
                            contract=contract.display_name,
                            months=contract.warranty_months,
                            rule=rule._citation(),
                        )
                    )
            contract._check_advance_guarantee(contract.advance_amount, date)

    def _check_performance_security(self):
        """A signed contract holds the performance security the law asks, valid after it
        takes effect (none for consulting nor within the direct-appointment ceiling)."""
        for contract in self:
            package = contract.package_id
            date = contract.sign_date
            if not date or not package:
                continue
            plan_date = package.plan_id.approval_date or date
            exempt = package.package_field == "consulting" or package._is_direct_appointment_size(plan_date)
            rule = contract._legal_rule_if_applied("procurement.performance_security_percent", date)
            if exempt or not rule:
                continue
            low = contract.value * rule.value / 100
            high = contract.value * (rule.value_max or rule.value) / 100
            citation = rule._citation()
            if package.winning_bid_id.abnormally_low:
                # An abnormally low winning bid: the security may go up to this rule's share.
                upper = contract._legal_rule(
                    "procurement.performance_security_max_percent_abnormally_low", date
                )
                high = contract.value * upper.value / 100
                citation = f"{citation}; {upper._citation()}"
            cur = contract.currency_id
            if (
                cur.compare_amounts(contract.performance_security_amount, low) < 0
                or cur.compare_amounts(contract.performance_security_amount, high) > 0
            ):
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: the performance security %(amount)s must be between "
                        "%(low)s and %(high)s VND (%(rule)s).",
                        contract=contract.display_name,
                        amount=format_amount(contract.performance_security_amount, self.env),
                        low=format_amount(low, self.env),
                        high=format_amount(high, self.env),
                        rule=citation,
                    )
                )
            if (
                not contract.performance_security_expiry
                or contract.performance_security_expiry < contract.effective_date
            ):
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: enter a valid performance security expiry.",
                        contract=contract.display_name,
                    )
                )

    def _check_advance_guarantee(self, advance, date):
        """An advance above the rule's threshold needs a guarantee valid on ``date``."""
        self.ensure_one()
        if self.currency_id.compare_amounts(advance, 0) <= 0:
            return
        # An advance needs the rule: a missing one is an error, never a skipped check.
        rule = self._legal_rule("disbursement.advance_guarantee_min", date)
        if self.currency_id.compare_amounts(advance, rule.value) <= 0:
            return
        cur = self.currency_id
        if (
            not self.advance_guarantee_ref
            or cur.compare_amounts(self.advance_guarantee_amount, advance) < 0
            or not self.advance_guarantee_expiry
            or self.advance_guarantee_expiry < date
        ):
            raise ValidationError(
                self.env._(
                    "Contract %(contract)s: an advance of %(advance)s VND needs an advance guarantee of "
                    "at least that amount, valid on %(date)s (%(rule)s).",
                    contract=self.display_name,
                    advance=format_amount(advance, self.env),
                    date=date,
                    rule=rule._citation(),
                )
            )

    @api.constrains(
        "state",
        "package_id",
        "partner_id",
        "value",
        "sign_date",
        "effective_date",
        "end_date",
        "performance_security_amount",
        "performance_security_expiry",
        "warranty_months",
        "advance_amount",
        "advance_guarantee_ref",
        "advance_guarantee_amount",
        "advance_guarantee_expiry",
        "liquidation_date",
        "cancel_reason",
    )
    def _check_state_requirements(self):
        """What each state holds, whatever writes it: a signed contract keeps the dates,
        securities and warranty the law asks, an accepted one its acceptance, a
        liquidated one its liquidation date, a cancelled one its reason."""
        for contract in self:
            state = contract.state
            if state == "cancelled":
                if not (contract.cancel_reason or "").strip():
                    raise ValidationError(
                        self.env._(
                            "Give the reason for cancelling contract %(contract)s.",
                            contract=contract.display_name,
                        )
                    )
                continue
            index = CONTRACT_PATH.index(state)
            if index >= CONTRACT_PATH.index("signed"):
                contract._check_signature()
            if index >= CONTRACT_PATH.index("accepted") and not contract.acceptance_ids:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s has no acceptance record.", contract=contract.display_name
                    )
                )
            if state == "liquidated" and not contract.liquidation_date:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: enter the liquidation date.", contract=contract.display_name
                    )
                )

    @api.constrains("effective_date", "value", "liquidation_date")
    def _check_acceptances_within(self):
        """The acceptances stay within the contract's life and value in force."""
        self.acceptance_ids._check_acceptance()

    # ------------------------------------------------------------------
    # Workflow and locks
    # ------------------------------------------------------------------
    def _workflow_transitions(self):
        running = CONTRACT_PATH[1:-1]  # signed .. warranty
        transitions = [Transition("draft", "signed", group=MANAGER)]
        for old, new in zip(CONTRACT_PATH[1:], CONTRACT_PATH[2:], strict=False):
            transitions.append(Transition(old, new))
        transitions += [
            Transition("draft", "cancelled", writes=("cancel_reason",)),
            # Cancelling a signed contract undoes a manager's signature.
            Transition(running, "cancelled", group=MANAGER, writes=("cancel_reason",)),
        ]
        return transitions

    def _workflow_create_states(self):
        return {"draft": None, "signed": MANAGER}

    def _workflow_locked_fields(self):
        self.ensure_one()
        if self.state in ("liquidated", "cancelled"):
            return ALL
        if self.state == "draft":
            return set()
        return SIGNED_LOCKED

    def _workflow_refuse_locked(self, names):
        if self.state not in ("draft", "liquidated", "cancelled"):
            raise UserError(
                self.env._(
                    "Contract %(contract)s is signed: %(fields)s can no longer be edited; change it "
                    "through an amendment.",
                    contract=self.display_name,
                    fields=", ".join(sorted(f"'{self._workflow_field_label(n)}'" for n in names)),
                )
            )
        return super()._workflow_refuse_locked(names)

    @api.model_create_multi
    def create(self, vals_list):
        contracts = super().create(vals_list)
        contracts._sync_package_state()
        return contracts

    def write(self, vals):
        target = vals.get("state")
        if target == "cancelled":
            for contract in self.filtered(lambda c: c.state != "cancelled"):
                if contract.disbursement_ids.filtered(lambda d: d.state in ("submitted", "paid")):
                    raise UserError(
                        self.env._(
                            "Contract %(contract)s has payments: it cannot be cancelled.",
                            contract=contract.display_name,
                        )
                    )
        before = {c.id: c.liquidation_late for c in self} if "liquidation_date" in vals else {}
        res = super().write(vals)
        if target:
            self._sync_package_state()
        if before:
            self.filtered(lambda c: not before[c.id])._flag_late_liquidation()
        return res

    def _sync_package_state(self):
        for contract in self.filtered(lambda c: c.state not in ("draft", "cancelled")):
            if contract.package_id.state == "awarded":
                contract.package_id.write({"state": "contracted", "contracted_date": contract.sign_date})

    def action_next_state(self):
        for contract in self:
            if contract.state in ("liquidated", "cancelled"):
                raise UserError(
                    self.env._("Contract %(contract)s is closed.", contract=contract.display_name)
                )
            contract._workflow_move(CONTRACT_PATH[CONTRACT_PATH.index(contract.state) + 1])
        return True

    def action_payment_request(self):
        """A new payment request (Đề nghị thanh toán) on this contract: the project, funding
        source and the capital plan of the request date's year follow from it."""
        self.ensure_one()
        if self.state not in PAYABLE_STATES:
            raise UserError(
                self.env._(
                    "Contract %(contract)s is not in force: a payment is requested on a signed "
                    "contract that is not liquidated or cancelled.",
                    contract=self.display_name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Payment request"),
            "res_model": "ttcp.disbursement",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_contract_id": self.id, "default_disbursement_type": "payment"},
        }

    def action_open_disbursements(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Disbursements"),
            "res_model": "ttcp.disbursement",
            "views": [(False, "list"), (False, "form"), (False, "pivot")],
            "domain": [("contract_id", "=", self.id)],
            "context": {"default_contract_id": self.id},
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for contract in self:
            if contract.state != "draft" or contract.disbursement_ids:
                raise UserError(
                    self.env._(
                        "Contract %(contract)s is signed or has payments: cancel it with a reason instead.",
                        contract=contract.display_name,
                    )
                )
