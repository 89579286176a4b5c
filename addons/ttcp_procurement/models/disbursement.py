from datetime import date as Date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.ttcp_projects.models.workflow_mixin import ALL, Transition
from odoo.addons.ttcp_projects.tools import format_amount, format_rate

# What money is paid for; a reversal counts as the type of the disbursement it reverses.
PAID_TYPES = [
    ("advance", "Advance"),
    ("payment", "Payment"),
    ("final", "Final payment"),
    ("retention_release", "Retention release"),
]
DISBURSEMENT_TYPES = PAID_TYPES + [("reversal", "Reversal")]
STATES = [("draft", "Draft"), ("submitted", "Submitted"), ("paid", "Paid"), ("rejected", "Rejected")]


def is_advance_type(record):
    return record.disbursement_type == "advance"


class Disbursement(models.Model):
    """Money the State Treasury pays to a contractor against a year's capital plan.

    A paid disbursement is history: it is never edited nor deleted. A mistake is
    corrected by a *reversal* (giảm trừ (đảo) giải ngân): a disbursement of type
    ``reversal`` carrying the negative amounts of the original, which goes draft,
    submitted and paid in its turn, so that every sum nets to zero.
    """

    _name = "ttcp.disbursement"
    _description = "Disbursement"
    _inherit = ["ttcp.workflow.mixin", "mail.thread"]
    _workflow_state_field = "state"
    _workflow_undeletable_states = ("submitted", "paid")
    _order = "request_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    contract_id = fields.Many2one(
        "ttcp.contract",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('state', 'in', ('signed', 'in_progress', 'accepted', 'warranty'))]",
    )
    investment_project_id = fields.Many2one(
        related="contract_id.investment_project_id", store=True, index=True
    )
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True)
    funding_source_id = fields.Many2one(related="contract_id.funding_source_id", store=True)
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        precompute=True,
        index=True,
        default=lambda self: self.env.company,
        help="The contract's company; the current company while no contract is chosen, so that "
        "the contract list of a new payment request offers the company's contracts.",
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    capital_plan_id = fields.Many2one(
        "ttcp.capital.plan",
        index=True,
        ondelete="restrict",
        compute="_compute_capital_plan_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('investment_project_id', '=', investment_project_id)]",
        help="The year's capital plan paying it (empty for recurrent-budget contracts): by default "
        "the plan of the contract's project and funding source for the request date's year.",
    )
    plan_year = fields.Integer(related="capital_plan_id.year", store=True)
    disbursement_type = fields.Selection(
        DISBURSEMENT_TYPES, "Type", required=True, default="payment", tracking=True
    )
    effective_type = fields.Selection(
        PAID_TYPES,
        "Counts as",
        compute="_compute_effective_type",
        store=True,
        index=True,
        help="The type the amounts count as: a reversal counts as the disbursement it reverses.",
    )
    reversed_id = fields.Many2one(
        "ttcp.disbursement",
        "Reversal of",
        readonly=True,
        index=True,
        ondelete="restrict",
        copy=False,
        help="The paid disbursement this reversal takes back.",
    )
    reversal_ids = fields.One2many("ttcp.disbursement", "reversed_id", "Reversals", readonly=True)
    reversal_reason = fields.Text(tracking=True, copy=False)
    is_reversed = fields.Boolean(
        "Reversed",
        compute="_compute_is_reversed",
        help="A reversal that is not rejected exists for this disbursement.",
    )
    amount = fields.Monetary(
        required=True,
        tracking=True,
        help="The advance paid, or the value of the work paid before advance recovery "
        "(negative for a reversal).",
    )
    advance_recovery_amount = fields.Monetary("Advance recovered", tracking=True)
    net_amount = fields.Monetary(
        "Net paid",
        compute="_compute_net_amount",
        store=True,
        help="Cash paid out: amount less advance recovered.",
    )
    request_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    paid_date = fields.Date(tracking=True, copy=False)
    advance_use_due = fields.Date(
        "Advance due in use by",
        tracking=True,
        help="Advances only. The date by which the advance is due to be in use, that is, "
        "recovered through payments for accepted work (the start the contract or its "
        "schedule gives for the work the advance finances). Empty: the date the Treasury "
        "paid it. When nothing is recovered for the months of the rule "
        "'disbursement.advance_overdue_months' after this date (or after the last "
        "recovery, whichever is later), the advance is overdue: the owner must claw it back, "
        "the daily check gives the project manager a to-do and the advances report flags it.",
    )
    treasury_request_number = fields.Char("Payment request (04.a/TT) no.", tracking=True)
    treasury_reference = fields.Char("Treasury reference", tracking=True, copy=False)
    rejection_reason = fields.Text(tracking=True, copy=False)
    state = fields.Selection(STATES, required=True, default="draft", tracking=True, index=True, copy=False)

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK (amount > 0 OR (disbursement_type = 'reversal' AND amount < 0))",
            "A disbursement amount must be positive (only a reversal is negative). / "
            "Số tiền giải ngân phải lớn hơn 0 (chỉ khoản giảm trừ (đảo) giải ngân mới mang số âm).",
        ),
        (
            "recovery_range",
            "CHECK ((disbursement_type != 'reversal' AND advance_recovery_amount >= 0 "
            "AND advance_recovery_amount <= amount) OR (disbursement_type = 'reversal' "
            "AND advance_recovery_amount <= 0 AND advance_recovery_amount >= amount))",
            "The advance recovered must be between zero and the amount. / "
            "Số thu hồi tạm ứng phải từ 0 đến số tiền thanh toán.",
        ),
    ]

    def init(self):
        # One reversal in flight or paid per disbursement, even for two requests at once.
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS ttcp_disbursement_one_reversal "
            "ON ttcp_disbursement (reversed_id) WHERE reversed_id IS NOT NULL AND state != 'rejected'"
        )

    @api.depends("contract_id.company_id")
    def _compute_company_id(self):
        for record in self:
            record.company_id = record.contract_id.company_id or record.company_id or self.env.company

    @api.depends("contract_id", "request_date")
    def _compute_capital_plan_id(self):
        """The plan of the request date's year, while the request is a draft."""
        for record in self:
            contract = record.contract_id
            if record.state not in (False, "draft") or record.disbursement_type == "reversal":
                continue
            if not contract.investment_project_id or not record.request_date:
                record.capital_plan_id = False
                continue
            plan = record.capital_plan_id
            year = record.request_date.year
            if plan.investment_project_id == contract.investment_project_id and plan.year == year:
                continue
            domain = [("investment_project_id", "=", contract.investment_project_id.id), ("year", "=", year)]
            plans = self.env["ttcp.capital.plan"].search(domain)
            record.capital_plan_id = (
                plans.filtered(lambda p, c=contract: p.funding_source_id == c.funding_source_id)[:1]
                or plans[:1]
            )

    @api.depends("contract_id.number", "disbursement_type", "request_date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        """In the user's language: "15/2025/HĐ-TTTT – Thanh toán – 30/11/2026"."""
        labels = dict(self._fields["disbursement_type"]._description_selection(self.env))
        for record in self:
            if not record.contract_id:
                record.display_name = self.env._("New payment request")
                continue
            parts = [record.contract_id.number, labels.get(record.disbursement_type)]
            if record.request_date:
                parts.append(format_date(self.env, record.request_date))
            record.display_name = " – ".join(part for part in parts if part)

    @api.depends("contract_id.number", "disbursement_type", "request_date")
    def _compute_name(self):
        labels = dict(DISBURSEMENT_TYPES)
        for record in self:
            parts = (record.contract_id.number, labels.get(record.disbursement_type), record.request_date)
            record.name = " / ".join(str(part or "") for part in parts)

    @api.depends("amount", "advance_recovery_amount")
    def _compute_net_amount(self):
        for record in self:
            record.net_amount = record.amount - record.advance_recovery_amount

    @api.depends("disbursement_type", "reversed_id.disbursement_type")
    def _compute_effective_type(self):
        for record in self:
            if record.disbursement_type == "reversal":
                record.effective_type = record.reversed_id.disbursement_type or False
            else:
                record.effective_type = record.disbursement_type

    @api.depends("reversal_ids.state")
    def _compute_is_reversed(self):
        for record in self:
            record.is_reversed = bool(record.reversal_ids.filtered(lambda r: r.state != "rejected"))

    # ------------------------------------------------------------------
    # Recovery proposal
    # ------------------------------------------------------------------
    def _proposed_recovery(self):
        """Recovery that keeps the advance on track to be fully recovered when
        payments reach the rule's share of the contract value (80 %)."""
        self.ensure_one()
        contract = self.contract_id
        if self.disbursement_type in ("advance", "reversal") or not contract:
            return 0.0
        date = self.request_date or fields.Date.context_today(self)
        rule = contract._legal_rule_if_applied("disbursement.advance_full_recovery_percent", date)
        if not rule:
            return 0.0
        threshold = contract.value_in_force * rule.value / 100.0
        paid_before = contract.amount_paid
        outstanding = contract.advance_outstanding
        if outstanding <= 0 or threshold <= 0:
            return 0.0
        recovered_target = contract.advance_paid * min(1.0, (paid_before + self.amount) / threshold)
        proposal = recovered_target - contract.advance_recovered
        return contract.currency_id.round(max(0.0, min(outstanding, proposal, self.amount)))

    @api.onchange("amount", "disbursement_type", "contract_id")
    def _onchange_propose_recovery(self):
        for record in self.filtered(lambda r: r.disbursement_type != "reversal"):
            record.advance_recovery_amount = record._proposed_recovery()

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    def _lock_for_payment(self):
        """Serialise concurrent payments on the same contracts and capital plans.

        Touching the rows makes a concurrent transaction that pays against the same
        contract or plan wait, then fail with a serialization error and retry on
        fresh figures, so two payments can never together break the rules.
        """
        self.env.flush_all()
        contracts = tuple(self.contract_id.ids)
        plans = tuple(self.capital_plan_id.ids)
        if contracts:
            self.env.cr.execute(
                "UPDATE ttcp_contract SET write_date = write_date WHERE id IN %s", [contracts]
            )
        if plans:
            self.env.cr.execute(
                "UPDATE ttcp_capital_plan SET write_date = write_date WHERE id IN %s", [plans]
            )

    def _paid_totals(self, contract, plan):
        """Sums on the database of what is already paid, this record excluded."""
        Disbursement = self.env["ttcp.disbursement"]
        base = [("state", "=", "paid"), ("id", "not in", self.ids)]
        # Grouped by the type each amount counts as: a paid reversal nets its original.
        rows = Disbursement._read_group(
            base + [("contract_id", "=", contract.id)],
            ["effective_type"],
            ["amount:sum", "advance_recovery_amount:sum"],
        )
        work = sum(amount for dtype, amount, _rec in rows if dtype != "advance")
        advance = sum(amount for dtype, amount, _rec in rows if dtype == "advance")
        recovered = sum(rec for _dtype, _amount, rec in rows)
        plan_paid = 0.0
        if plan:
            [(plan_paid,)] = Disbursement._read_group(
                base + [("capital_plan_id", "=", plan.id)], [], ["net_amount:sum"]
            )
        return work, advance, recovered, plan_paid or 0.0

    def _check_payable(self, on_date):
        """Every disbursement rule, checked as if ``self`` were paid on ``on_date``."""
        for record in self:
            if record.disbursement_type == "reversal":
                record._check_reversal_payable(on_date)
            else:
                record._check_payment_payable(on_date)

    def _check_payment_payable(self, on_date):
        """The rules of money paid out (DOMAIN.md §3.3), for this one disbursement."""
        self.ensure_one()
        record = self
        contract, plan = record.contract_id, record.capital_plan_id
        cur = record.currency_id
        when = on_date or record.paid_date or record.request_date
        if contract.state in ("draft", "cancelled", "liquidated"):
            raise ValidationError(
                self.env._(
                    "%(name)s: contract %(contract)s is not in force.",
                    name=record.display_name,
                    contract=contract.display_name,
                )
            )
        if contract.investment_project_id and not plan:
            raise ValidationError(
                self.env._("%(name)s: choose the capital plan that pays it.", name=record.display_name)
            )
        if plan:
            if plan.investment_project_id != contract.investment_project_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s: the capital plan belongs to another project.", name=record.display_name
                    )
                )
            if plan.funding_source_id != contract.funding_source_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s: the capital plan's funding source differs from the package's.",
                        name=record.display_name,
                    )
                )
            record._check_plan_window(plan, when)
        work, advance, recovered, plan_paid = record._paid_totals(contract, plan)
        is_advance = record.disbursement_type == "advance"
        new_work = work + (0.0 if is_advance else record.amount)
        new_advance = advance + (record.amount if is_advance else 0.0)
        new_recovered = recovered + record.advance_recovery_amount
        outstanding = new_advance - new_recovered
        if cur.compare_amounts(new_recovered, new_advance) > 0:
            raise ValidationError(
                self.env._("%(name)s recovers more advance than is outstanding.", name=record.display_name)
            )
        if cur.compare_amounts(new_work + outstanding, contract.value_in_force) > 0:
            raise ValidationError(
                self.env._(
                    "%(name)s: payments (%(paid)s) and outstanding advance (%(advance)s) would exceed "
                    "the contract value in force (%(value)s VND).",
                    name=record.display_name,
                    paid=format_amount(new_work, self.env),
                    advance=format_amount(outstanding, self.env),
                    value=format_amount(contract.value_in_force, self.env),
                )
            )
        if plan and cur.compare_amounts(plan_paid + record.net_amount, plan.amount) > 0:
            raise ValidationError(
                self.env._(
                    "%(name)s: the %(year)s capital plan (%(plan)s VND in force) has only "
                    "%(left)s VND left.",
                    name=record.display_name,
                    year=plan.year,
                    plan=format_amount(plan.amount, self.env),
                    left=format_amount(plan.amount - plan_paid, self.env),
                )
            )
        if is_advance:
            if not contract.effective_date or contract.effective_date > when:
                raise ValidationError(
                    self.env._(
                        "%(name)s: an advance is paid only once the contract is effective.",
                        name=record.display_name,
                    )
                )
            # Advance only as agreed: none where the contract agrees none (0), never above it.
            rule = contract._legal_rule("disbursement.advance_max_percent_of_agreed", when)
            agreed = contract.advance_amount * rule.value / 100.0
            if cur.is_zero(agreed):
                raise ValidationError(
                    self.env._(
                        "%(name)s: the contract agrees no advance (agreed advance 0), so none is "
                        "paid (%(rule)s).",
                        name=record.display_name,
                        rule=rule._citation(),
                    )
                )
            if cur.compare_amounts(new_advance, agreed) > 0:
                raise ValidationError(
                    self.env._(
                        "%(name)s: advances (%(advance)s) would exceed the advance agreed in "
                        "the contract (%(agreed)s) (%(rule)s).",
                        name=record.display_name,
                        advance=format_amount(new_advance, self.env),
                        agreed=format_amount(agreed, self.env),
                        rule=rule._citation(),
                    )
                )
            contract._check_advance_guarantee(outstanding, when)
        else:
            record._check_payment_follows_acceptance(new_work, when)
        if not is_advance and cur.compare_amounts(outstanding, 0) > 0:
            # An outstanding advance needs the rule: a missing one is an error, never a skipped check.
            rule = contract._legal_rule("disbursement.advance_full_recovery_percent", when)
            threshold = contract.value_in_force * rule.value / 100.0
            if cur.compare_amounts(new_work, threshold) >= 0:
                raise ValidationError(
                    self.env._(
                        "%(name)s: payments reach %(rate)s %% of the contract value, so the advance must "
                        "be fully recovered; %(left)s VND would remain outstanding (%(rule)s).",
                        name=record.display_name,
                        rate=format_rate(new_work / contract.value_in_force * 100, self.env),
                        left=format_amount(outstanding, self.env),
                        rule=rule._citation(),
                    )
                )

    def _check_plan_window(self, plan, when):
        """The year's window of the capital plan: 31 January of the next year for payments,
        31 December for advances, 31 December of the next year for capital added late."""
        self.ensure_one()
        record, cur = self, self.currency_id
        year_start = Date(plan.year, 1, 1)
        code = (
            "disbursement.advance_deadline_months"
            if record.disbursement_type == "advance"
            else "disbursement.payment_deadline_months"
        )
        months = plan._legal_rule(code, year_start)
        last_day = Date(plan.year, 12, 31) + relativedelta(months=int(months.value), day=31)
        late, late_deadline = plan._late_capital()
        if not is_advance_type(record) and late > 0 and last_day < when <= late_deadline:
            # Capital added after the cut-off may be paid until its own deadline, up to
            # the amount added late (Law 58/2024 Art. 72).
            [(after,)] = self.env["ttcp.disbursement"]._read_group(
                [
                    ("state", "=", "paid"),
                    ("id", "not in", record.ids),
                    ("capital_plan_id", "=", plan.id),
                    ("paid_date", ">", last_day),
                ],
                [],
                ["net_amount:sum"],
            )
            rule = plan._legal_rule("disbursement.late_capital_deadline_months", year_start)
            if cur.compare_amounts((after or 0.0) + record.net_amount, late) > 0:
                raise ValidationError(
                    self.env._(
                        "%(name)s: after %(end)s only the capital added late (%(late)s VND) may "
                        "be paid against the %(year)s capital plan, until %(deadline)s (%(rule)s).",
                        name=record.display_name,
                        end=last_day,
                        late=format_amount(late, self.env),
                        year=plan.year,
                        deadline=late_deadline,
                        rule=rule._citation(),
                    )
                )
            last_day = late_deadline
        if not year_start <= when <= last_day:
            raise ValidationError(
                self.env._(
                    "%(name)s: a %(type)s against the %(year)s capital plan must be paid between "
                    "%(start)s and %(end)s (%(rule)s).",
                    name=record.display_name,
                    type=dict(DISBURSEMENT_TYPES)[record.disbursement_type].lower(),
                    year=plan.year,
                    start=year_start,
                    end=last_day,
                    rule=months._citation(),
                )
            )

    def _check_payment_follows_acceptance(self, new_work, when):
        """Payments (advances apart) never exceed the value accepted so far; retention is
        released only once the warranty security is given or the warranty has ended."""
        self.ensure_one()
        contract, cur = self.contract_id, self.currency_id
        rule = contract._legal_rule("disbursement.payment_follows_acceptance_percent", when)
        accepted = contract._accepted_value_on(when)
        ceiling = accepted * rule.value / 100.0
        if cur.compare_amounts(new_work, ceiling) > 0:
            raise ValidationError(
                self.env._(
                    "%(name)s: payments (%(paid)s VND) would exceed the value of the work accepted "
                    "by %(date)s (%(accepted)s VND): payment follows acceptance (%(rule)s).",
                    name=self.display_name,
                    paid=format_amount(new_work, self.env),
                    date=when,
                    accepted=format_amount(accepted, self.env),
                    rule=rule._citation(),
                )
            )
        if self.disbursement_type == "retention_release":
            warranty_end = contract._warranty_end()
            if cur.is_zero(contract.warranty_security_amount) and not (warranty_end and warranty_end <= when):
                raise ValidationError(
                    self.env._(
                        "%(name)s: retention is released only once the warranty security is given "
                        "or the warranty has ended (%(end)s) (%(rule)s).",
                        name=self.display_name,
                        end=warranty_end or self.env._("no final acceptance yet"),
                        rule=rule._citation(),
                    )
                )

    def _check_reversal_payable(self, on_date):
        """What a reversal must respect: it takes money back, so it can never exceed the
        contract nor the capital plan, and it may be paid after the plan's window; it
        only must not leave more advance recovered than advance paid."""
        self.ensure_one()
        plan = self.capital_plan_id
        when = on_date or self.paid_date or self.request_date
        if plan and when < Date(plan.year, 1, 1):
            raise ValidationError(
                self.env._(
                    "%(name)s: a reversal against the %(year)s capital plan is made from %(start)s.",
                    name=self.display_name,
                    year=plan.year,
                    start=Date(plan.year, 1, 1),
                )
            )
        _work, advance, recovered, _plan_paid = self._paid_totals(self.contract_id, plan)
        is_advance = self.effective_type == "advance"
        new_advance = advance + (self.amount if is_advance else 0.0)
        new_recovered = recovered + self.advance_recovery_amount
        if self.currency_id.compare_amounts(new_recovered, new_advance) > 0:
            raise ValidationError(
                self.env._(
                    "%(name)s: part of this advance is already recovered; reverse the payments "
                    "that recovered it first.",
                    name=self.display_name,
                )
            )

    # ------------------------------------------------------------------
    # Workflow and locks
    # ------------------------------------------------------------------
    # Fixed once the request is sent to the Treasury.
    _LOCKED_WHEN_SENT = frozenset(
        {
            "contract_id",
            "capital_plan_id",
            "disbursement_type",
            "amount",
            "advance_recovery_amount",
            "request_date",
            "reversal_reason",
            "advance_use_due",
        }
    )
    # A reversal mirrors its original: its amounts, contract and plan are never typed.
    _REVERSAL_FIXED = frozenset(
        {"contract_id", "capital_plan_id", "disbursement_type", "amount", "advance_recovery_amount"}
    )

    def _workflow_transitions(self):
        return [
            Transition("draft", "submitted"),
            Transition("submitted", "paid", writes=("paid_date", "treasury_reference")),
            Transition("submitted", "rejected", writes=("rejection_reason",), clear=("paid_date",)),
            Transition("submitted", "draft", clear=("paid_date",)),
            Transition("rejected", "draft", clear=("rejection_reason",)),
        ]

    def _workflow_locked_fields(self):
        self.ensure_one()
        if self.state == "paid":
            return ALL
        # Only ``action_reverse`` names the original; the Treasury's answer comes with
        # the request (submitted), not before.
        locked = {"reversed_id"}
        if self.disbursement_type == "reversal":
            locked |= self._REVERSAL_FIXED
        if self.state == "draft":
            locked |= {"paid_date", "treasury_reference"}
        elif self.state == "rejected":
            locked |= self._LOCKED_WHEN_SENT | {"paid_date", "treasury_reference", "rejection_reason"}
        else:  # submitted
            locked |= self._LOCKED_WHEN_SENT
        return locked

    @api.constrains("paid_date", "request_date", "reversed_id", "advance_use_due", "disbursement_type")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for record in self:
            if record.advance_use_due and record.disbursement_type != "advance":
                raise ValidationError(
                    self.env._(
                        "%(name)s: only an advance has a date it is due in use by.", name=record.display_name
                    )
                )
            if (
                record.advance_use_due
                and record.request_date
                and record.advance_use_due < record.request_date
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s: the advance cannot be due in use before it is requested (%(date)s).",
                        name=record.display_name,
                        date=record.request_date,
                    )
                )
            if record.paid_date and record.paid_date > today:
                raise ValidationError(
                    self.env._(
                        "%(name)s: the Treasury cannot have paid it on %(date)s, a date in the future.",
                        name=record.display_name,
                        date=record.paid_date,
                    )
                )
            if record.paid_date and record.request_date and record.paid_date < record.request_date:
                raise ValidationError(
                    self.env._("%(name)s is paid before it was requested.", name=record.display_name)
                )
            original = record.reversed_id
            if original.paid_date and record.request_date and record.request_date < original.paid_date:
                raise ValidationError(
                    self.env._(
                        "%(name)s: a reversal is requested after the payment it reverses (%(date)s).",
                        name=record.display_name,
                        date=original.paid_date,
                    )
                )

    @api.constrains(
        "disbursement_type",
        "reversed_id",
        "amount",
        "advance_recovery_amount",
        "contract_id",
        "capital_plan_id",
        "reversal_reason",
        "state",
    )
    def _check_reversal(self):
        for record in self:
            original = record.reversed_id
            if record.disbursement_type != "reversal":
                if original:
                    raise ValidationError(
                        self.env._(
                            "%(name)s: only a reversal refers to another disbursement.",
                            name=record.display_name,
                        )
                    )
                continue
            if not original or original.disbursement_type == "reversal" or original.state != "paid":
                raise ValidationError(
                    self.env._(
                        "%(name)s: a reversal takes back a paid disbursement that is not itself a reversal.",
                        name=record.display_name,
                    )
                )
            cur = record.currency_id
            if (
                record.contract_id != original.contract_id
                or record.capital_plan_id != original.capital_plan_id
                or cur.compare_amounts(record.amount, -original.amount)
                or cur.compare_amounts(record.advance_recovery_amount, -original.advance_recovery_amount)
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s: a reversal carries the contract, the capital plan and the negative "
                        "amounts of the disbursement it reverses.",
                        name=record.display_name,
                    )
                )
            if not (record.reversal_reason or "").strip():
                raise ValidationError(
                    self.env._("%(name)s: give the reason for the reversal.", name=record.display_name)
                )
            others = original.reversal_ids.filtered(lambda r: r.state != "rejected") - record
            if record.state != "rejected" and others:
                raise ValidationError(
                    self.env._(
                        "%(original)s is already reversed by %(reversal)s.",
                        original=original.display_name,
                        reversal=others[0].display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._workflow_is_internal() and any(
            vals.get("disbursement_type") == "reversal" or vals.get("reversed_id") for vals in vals_list
        ):
            raise UserError(
                self.env._(
                    "A reversal is made with the 'Reverse' button of the paid disbursement it corrects."
                )
            )
        records = super().create(vals_list)
        for record, vals in zip(records, vals_list, strict=True):
            if (
                record.disbursement_type not in ("advance", "reversal")
                and "advance_recovery_amount" not in vals
            ):
                record.advance_recovery_amount = record._proposed_recovery()
        return records

    def write(self, vals):
        target = vals.get("state")
        moving = self.filtered(lambda r: r.state != target) if target else self.browse()
        if target == "paid" and moving:
            moving._lock_for_payment()
        res = super().write(vals)
        if not moving:
            return res
        if target == "paid":
            for record in moving:
                if not record.paid_date:
                    raise ValidationError(self.env._("Enter the date the Treasury paid."))
        if target in ("submitted", "paid"):
            for record in moving:
                record._check_payable(record.paid_date if target == "paid" else record.request_date)
        if target == "rejected":
            for record in moving:
                if not (record.rejection_reason or "").strip():
                    raise ValidationError(
                        self.env._(
                            "Give the Treasury's reason for rejecting %(name)s.", name=record.display_name
                        )
                    )
        return res

    # ------------------------------------------------------------------
    # Buttons (each returns a value: XML-RPC cannot marshal None)
    # ------------------------------------------------------------------
    def action_submit(self):
        return self._workflow_move("submitted")

    def action_pay(self, paid_date=None, reference=None):
        """Record the Treasury's payment, on ``paid_date`` (the date entered, else today)."""
        today = fields.Date.context_today(self)
        for record in self:
            vals = {"paid_date": paid_date or record.paid_date or today}
            if reference:
                vals["treasury_reference"] = reference
            record._workflow_move("paid", **vals)
        return True

    def action_reject(self):
        return self._workflow_move("rejected")

    def action_reset_draft(self):
        return self._workflow_move("draft")

    def action_reverse(self, reason=None):
        """Create the draft reversal of this paid disbursement and open it.

        The reversal has the contract and capital plan of the original and its amounts
        with the opposite sign; submitted and paid in its turn, it nets every sum.
        """
        self.ensure_one()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for reversing %(name)s.", name=self.display_name))
        if self.state != "paid" or self.disbursement_type == "reversal":
            raise UserError(
                self.env._(
                    "%(name)s: only a paid disbursement that is not itself a reversal can be reversed.",
                    name=self.display_name,
                )
            )
        existing = self.reversal_ids.filtered(lambda r: r.state != "rejected")
        if existing:
            raise UserError(
                self.env._(
                    "%(name)s is already reversed by %(reversal)s.",
                    name=self.display_name,
                    reversal=existing[0].display_name,
                )
            )
        # The database holds one live reversal per disbursement: write a rejection first.
        self.reversal_ids.flush_recordset(["state"])
        created = (
            self.env["ttcp.disbursement"]
            ._workflow_internal()
            .create(
                {
                    "contract_id": self.contract_id.id,
                    "capital_plan_id": self.capital_plan_id.id,
                    "disbursement_type": "reversal",
                    "reversed_id": self.id,
                    "amount": -self.amount,
                    "advance_recovery_amount": -self.advance_recovery_amount,
                    "request_date": fields.Date.context_today(self),
                    "reversal_reason": reason,
                }
            )
        )
        # Drop the internal marker: what follows runs with the caller's rights and locks.
        reversal = self.env["ttcp.disbursement"].browse(created.id)
        self.message_post(
            body=self.env._(
                "Reversed by %(reversal)s. Reason: %(reason)s", reversal=reversal.display_name, reason=reason
            )
        )
        reversal.message_post(
            body=self.env._("Reverses %(original)s. Reason: %(reason)s", original=self.name, reason=reason)
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reversal"),
            "res_model": "ttcp.disbursement",
            "res_id": reversal.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
