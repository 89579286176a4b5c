from datetime import date

from odoo import models


class DisbursementMonthlyXlsx(models.AbstractModel):
    """Disbursement by project, funding source and month of the selected plans' years."""

    _name = "report.ttcp_procurement.disbursement_monthly_xlsx"
    _inherit = "report.ttcp_procurement.xlsx_common"
    _description = "Disbursement by project, source and month (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        fmt = self._formats(workbook)
        for year in sorted(set(objs.mapped("year"))):
            plans = objs.filtered(lambda p, y=year: p.year == y).sorted(
                lambda p: (p.investment_project_id.code or "", p.funding_source_id.sequence)
            )
            # The year's window: January of the year to January of the next one.
            months = [date(year, m, 1) for m in range(1, 13)] + [date(year + 1, 1, 1)]
            paid = {
                (plan.id, month): amount
                for plan, month, amount in self.env["ttcp.disbursement"]._read_group(
                    [("capital_plan_id", "in", plans.ids), ("state", "=", "paid")],
                    ["capital_plan_id", "paid_date:month"],
                    ["net_amount:sum"],
                )
            }
            sheet = workbook.add_worksheet(str(year))
            sheet.write(
                0,
                0,
                self.env._("Disbursement of the %(year)s capital plan by month", year=year),
                fmt["title"],
            )
            headers = [self.env._("Project"), self.env._("Funding source"), self.env._("Plan in force")]
            headers += [m.strftime("%m/%Y") for m in months] + [
                self.env._("Total paid"),
                self.env._("Rate (%)"),
            ]
            sheet.set_column(0, 0, 40)
            sheet.set_column(1, len(headers), 14)
            for col, title in enumerate(headers):
                sheet.write(2, col, title, fmt["header"])
            row = 3
            for plan in plans:
                amounts = [paid.get((plan.id, m), 0.0) for m in months]
                total = sum(amounts)
                values = [plan.investment_project_id.display_name, plan.funding_source_id.name, plan.amount]
                values += amounts + [total, total / plan.amount * 100 if plan.amount else 0.0]
                formats = [fmt["text"], fmt["text"]] + [fmt["money"]] * (len(months) + 2) + [fmt["percent"]]
                self._write_row(sheet, row, values, formats)
                row += 1
