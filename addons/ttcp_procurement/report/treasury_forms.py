"""State Treasury payment forms (DOMAIN.md §3.5): 04.a/TT, 03.a/TT and 04.b/TT.

Every figure is computed *as of the request* from the dated records: the payments
the Treasury made before it (reversals counted from their own payment date), the
amendments and acceptances dated on or before it. No stored "current" total is read,
so a reprint of an earlier request is not changed by later payments, reversals or
amendments.
"""

from decimal import ROUND_HALF_UP, Decimal

from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.ttcp_projects.tools import amount_in_words_vi

# Owner data the forms cannot do without (company fields).
REQUIRED_COMPANY_FIELDS = ("ttcp_budget_unit_code", "ttcp_treasury_office", "ttcp_treasury_account")


def vnd(value):
    """An amount in whole dong, Vietnamese style: 1.234.567 (dot thousands separator)."""
    number = int(Decimal(str(value or 0)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    text = f"{abs(number):,}".replace(",", ".")
    return f"-{text}" if number < 0 else text


def words(value):
    """The amount in Vietnamese words, from the rounded amount (never a float)."""
    return amount_in_words_vi(Decimal(str(value or 0)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def vn_date(value):
    """'ngày 05 tháng 03 năm 2025' (empty dots when there is no date)."""
    if not value:
        return "ngày ..... tháng ..... năm ......."
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


def short_date(value):
    return value.strftime("%d/%m/%Y") if value else ""


class TreasuryFormFigures(models.AbstractModel):
    """The figures of the Treasury forms for one disbursement, as of its request."""

    _name = "ttcp.treasury.form"
    _description = "State Treasury payment form figures"

    _form_code = "04.a/TT"

    # ------------------------------------------------------------------
    @api.model
    def _check_company_data(self, disbursement, form_code):
        company = disbursement.company_id or self.env.company
        missing = [name for name in REQUIRED_COMPANY_FIELDS if not (company[name] or "").strip()]
        if missing:
            labels = ", ".join(f"'{company._fields[name]._description_string(self.env)}'" for name in missing)
            raise UserError(
                self.env._(
                    "Form %(form)s cannot be printed: fill in %(fields)s on the company %(company)s "
                    "(Settings > Companies, Treasury tab).",
                    form=form_code,
                    fields=labels,
                    company=company.name,
                )
            )
        return company

    @api.model
    def _is_before(self, other, disbursement):
        """Was ``other`` paid before ``disbursement`` was requested?

        Paid on an earlier day, or on the request's day by an earlier request (request
        date, then creation order)."""
        if other == disbursement or other.state != "paid" or not other.paid_date:
            return False
        when = disbursement.request_date
        if other.paid_date != when:
            return other.paid_date < when
        return (other.request_date, other.id) < (disbursement.request_date, disbursement.id)

    @api.model
    def _figures(self, disbursement):
        """Every figure of the forms for ``disbursement``, as of its request."""
        disbursement.ensure_one()
        contract = disbursement.contract_id
        when = disbursement.request_date
        candidates = self.env["ttcp.disbursement"].search(
            [("contract_id", "=", contract.id), ("state", "=", "paid"), ("paid_date", "<=", when)]
        )
        before = candidates.filtered(lambda d: self._is_before(d, disbursement)).sorted(
            lambda d: (d.paid_date, d.request_date, d.id)
        )
        advances = before.filtered(lambda d: d.effective_type == "advance")
        works = before - advances
        advance_paid = sum(advances.mapped("amount"))
        work_paid = sum(works.mapped("amount"))
        recovered = sum(before.mapped("advance_recovery_amount"))
        amendments = contract.amendment_ids.filtered(lambda a: a.date <= when)
        value_in_force = contract.value + sum(amendments.mapped("value_change"))
        is_advance = disbursement.disbursement_type == "advance"
        amount = disbursement.amount
        recovery = 0.0 if is_advance else disbursement.advance_recovery_amount
        net = amount - recovery
        advance_balance = advance_paid - recovered
        # Payment rounds: the payments (not advances, not reversals) before this one, net of
        # those reversed before it.
        payments_before = works.filtered(lambda d: d.disbursement_type != "reversal")
        reversed_before = works.filtered(lambda d: d.disbursement_type == "reversal").mapped("reversed_id")
        round_no = len(payments_before - reversed_before) + 1
        # The acceptances of the period: after the previous payment's request, up to this one.
        previous = payments_before - reversed_before
        period_start = max(previous.mapped("request_date")) if previous else None
        acceptances = contract.acceptance_ids.filtered(lambda a: a.date <= when)
        period_acceptances = acceptances.filtered(lambda a: not period_start or a.date > period_start)
        accepted_total = sum(acceptances.mapped("accepted_value"))
        return {
            "contract": contract,
            "amendments": amendments,
            "value_in_force": value_in_force,
            "before": before,
            "advance_paid_before": advance_paid,
            "work_paid_before": work_paid,
            "recovered_before": recovered,
            "advance_balance_before": advance_balance,
            "paid_before": advance_paid + work_paid - recovered,
            "is_advance": is_advance,
            "amount": amount,
            "recovery": recovery,
            "net": net,
            "amount_words": words(amount),
            "recovery_words": words(recovery),
            "net_words": words(net),
            "advance_balance_after": advance_balance + (amount if is_advance else 0.0) - recovery,
            "work_paid_after": work_paid + (0.0 if is_advance else amount),
            "disbursed_after": advance_paid + work_paid - recovered + net,
            "round_no": round_no,
            "period_acceptances": period_acceptances,
            "accepted_total": accepted_total,
            "plan_year": disbursement.plan_year or when.year,
            "funding_source": (disbursement.capital_plan_id.funding_source_id or contract.funding_source_id),
        }

    @api.model
    def _check_printable(self, disbursement, form_code):
        if disbursement.disbursement_type == "reversal":
            raise UserError(
                self.env._(
                    "%(name)s is a reversal: form %(form)s is printed for the advance or payment it "
                    "requests, not for a reversal.",
                    name=disbursement.name,
                    form=form_code,
                )
            )
        return True

    @api.model
    def _get_report_values(self, docids, data=None):
        # The forms are Vietnamese: names (funding source, ...) in Vietnamese when installed.
        lang = self.env["res.lang"]._get_code("vi_VN") or self.env.lang
        docs = self.env["ttcp.disbursement"].with_context(lang=lang).browse(docids)
        companies = {}
        figures = {}
        for doc in docs:
            self._check_printable(doc, self._form_code)
            companies[doc.id] = self._check_company_data(doc, self._form_code)
            figures[doc.id] = self._figures(doc)
        return {
            "doc_ids": docids,
            "doc_model": "ttcp.disbursement",
            "docs": docs,
            "companies": companies,
            "figures": figures,
            "vnd": vnd,
            "words": words,
            "vn_date": vn_date,
            "short_date": short_date,
        }


class ReportPaymentRequest(models.AbstractModel):
    """04.a/TT Giấy đề nghị thanh toán vốn."""

    _name = "report.ttcp_procurement.report_payment_request"
    _inherit = "ttcp.treasury.form"
    _description = "Payment request to the State Treasury (04.a/TT)"
    _form_code = "04.a/TT"


class ReportCompletedWork(models.AbstractModel):
    """03.a/TT Bảng xác định giá trị khối lượng công việc hoàn thành."""

    _name = "report.ttcp_procurement.report_completed_work"
    _inherit = "ttcp.treasury.form"
    _description = "Statement of completed work (03.a/TT)"
    _form_code = "03.a/TT"

    @api.model
    def _check_printable(self, disbursement, form_code):
        res = super()._check_printable(disbursement, form_code)
        if disbursement.disbursement_type == "advance":
            raise UserError(
                self.env._(
                    "%(name)s is an advance: form %(form)s states the work completed for a payment.",
                    name=disbursement.name,
                    form=form_code,
                )
            )
        return res


class ReportAdvanceRecovery(models.AbstractModel):
    """04.b/TT Giấy đề nghị thu hồi vốn tạm ứng."""

    _name = "report.ttcp_procurement.report_advance_recovery"
    _inherit = "ttcp.treasury.form"
    _description = "Advance recovery request (04.b/TT)"
    _form_code = "04.b/TT"

    @api.model
    def _check_printable(self, disbursement, form_code):
        res = super()._check_printable(disbursement, form_code)
        if disbursement.disbursement_type == "advance" or disbursement.advance_recovery_amount <= 0:
            raise UserError(
                self.env._(
                    "%(name)s recovers no advance: form %(form)s is printed for a payment that "
                    "recovers advance.",
                    name=disbursement.name,
                    form=form_code,
                )
            )
        return res
