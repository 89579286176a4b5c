from datetime import date as Date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ttcp_projects.tools import format_amount, format_rate

DISBURSEMENT_TYPES = [
    ("advance", "Advance"),
    ("payment", "Payment"),
    ("final", "Final payment"),
    ("retention_release", "Retention release"),
]
STATES = [("draft", "Draft"), ("submitted", "Submitted"), ("paid", "Paid"), ("rejected", "Rejected")]
TRANSITIONS = {
    "draft": {"submitted"},
    "submitted": {"paid", "rejected", "draft"},
    "rejected": {"draft"},
    "paid": set(),
}


class Disbursement(models.Model):
    """Money the State Treasury pays to a contractor against a year's capital plan."""

    _name = "ttcp.disbursement"
    _description = "Disbursement"
    _inherit = ["mail.thread"]
    _order = "request_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    contract_id = fields.Many2one(
        "ttcp.contract", required=True, index=True, ondelete="restrict", check_company=True
    )
    investment_project_id = fields.Many2one(
        related="contract_id.investment_project_id", store=True, index=True
    )
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    capital_plan_id = fields.Many2one(
        "ttcp.capital.plan",
        index=True,
        ondelete="restrict",
        domain="[('investment_project_id', '=', investment_project_id)]",
        help="The year's capital plan paying it (empty for recurrent-budget contracts).",
    )
    plan_year = fields.Integer(related="capital_plan_id.year", store=True)
    disbursement_type = fields.Selection(
        DISBURSEMENT_TYPES, "Type", required=True, default="payment", tracking=True
    )
    amount = fields.Monetary(
        required=True,
        tracking=True,
        help="The advance paid, or the value of the work paid before advance recovery.",
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
    treasury_request_number = fields.Char("Payment request (04.a/TT) no.", tracking=True)
    treasury_reference = fields.Char("Treasury reference", tracking=True, copy=False)
    rejection_reason = fields.Text(tracking=True, copy=False)
    state = fields.Selection(STATES, required=True, default="draft", tracking=True, index=True, copy=False)

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK (amount > 0)",
            "A disbursement amount must be positive. / Số tiền giải ngân phải lớn hơn 0.",
        ),
        (
            "recovery_range",
            "CHECK (advance_recovery_amount >= 0 AND advance_recovery_amount <= amount)",
            "The advance recovered must be between zero and the amount. / "
            "Số thu hồi tạm ứng phải từ 0 đến số tiền thanh toán.",
        ),
    ]

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

    # ------------------------------------------------------------------
    # Recovery proposal
    # ------------------------------------------------------------------
    def _proposed_recovery(self):
        """Recovery that keeps the advance on track to be fully recovered when
        payments reach the rule's share of the contract value (80 %)."""
        self.ensure_one()
        contract = self.contract_id
        if self.disbursement_type == "advance" or not contract:
            return 0.0
        date = self.request_date or fields.Date.context_today(self)
        rule = contract._rule("disbursement.advance_full_recovery_percent", date, required=False)
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
        for record in self:
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
        rows = Disbursement._read_group(
            base + [("contract_id", "=", contract.id)],
            ["disbursement_type"],
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
            contract, plan = record.contract_id, record.capital_plan_id
            cur = record.currency_id
            when = on_date or record.paid_date or record.request_date
            Rule = self.env["ttcp.legal.rule"]
            if contract.state in ("draft", "cancelled", "liquidated"):
                raise ValidationError(
                    self.env._(
                        "%(name)s: contract %(contract)s is not in force.",
                        name=record.name,
                        contract=contract.display_name,
                    )
                )
            if contract.investment_project_id and not plan:
                raise ValidationError(
                    self.env._("%(name)s: choose the capital plan that pays it.", name=record.name)
                )
            if plan:
                if plan.investment_project_id != contract.investment_project_id:
                    raise ValidationError(
                        self.env._("%(name)s: the capital plan belongs to another project.", name=record.name)
                    )
                if plan.funding_source_id != contract.funding_source_id:
                    raise ValidationError(
                        self.env._(
                            "%(name)s: the capital plan's funding source differs from the package's.",
                            name=record.name,
                        )
                    )
                year_start = Date(plan.year, 1, 1)
                code = (
                    "disbursement.advance_deadline_months"
                    if record.disbursement_type == "advance"
                    else "disbursement.payment_deadline_months"
                )
                months = Rule._find(code, year_start) or Rule._get(code, when)
                last_day = Date(plan.year, 12, 31) + relativedelta(months=int(months.value), day=31)
                if not year_start <= when <= last_day:
                    raise ValidationError(
                        self.env._(
                            "%(name)s: a %(type)s against the %(year)s capital plan must be paid between "
                            "%(start)s and %(end)s (%(rule)s).",
                            name=record.name,
                            type=dict(DISBURSEMENT_TYPES)[record.disbursement_type].lower(),
                            year=plan.year,
                            start=year_start,
                            end=last_day,
                            rule=months._citation(),
                        )
                    )
            work, advance, recovered, plan_paid = record._paid_totals(contract, plan)
            is_advance = record.disbursement_type == "advance"
            new_work = work + (0.0 if is_advance else record.amount)
            new_advance = advance + (record.amount if is_advance else 0.0)
            new_recovered = recovered + record.advance_recovery_amount
            outstanding = new_advance - new_recovered
            if cur.compare_amounts(new_recovered, new_advance) > 0:
                raise ValidationError(
                    self.env._("%(name)s recovers more advance than is outstanding.", name=record.name)
                )
            if cur.compare_amounts(new_work + outstanding, contract.value_in_force) > 0:
                raise ValidationError(
                    self.env._(
                        "%(name)s: payments (%(paid)s) and outstanding advance (%(advance)s) would exceed "
                        "the contract value in force (%(value)s VND).",
                        name=record.name,
                        paid=format_amount(new_work),
                        advance=format_amount(outstanding),
                        value=format_amount(contract.value_in_force),
                    )
                )
            if plan and cur.compare_amounts(plan_paid + record.net_amount, plan.amount) > 0:
                raise ValidationError(
                    self.env._(
                        "%(name)s: the %(year)s capital plan (%(plan)s VND in force) has only "
                        "%(left)s VND left.",
                        name=record.name,
                        year=plan.year,
                        plan=format_amount(plan.amount),
                        left=format_amount(plan.amount - plan_paid),
                    )
                )
            if is_advance:
                if not contract.effective_date or contract.effective_date > when:
                    raise ValidationError(
                        self.env._(
                            "%(name)s: an advance is paid only once the contract is effective.",
                            name=record.name,
                        )
                    )
                if contract.advance_amount and cur.compare_amounts(new_advance, contract.advance_amount) > 0:
                    raise ValidationError(
                        self.env._(
                            "%(name)s: advances (%(advance)s) would exceed the advance agreed in "
                            "the contract (%(agreed)s).",
                            name=record.name,
                            advance=format_amount(new_advance),
                            agreed=format_amount(contract.advance_amount),
                        )
                    )
                contract._check_advance_guarantee(outstanding, when)
            elif cur.compare_amounts(outstanding, 0) > 0:
                rule = contract._rule("disbursement.advance_full_recovery_percent", when, required=False)
                threshold = contract.value_in_force * rule.value / 100.0 if rule else contract.value_in_force
                if rule and cur.compare_amounts(new_work, threshold) >= 0:
                    raise ValidationError(
                        self.env._(
                            "%(name)s: payments reach %(rate)s %% of the contract value, so the advance must "
                            "be fully recovered; %(left)s VND would remain outstanding (%(rule)s).",
                            name=record.name,
                            rate=format_rate(new_work / contract.value_in_force * 100),
                            left=format_amount(outstanding),
                            rule=rule._citation(),
                        )
                    )

    def _check_transition(self, new_state):
        labels = dict(STATES)
        for record in self:
            if record.state != new_state and new_state not in TRANSITIONS[record.state]:
                raise UserError(
                    self.env._(
                        "%(name)s cannot go from '%(old)s' to '%(new)s'.",
                        name=record.name,
                        old=labels[record.state],
                        new=labels[new_state],
                    )
                )

    _LOCKED_WHEN_SENT = {
        "contract_id",
        "capital_plan_id",
        "disbursement_type",
        "amount",
        "advance_recovery_amount",
        "request_date",
    }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "draft") not in ("draft",):
                raise UserError(self.env._("A disbursement is created as a draft, then submitted and paid."))
        records = super().create(vals_list)
        for record, vals in zip(records, vals_list, strict=True):
            if record.disbursement_type != "advance" and "advance_recovery_amount" not in vals:
                record.advance_recovery_amount = record._proposed_recovery()
        return records

    def write(self, vals):
        if self._LOCKED_WHEN_SENT & set(vals):
            for record in self:
                if record.state in ("submitted", "paid"):
                    raise UserError(
                        self.env._(
                            "%(name)s is submitted or paid: its amounts can no longer change.",
                            name=record.name,
                        )
                    )
        new_state = vals.get("state")
        if new_state:
            self._check_transition(new_state)
            if new_state == "paid":
                if not vals.get("paid_date") and any(not r.paid_date for r in self):
                    raise ValidationError(self.env._("Enter the date the Treasury paid."))
                self._lock_for_payment()
        res = super().write(vals)
        if new_state in ("submitted", "paid"):
            for record in self:
                if record.paid_date and record.paid_date < record.request_date:
                    raise ValidationError(
                        self.env._("%(name)s is paid before it was requested.", name=record.name)
                    )
                record._check_payable(record.paid_date if new_state == "paid" else record.request_date)
        if new_state == "rejected":
            for record in self:
                if not (record.rejection_reason or "").strip():
                    raise ValidationError(
                        self.env._("Give the Treasury's reason for rejecting %(name)s.", name=record.name)
                    )
        return res

    def action_submit(self):
        self.write({"state": "submitted"})

    def action_pay(self, paid_date=None, reference=None):
        vals = {"state": "paid", "paid_date": paid_date or fields.Date.context_today(self)}
        if reference:
            vals["treasury_reference"] = reference
        self.write(vals)

    def action_reset_draft(self):
        self.write({"state": "draft"})

    @api.ondelete(at_uninstall=False)
    def _unlink_drafts_only(self):
        if any(record.state in ("submitted", "paid") for record in self):
            raise UserError(self.env._("A submitted or paid disbursement is never deleted."))
