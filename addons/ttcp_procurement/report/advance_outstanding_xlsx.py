from dateutil.relativedelta import relativedelta

from odoo import fields, models


class AdvanceOutstandingXlsx(models.AbstractModel):
    """Advances not yet recovered, as the quarterly report 08.a/SDTƯ lists them."""

    _name = "report.ttcp_procurement.advance_outstanding_xlsx"
    _inherit = "report.ttcp_procurement.xlsx_common"
    _description = "Advances outstanding (XLSX, 08.a/SDTƯ)"

    def generate_xlsx_report(self, workbook, data, objs):
        fmt = self._formats(workbook)
        today = fields.Date.context_today(self)
        contracts = objs.filtered(lambda c: c.currency_id.compare_amounts(c.advance_outstanding, 0) > 0)
        first_advance = {
            contract.id: first
            for contract, first in self.env["ttcp.disbursement"]._read_group(
                [
                    ("contract_id", "in", contracts.ids),
                    ("state", "=", "paid"),
                    ("disbursement_type", "=", "advance"),
                ],
                ["contract_id"],
                ["paid_date:min"],
            )
        }
        sheet = workbook.add_worksheet("08.a-SDTU")
        sheet.write(
            0,
            0,
            self.env._("Advances outstanding (form 08.a/SDTƯ) on %(date)s", date=today.strftime("%d/%m/%Y")),
            fmt["title"],
        )
        headers = [
            self.env._("No."),
            self.env._("Project"),
            self.env._("Contract"),
            self.env._("Contractor"),
            self.env._("Advance paid"),
            self.env._("Recovered"),
            self.env._("Outstanding"),
            self.env._("First advance on"),
            self.env._("Months outstanding"),
            self.env._("Overdue (> 3 months)"),
            self.env._("Advance guarantee"),
            self.env._("Guarantee expires"),
        ]
        for col, title in enumerate(headers):
            sheet.write(2, col, title, fmt["header"])
        sheet.set_column(1, 3, 32)
        sheet.set_column(4, 11, 15)
        row = 3
        for index, contract in enumerate(contracts, start=1):
            first = first_advance.get(contract.id)
            months = 0
            if first:
                delta = relativedelta(today, first)
                months = delta.years * 12 + delta.months
            self._write_row(
                sheet,
                row,
                [
                    index,
                    contract.investment_project_id.display_name or "",
                    contract.display_name,
                    contract.partner_id.display_name,
                    contract.advance_paid,
                    contract.advance_recovered,
                    contract.advance_outstanding,
                    first or False,
                    months,
                    self.env._("Yes") if months > 3 and not contract.advance_recovered else self.env._("No"),
                    contract.advance_guarantee_ref or "",
                    contract.advance_guarantee_expiry,
                ],
                [
                    fmt["text"],
                    fmt["text"],
                    fmt["text"],
                    fmt["text"],
                    fmt["money"],
                    fmt["money"],
                    fmt["money"],
                    fmt["date"],
                    fmt["text"],
                    fmt["text"],
                    fmt["text"],
                    fmt["date"],
                ],
            )
            row += 1
