from odoo import models


class SelectionPlanXlsx(models.AbstractModel):
    """The package table of a contractor selection plan (KHLCNT), one sheet per plan,
    laid out as the table of the plan's approval decision."""

    _name = "report.ttcp_procurement.selection_plan_xlsx"
    _inherit = "report.ttcp_procurement.xlsx_common"
    _description = "Contractor selection plan (XLSX)"

    # Row of the column headers; the packages follow, then the total row.
    HEADER_ROW = 4

    def _columns(self):
        """(title, width, format) of each column, in the order of the approval form."""
        return [
            (self.env._("No."), 6, "center"),  # STT
            (self.env._("Package name"), 42, "text"),  # Tên gói thầu
            (self.env._("Field"), 16, "text"),  # Lĩnh vực
            (self.env._("Package price (VND)"), 18, "money"),  # Giá gói thầu
            (self.env._("Funding source"), 22, "text"),  # Nguồn vốn
            (self.env._("Contractor selection method"), 22, "text"),  # Hình thức lựa chọn nhà thầu
            (self.env._("Contractor selection procedure"), 20, "text"),  # Phương thức lựa chọn nhà thầu
            (self.env._("Selection start"), 16, "text"),  # Thời gian bắt đầu tổ chức lựa chọn nhà thầu
            (self.env._("Contract type"), 16, "text"),  # Loại hợp đồng
            (self.env._("Contract duration (days)"), 14, "integer"),  # Thời gian thực hiện hợp đồng
            (self.env._("Purchase option (%)"), 12, "percent"),  # Tùy chọn mua thêm
            (self.env._("Online bidding"), 14, "center"),  # Giám sát hoạt động đấu thầu / qua mạng
        ]

    def _method_label(self, package):
        """The selection method as the form writes it: domestic unless international."""
        label = self._selection_label(package, "selection_method")
        if package.international:
            label = self.env._("%(method)s, international", method=label)
        return label

    def _package_values(self, index, package):
        return [
            index,
            f"{package.number} - {package.name}",
            self._selection_label(package, "package_field"),
            package.price,
            package.funding_source_id.name,
            self._method_label(package),
            self._selection_label(package, "procedure"),
            package.selection_start,
            self._selection_label(package, "contract_type"),
            package.duration_days or False,
            package.purchase_option_percent or False,
            self.env._("Yes") if package.online else self.env._("No"),
        ]

    def generate_xlsx_report(self, workbook, data, objs):
        fmt = self._formats(workbook)
        columns = self._columns()
        formats = [fmt[kind] for _title, _width, kind in columns]
        last_col = len(columns) - 1
        for plan in objs:
            sheet = workbook.add_worksheet(plan.decision_number or plan.name)
            # Rows are written strictly in order (constant-memory mode).
            sheet.merge_range(0, 0, 0, last_col, plan.name, fmt["title"])
            if plan.decision_number:
                decision = self.env._(
                    "Approved by decision %(number)s of %(date)s",
                    number=plan.decision_number,
                    date=plan.approval_date.strftime("%d/%m/%Y") if plan.approval_date else "",
                )
            else:
                decision = self.env._("Draft, not approved yet")
            sheet.merge_range(1, 0, 1, last_col, decision, fmt["subtitle"])
            sheet.merge_range(
                2,
                0,
                2,
                last_col,
                plan.investment_project_id.display_name or self.env._("Recurrent budget"),
                fmt["subtitle"],
            )
            sheet.set_row(self.HEADER_ROW, 45)
            self._write_header(sheet, self.HEADER_ROW, [(title, width) for title, width, _k in columns], fmt)
            row = self.HEADER_ROW + 1
            packages = plan.package_ids.filtered(lambda p: p.state != "cancelled")
            total = 0.0
            for index, package in enumerate(packages, start=1):
                self._write_row(sheet, row, self._package_values(index, package), formats)
                total += package.price
                row += 1
            sheet.write_string(row, 0, "", fmt["total_label"])
            sheet.write_string(row, 1, self.env._("Total"), fmt["total_label"])
            sheet.write_string(row, 2, "", fmt["total_label"])
            sheet.write_number(row, 3, plan.currency_id.round(total), fmt["total"])
            for col in range(4, last_col + 1):
                sheet.write_blank(row, col, None, fmt["total_label"])
