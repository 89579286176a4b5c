from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.ttcp_projects.tools import format_amount, format_number


class Bid(models.Model):
    """A bid (hồ sơ dự thầu) submitted for a package."""

    _name = "ttcp.bid"
    _description = "Bid"
    _inherit = ["ttcp.legal.rule.consumer", "mail.thread"]
    _legal_rule_dependent_fields = ("security_return_due",)
    _order = "package_id, evaluated_price, id"
    _check_company_auto = True

    package_id = fields.Many2one("ttcp.bid.package", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="package_id.company_id", store=True)
    currency_id = fields.Many2one(related="package_id.currency_id")
    partner_id = fields.Many2one("res.partner", "Contractor", required=True, tracking=True)
    price = fields.Monetary("Bid price", required=True, tracking=True)
    evaluated_price = fields.Monetary(tracking=True)
    technical_score = fields.Float(tracking=True)
    abnormally_low = fields.Boolean(
        "Abnormally low bid",
        tracking=True,
        help="The evaluation found the bid price abnormally low. If it wins, the contract's "
        "performance security may go up to the rule "
        "'procurement.performance_security_max_percent_abnormally_low' (30 %, unverified) "
        "instead of the usual 2-10 %.",
    )
    bid_security_amount = fields.Monetary(tracking=True)
    bid_security_expiry = fields.Date(tracking=True)
    result = fields.Selection(
        [("pending", "Pending"), ("won", "Won"), ("lost", "Lost"), ("rejected", "Rejected")],
        required=True,
        default="pending",
        tracking=True,
        copy=False,
    )
    security_return_due = fields.Date(
        compute="_compute_security_return_due",
        store=True,
        help="Date by which the bid security of a losing bidder must be returned.",
    )

    _sql_constraints = [
        (
            "price_positive",
            "CHECK (price > 0)",
            "The bid price must be positive. / Giá dự thầu phải lớn hơn 0.",
        ),
        (
            "amounts_positive",
            "CHECK (evaluated_price >= 0 AND bid_security_amount >= 0 AND technical_score >= 0)",
            "Amounts and scores cannot be negative. / Giá trị và điểm không được âm.",
        ),
    ]

    @api.depends("result", "package_id.awarded_date")
    def _compute_security_return_due(self):
        for bid in self:
            due = False
            package = bid.package_id
            if bid.result in ("lost", "rejected") and package.awarded_date and bid.bid_security_amount:
                due = package._rule_date("procurement.bid_security_return_days", package.awarded_date)
            bid.security_return_due = due

    @api.constrains("bid_security_amount", "bid_security_expiry", "price", "package_id")
    def _check_bid_security(self):
        for bid in self:
            package = bid.package_id
            if not package._needs_bid_security():
                continue
            date = package.plan_id.approval_date or fields.Date.context_today(self)
            small = package._is_small_package(date)
            code = "procurement.bid_security_percent_small" if small else "procurement.bid_security_percent"
            rule = package._legal_rule_if_applied(code, date)
            if not rule:
                # A period the suite does not apply (before Law 22/2023).
                continue
            low = package.price * rule.value / 100.0
            high = package.price * (rule.value_max or rule.value) / 100.0
            cur = bid.currency_id
            if (
                cur.compare_amounts(bid.bid_security_amount, low) < 0
                or cur.compare_amounts(bid.bid_security_amount, high) > 0
            ):
                raise ValidationError(
                    self.env._(
                        "Bid of %(partner)s: the bid security %(amount)s must be between %(low)s and "
                        "%(high)s VND (%(rule)s).",
                        partner=bid.partner_id.display_name,
                        amount=format_amount(bid.bid_security_amount, self.env),
                        low=format_amount(low, self.env),
                        high=format_amount(high, self.env),
                        rule=rule._citation(),
                    )
                )
            if package.closing_date:
                validity = package._legal_rule_if_applied(
                    "procurement.bid_security_extra_validity_days", package.closing_date
                )
                if not validity:
                    continue
                needed = package.closing_date + timedelta(
                    days=package.bid_validity_days + int(validity.value)
                )
                if not bid.bid_security_expiry or bid.bid_security_expiry < needed:
                    raise ValidationError(
                        self.env._(
                            "Bid of %(partner)s: the bid security must stay valid until %(date)s "
                            "(bid validity + %(days)s days, %(rule)s).",
                            partner=bid.partner_id.display_name,
                            date=needed,
                            days=format_number(validity.value, self.env),
                            rule=validity._citation(),
                        )
                    )

    def action_award(self):
        """Make this bid the winner; the package's other bids lose."""
        self.ensure_one()
        package = self.package_id
        if package.state != "evaluated":
            raise UserError(self.env._("A package is awarded once its bids are evaluated."))
        if self.result == "rejected":
            raise UserError(self.env._("A rejected bid cannot win."))
        (package.bid_ids - self).filtered(lambda b: b.result != "rejected").write({"result": "lost"})
        self.result = "won"
        package.write({"state": "awarded"})
        return True

    def write(self, vals):
        if (
            vals.get("result") == "won"
            and not self.env.su
            and not self.env.user.has_group("ttcp_procurement.group_procurement_manager")
        ):
            raise AccessError(self.env._("Only a procurement manager can award a package."))
        if "result" in vals or "price" in vals or "partner_id" in vals:
            for bid in self:
                if bid.package_id.state in ("awarded", "contracted", "done"):
                    if (
                        vals.get("result", bid.result) != bid.result
                        or "price" in vals
                        or "partner_id" in vals
                    ):
                        raise UserError(self.env._("The package is awarded: its bids can no longer change."))
        if "abnormally_low" in vals:
            # The contract's performance security was checked against it at signature.
            for bid in self:
                if bid.package_id.state in ("contracted", "done") and bid.abnormally_low != bool(
                    vals["abnormally_low"]
                ):
                    raise UserError(
                        self.env._(
                            "%(package)s has a contract: whether its bid was abnormally low can no "
                            "longer change.",
                            package=bid.package_id.display_name,
                        )
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_pending_only(self):
        if any(
            bid.result != "pending"
            or bid.package_id.state not in ("planned", "documents_approved", "published", "closed")
            for bid in self
        ):
            raise UserError(self.env._("An evaluated bid cannot be deleted."))
