from datetime import date as Date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

from odoo.addons.ttcp_projects.tools import format_amount, format_rate, schedule_todos, user_env


class CapitalPlan(models.Model):
    """Disbursed amounts, deadline, schedule, forecast and gap of a year's plan."""

    _name = "ttcp.capital.plan"
    _inherit = ["ttcp.capital.plan", "ttcp.legal.rule.consumer"]
    _legal_rule_dependent_fields = ("disbursement_deadline", "late_capital_amount")

    disbursement_ids = fields.One2many("ttcp.disbursement", "capital_plan_id", "Disbursements")

    @api.depends("disbursement_ids.state", "disbursement_ids.net_amount")
    def _compute_amount_disbursed(self):
        # Cash paid net of advance recovery; a paid reversal (negative net amount, same
        # plan as its original) takes its original back, whatever year it is paid in.
        groups = self.env["ttcp.disbursement"]._read_group(
            [("capital_plan_id", "in", self.ids), ("state", "=", "paid")],
            ["capital_plan_id"],
            ["net_amount:sum"],
        )
        paid = {plan.id: amount for plan, amount in groups}
        for plan in self:
            plan.amount_disbursed = paid.get(plan.id, 0.0)

    def _has_history(self):
        """A plan with disbursements sent or paid keeps its year and funding source,
        even when a reversal brought the amount disbursed back to zero."""
        history = super()._has_history() if hasattr(super(), "_has_history") else False
        return history or bool(self.disbursement_ids.filtered(lambda d: d.state in ("submitted", "paid")))

    disbursement_deadline = fields.Date(
        compute="_compute_disbursement_deadline",
        store=True,
        help="Last day the year's capital may be disbursed (31 January of the next year; "
        "31 December of the next year for capital added after 30 September).",
    )
    late_capital_amount = fields.Monetary(
        "Capital added late",
        compute="_compute_disbursement_deadline",
        store=True,
        help="Capital added by adjustments dated after the rule's cut-off (30 September): "
        "disbursable until 31 December of the next year.",
    )
    amount_scheduled = fields.Monetary(
        "Scheduled until the deadline",
        compute="_compute_forecast",
        help="Contract milestones not yet accepted, planned between today and the deadline.",
    )
    forecast_amount = fields.Monetary("Forecast at the deadline", compute="_compute_forecast")
    forecast_rate = fields.Float("Forecast rate (%)", compute="_compute_forecast", digits=(5, 2))
    forecast_gap = fields.Monetary("Gap", compute="_compute_forecast")
    forecast_short = fields.Boolean(
        "Forecast misses the plan", compute="_compute_forecast", search="_search_forecast_short"
    )

    @api.depends("year", "adjustment_ids.date", "adjustment_ids.amount_change")
    def _compute_disbursement_deadline(self):
        # A stored date shown to the user: without a rule (while the rules are being
        # loaded) it stays empty; the payment checks read the rules strictly.
        for plan in self:
            deadline, late = False, 0.0
            if plan.year:
                deadline = plan._normal_deadline(strict=False)
                late, late_deadline = plan._late_capital(strict=False)
                if deadline and late > 0:
                    deadline = max(deadline, late_deadline)
            plan.disbursement_deadline = deadline
            plan.late_capital_amount = late

    def _plan_rule(self, code, strict):
        year_start = Date(self.year, 1, 1)
        if strict:
            return self._legal_rule(code, year_start)
        return self._legal_rule_for_display(code, year_start)

    def _normal_deadline(self, strict=True):
        """31 January of the next year (the rule's months after the year's end)."""
        self.ensure_one()
        rule = self._plan_rule("disbursement.payment_deadline_months", strict)
        return rule and Date(self.year, 12, 31) + relativedelta(months=int(rule.value), day=31)

    def _late_capital(self, strict=True):
        """(capital added after the cut-off, its deadline): Law 58/2024 Art. 72 as dated rules."""
        self.ensure_one()
        cutoff_rule = self._plan_rule("disbursement.late_capital_cutoff_month", strict)
        months = self._plan_rule("disbursement.late_capital_deadline_months", strict)
        if not (cutoff_rule and months):
            return 0.0, False
        cutoff = Date(self.year, int(cutoff_rule.value), 1) + relativedelta(day=31)
        added = sum(
            a.amount_change for a in self.adjustment_ids if a.date and a.date > cutoff and a.amount_change > 0
        )
        if added <= 0:
            return 0.0, False
        return added, Date(self.year, 12, 31) + relativedelta(months=int(months.value), day=31)

    # Milestones still to come per plan, and the plans whose forecast misses them: one SQL
    # statement each, whatever the number of plans and milestones (national scale: 2,500
    # plans, 20,000 milestones). Milestones count for the plan of their contract's project and
    # funding source, from today (or the plan year's start) to the plan's deadline.
    _SCHEDULED_SQL = """
        SELECT cp.id, COALESCE(SUM(m.amount), 0)
          FROM ttcp_capital_plan cp
          JOIN ttcp_contract c
            ON c.investment_project_id = cp.investment_project_id
           AND c.funding_source_id = cp.funding_source_id
           AND c.state NOT IN ('draft', 'cancelled')
          JOIN ttcp_contract_milestone m
            ON m.contract_id = c.id
           AND m.is_done IS NOT TRUE
           AND m.planned_date >= GREATEST(%(today)s, make_date(cp.year, 1, 1))
           AND m.planned_date <= cp.disbursement_deadline
         WHERE cp.disbursement_deadline >= %(today)s AND {where}
         GROUP BY cp.id
    """

    def _flush_forecast_inputs(self):
        self.env["ttcp.capital.plan"].flush_model(
            [
                "investment_project_id",
                "funding_source_id",
                "year",
                "amount",
                "amount_disbursed",
                "disbursement_deadline",
            ]
        )
        self.env["ttcp.contract"].flush_model(["investment_project_id", "funding_source_id", "state"])
        self.env["ttcp.contract.milestone"].flush_model(["contract_id", "amount", "is_done", "planned_date"])
        self.env["ttcp.investment.project"].flush_model(["currency_id"])

    def _scheduled_amounts(self, today):
        """Milestone amounts still to come per plan (one query for the whole set)."""
        result = dict.fromkeys(self.ids, 0.0)
        ids = [plan_id for plan_id in self.ids if plan_id]
        if not ids:
            return result
        self._flush_forecast_inputs()
        self.env.cr.execute(
            self._SCHEDULED_SQL.format(where="cp.id = ANY(%(ids)s)"), {"today": today, "ids": ids}
        )
        result.update(dict(self.env.cr.fetchall()))
        return result

    @api.depends("amount", "amount_disbursed", "disbursement_deadline")
    def _compute_forecast(self):
        today = fields.Date.context_today(self)
        scheduled = self._scheduled_amounts(today)
        for plan in self:
            plan.amount_scheduled = scheduled.get(plan.id, 0.0)
            forecast = min(plan.amount, plan.amount_disbursed + plan.amount_scheduled)
            plan.forecast_amount = forecast
            plan.forecast_rate = forecast / plan.amount * 100.0 if plan.amount else 0.0
            plan.forecast_gap = plan.amount - forecast
            open_window = plan.disbursement_deadline and plan.disbursement_deadline >= today
            plan.forecast_short = bool(
                open_window and plan.currency_id.compare_amounts(plan.forecast_gap, 0) > 0
            )

    def _search_forecast_short(self, operator, value):
        """Plans whose window is open and whose forecast (paid + scheduled, at most the plan)
        falls short of the plan by at least the currency's rounding: an SQL sub-query, not a
        compute over every open plan."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the forecast."))
        today = fields.Date.context_today(self)
        self._flush_forecast_inputs()
        scheduled = self._SCHEDULED_SQL.format(where="TRUE")
        query = SQL(
            f"""(
            SELECT cp.id
              FROM ttcp_capital_plan cp
              JOIN ttcp_investment_project p ON p.id = cp.investment_project_id
              JOIN res_currency cur ON cur.id = p.currency_id
              LEFT JOIN ({scheduled}) AS s(plan_id, amount) ON s.plan_id = cp.id
             WHERE cp.disbursement_deadline >= %(today)s
               AND cp.amount - LEAST(cp.amount, COALESCE(cp.amount_disbursed, 0) + COALESCE(s.amount, 0))
                   >= cur.rounding / 2
            )""".replace("%(today)s", "%s"),
            today,
            today,
            today,
        )
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", query)]

    @api.model
    def _cron_forecast_activities(self):
        """Ask the managers of projects whose forecast misses the plan to act."""
        plans = self.search([("forecast_short", "=", True)])
        existing = self.env["mail.activity"]._read_group(
            [("res_model", "=", self._name), ("res_id", "in", plans.ids), ("summary", "=like", "[TTCP]%")],
            ["res_id"],
        )
        already = {res_id for (res_id,) in existing}
        todos = []
        for plan in plans.filtered(lambda p: p.id not in already):
            manager = plan.investment_project_id.manager_id
            if not manager:
                continue
            env = user_env(self, manager)
            note = env._(
                "Forecast %(rate)s %% of %(plan)s VND by %(deadline)s; gap %(gap)s VND.",
                rate=format_rate(plan.forecast_rate, env),
                plan=format_amount(plan.amount, env),
                deadline=format_date(env, plan.disbursement_deadline),
                gap=format_amount(plan.forecast_gap, env),
            )
            summary = env._("[TTCP] Disbursement forecast misses the plan")
            todos.append((plan.id, manager, summary, note, fields.Date.context_today(plan.with_env(env))))
        # One batch for all the plans: the job's queries do not grow with them.
        return len(schedule_todos(self.env, self._name, todos))
