from dateutil.relativedelta import relativedelta

from odoo import models


class AdvanceOutstandingXlsx(models.AbstractModel):
    """Advances not yet recovered, per contract, as the quarterly report 08.a/SDTƯ lists them.

    Figures are those on the report date (``data['date']``, today by default): advances
    paid and recoveries made up to that date. An advance is overdue when nothing was
    recovered for more than the rule's months (3) since its due use (the advance's 'due in use
    by' date, else the date it was paid) or the last recovery, whichever is later: the same
    date the daily claw-back check uses (``ttcp.contract._advance_clawback_date``).
    """

    _name = "report.ttcp_procurement.advance_outstanding_xlsx"
    _inherit = "report.ttcp_procurement.xlsx_common"
    _description = "Advances outstanding (XLSX, 08.a/SDTƯ)"

    HEADER_ROW = 3
    FIELDS = [
        "number",
        "name",
        "partner_id",
        "investment_project_id",
        "advance_guarantee_ref",
        "advance_guarantee_expiry",
        "currency_id",
    ]

    def _columns(self, overdue_months):
        return [
            (self.env._("No."), 6, "center"),
            (self.env._("Project"), 32, "text"),
            (self.env._("Contract"), 36, "text"),
            (self.env._("Contractor"), 28, "text"),
            (self.env._("Advance paid"), 17, "money"),
            (self.env._("Recovered"), 17, "money"),
            (self.env._("Outstanding"), 17, "money"),
            (self.env._("First advance on"), 12, "date"),
            (self.env._("Months outstanding"), 11, "integer"),
            (
                self.env._("Overdue (no recovery for more than %(months)s months)", months=overdue_months),
                16,
                "center",
            ),
            (self.env._("Advance guarantee"), 18, "text"),
            (self.env._("Guarantee expires"), 12, "date"),
        ]

    def _overdue_months(self, as_of):
        """Months without recovery after which an advance must be clawed back: the dated
        rule 'disbursement.advance_overdue_months' (a missing rule is an error)."""
        return int(self.env["ttcp.legal.rule"]._get("disbursement.advance_overdue_months", as_of).value)

    def _advance_figures(self, contracts, as_of):
        """{contract id: (advance paid, recovered, first advance, last recovery, first due use)}
        on ``as_of`` (see ``ttcp.contract._advance_figures_on``)."""
        return contracts._advance_figures_on(as_of)

    def generate_xlsx_report(self, workbook, data, objs):
        fmt = self._formats(workbook)
        as_of = self._as_of(data)
        overdue_months = self._overdue_months(as_of)
        columns = self._columns(overdue_months)
        formats = [fmt[kind] for _title, _width, kind in columns]
        sheet = workbook.add_worksheet("08.a-SDTU")
        sheet.write_string(
            0,
            0,
            self.env._("Advances outstanding on %(date)s (form 08.a/SDTƯ)", date=as_of.strftime("%d/%m/%Y")),
            fmt["title"],
        )
        sheet.write_string(
            1,
            0,
            self.env._(
                "Quarter %(quarter)s/%(year)s; amounts in VND",
                quarter=(as_of.month - 1) // 3 + 1,
                year=as_of.year,
            ),
            fmt["subtitle"],
        )
        sheet.set_row(self.HEADER_ROW, 45)
        self._write_header(sheet, self.HEADER_ROW, [(title, width) for title, width, _k in columns], fmt)
        sheet.freeze_panes(self.HEADER_ROW + 1, 3)
        # Only contracts that had an advance paid by the report date.
        contracts = self.env["ttcp.contract"].search(
            [
                ("id", "in", objs.ids),
                (
                    "disbursement_ids",
                    "any",
                    [
                        ("state", "=", "paid"),
                        ("effective_type", "=", "advance"),
                        ("paid_date", "<=", as_of),
                    ],
                ),
            ],
            order="investment_project_id, number, id",
        )
        yes, no = self.env._("Yes"), self.env._("No")
        row = self.HEADER_ROW + 1
        index = 0
        totals = [0.0, 0.0, 0.0]
        for batch in self._batches(contracts, self.FIELDS):
            figures = self._advance_figures(batch, as_of)
            for contract in batch:
                paid, recovered, first, _last_recovery, _due_use = figures[contract.id]
                outstanding = paid - recovered
                if contract.currency_id.compare_amounts(outstanding, 0) <= 0:
                    continue
                index += 1
                delta = relativedelta(as_of, first)
                months = max(0, delta.years * 12 + delta.months)
                clawback, _rule = contract._advance_clawback_date(figures[contract.id], as_of)
                overdue = bool(clawback) and as_of > clawback
                values = [
                    index,
                    contract.investment_project_id.display_name,
                    contract.display_name,
                    contract.partner_id.display_name,
                    paid,
                    recovered,
                    outstanding,
                    first,
                    months,
                    yes if overdue else no,
                    contract.advance_guarantee_ref,
                    contract.advance_guarantee_expiry,
                ]
                self._write_row(sheet, row, values, formats)
                totals = [totals[0] + paid, totals[1] + recovered, totals[2] + outstanding]
                row += 1
        values = ["", self.env._("Total"), self.env._("Contracts: %(count)s", count=index), ""]
        values += totals + [""] * 5
        self._write_row(
            sheet, row, values, [fmt["total_label"]] * 4 + [fmt["total"]] * 3 + [fmt["total_label"]] * 5
        )
