from odoo import models


class SelectionPlanXlsx(models.AbstractModel):
    """The package table of a contractor selection plan, as the approval form lays it out."""

    _name = "report.ttcp_procurement.selection_plan_xlsx"
    _inherit = "report.ttcp_procurement.xlsx_common"
    _description = "Contractor selection plan (XLSX)"

    def _columns(self):
        return [
            self.env._("No."),
            self.env._("Package name"),
            self.env._("Field"),
            self.env._("Package price (VND)"),
            self.env._("Funding source"),
            self.env._("Selection method"),
            self.env._("Procedure"),
            self.env._("Selection start"),
            self.env._("Contract type"),
            self.env._("Contract duration (days)"),
            self.env._("Purchase option (%)"),
            self.env._("Online"),
        ]

    def generate_xlsx_report(self, workbook, data, objs):
        fmt = self._formats(workbook)
        for plan in objs:
            sheet = workbook.add_worksheet(plan.decision_number or str(plan.id))
            sheet.set_column(0, 0, 6)
            sheet.set_column(1, 1, 45)
            sheet.set_column(2, 11, 16)
            sheet.write(0, 0, plan.name, fmt["title"])
            sheet.write(
                1,
                0,
                self.env._(
                    "Decision %(number)s of %(date)s",
                    number=plan.decision_number or "",
                    date=plan.approval_date and plan.approval_date.strftime("%d/%m/%Y") or "",
                ),
            )
            for col, title in enumerate(self._columns()):
                sheet.write(3, col, title, fmt["header"])
            row = 4
            packages = plan.package_ids.filtered(lambda p: p.state != "cancelled")
            for index, package in enumerate(packages, start=1):
                self._write_row(
                    sheet,
                    row,
                    [
                        index,
                        f"{package.number} - {package.name}",
                        self._selection_label(package, "package_field"),
                        package.price,
                        package.funding_source_id.name,
                        self._selection_label(package, "selection_method"),
                        self._selection_label(package, "procedure"),
                        package.selection_start or "",
                        self._selection_label(package, "contract_type"),
                        package.duration_days,
                        package.purchase_option_percent,
                        self.env._("Yes") if package.online else self.env._("No"),
                    ],
                    [
                        fmt["text"],
                        fmt["text"],
                        fmt["text"],
                        fmt["money"],
                        fmt["text"],
                        fmt["text"],
                        fmt["text"],
                        fmt["text"],
                        fmt["text"],
                        fmt["text"],
                        fmt["percent"],
                        fmt["text"],
                    ],
                )
                row += 1
            sheet.write(row, 1, self.env._("Total"), fmt["header"])
            sheet.write(row, 3, sum(packages.mapped("price")), fmt["total"])
