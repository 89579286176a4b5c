from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import models


class DisbursementMonthlyXlsx(models.AbstractModel):
    """Disbursement by project, funding source and month, one sheet per plan year.

    Printed from the annual capital plans: one row per plan, that is per project and
    funding source of the year, with the plan in force, the cash paid against it in
    each month of its disbursement window (January of the year to the plan's deadline,
    31 January of the next year today, later months if anything was paid then), the
    total and the disbursement rate. ``data['year']`` restricts the export to one year.
    """

    _name = "report.ttcp_procurement.disbursement_monthly_xlsx"
    _inherit = "report.ttcp_procurement.xlsx_common"
    _description = "Disbursement by project, source and month (XLSX)"

    HEADER_ROW = 3

    def _paid_by_plan_month(self, plans):
        """{(plan id, first day of month): cash paid}, from the paid disbursements."""
        groups = self.env["ttcp.disbursement"]._read_group(
            [("capital_plan_id", "in", plans.ids), ("state", "=", "paid")],
            ["capital_plan_id", "paid_date:month"],
            ["net_amount:sum"],
        )
        return {(plan.id, month): amount for plan, month, amount in groups if month}

    @staticmethod
    def _months(year, plans, paid):
        """Months of the window: January of ``year`` to the last deadline or payment
        (an earlier payment, which the rules forbid, would still get its column)."""
        first = min([date(year, 1, 1)] + [month for _plan_id, month in paid])
        last = date(year + 1, 1, 1)
        for plan in plans:
            if plan.disbursement_deadline:
                last = max(last, plan.disbursement_deadline.replace(day=1))
        for _plan_id, month in paid:
            last = max(last, month)
        months = []
        month = first
        while month <= last:
            months.append(month)
            month += relativedelta(months=1)
        return months

    def generate_xlsx_report(self, workbook, data, objs):
        fmt = self._formats(workbook)
        Plan = self.env["ttcp.capital.plan"]
        years = sorted(set(objs.mapped("year")))
        if data and data.get("year"):
            years = [year for year in years if year == int(data["year"])]
        for year in years:
            plans = Plan.search(
                [("id", "in", objs.ids), ("year", "=", year)],
                order="investment_project_id, funding_source_id, id",
            )
            plans.fetch(["investment_project_id", "funding_source_id", "amount", "disbursement_deadline"])
            paid = self._paid_by_plan_month(plans)
            months = self._months(year, plans, paid)
            sheet = workbook.add_worksheet(str(year))
            sheet.write_string(
                0,
                0,
                self.env._(
                    "Disbursement of the %(year)s capital plan by project, funding source and month",
                    year=year,
                ),
                fmt["title"],
            )
            sheet.write_string(
                1,
                0,
                self.env._("Cash paid by the State Treasury, net of advance recovery (VND)"),
                fmt["subtitle"],
            )
            columns = [
                (self.env._("No."), 6),
                (self.env._("Project"), 40),
                (self.env._("Funding source"), 24),
                (self.env._("Plan in force"), 17),
            ]
            columns += [(month.strftime("%m/%Y"), 15) for month in months]
            columns += [(self.env._("Total paid"), 17), (self.env._("Rate (%)"), 10)]
            sheet.set_row(self.HEADER_ROW, 30)
            self._write_header(sheet, self.HEADER_ROW, columns, fmt)
            sheet.freeze_panes(self.HEADER_ROW + 1, 3)
            formats = [fmt["center"], fmt["text"], fmt["text"]]
            formats += [fmt["money"]] * (len(months) + 2) + [fmt["percent"]]
            row = self.HEADER_ROW + 1
            total_plan = 0.0
            column_totals = [0.0] * len(months)
            for index, plan in enumerate(plans, start=1):
                amounts = [paid.get((plan.id, month), 0.0) for month in months]
                total = sum(amounts)
                values = [
                    index,
                    plan.investment_project_id.display_name,
                    plan.funding_source_id.name,
                    plan.amount,
                ]
                values += amounts + [total, round(total / plan.amount * 100, 2) if plan.amount else 0.0]
                self._write_row(sheet, row, values, formats)
                total_plan += plan.amount
                column_totals = [a + b for a, b in zip(column_totals, amounts, strict=True)]
                row += 1
            total_paid = sum(column_totals)
            values = ["", self.env._("Total"), "", total_plan] + column_totals + [total_paid]
            values.append(round(total_paid / total_plan * 100, 2) if total_plan else 0.0)
            total_formats = [fmt["total_label"]] * 3 + [fmt["total"]] * (len(months) + 2)
            self._write_row(sheet, row, values, total_formats + [fmt["total_percent"]])
