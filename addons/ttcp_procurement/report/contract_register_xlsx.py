from odoo import models


class ContractRegisterXlsx(models.AbstractModel):
    """The contract register: one row per contract, read in batches."""

    _name = "report.ttcp_procurement.contract_register_xlsx"
    _inherit = "report.ttcp_procurement.xlsx_common"
    _description = "Contract register (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        fmt = self._formats(workbook)
        sheet = workbook.add_worksheet(self.env._("Contracts"))
        columns = [
            (self.env._("Number"), 18, "text"),
            (self.env._("Contract"), 40, "text"),
            (self.env._("Contractor"), 30, "text"),
            (self.env._("Package"), 30, "text"),
            (self.env._("Project"), 35, "text"),
            (self.env._("Signed on"), 12, "date"),
            (self.env._("Effective on"), 12, "date"),
            (self.env._("Ends on"), 12, "date"),
            (self.env._("Signed value"), 16, "money"),
            (self.env._("Value in force"), 16, "money"),
            (self.env._("Paid"), 16, "money"),
            (self.env._("Advance outstanding"), 16, "money"),
            (self.env._("Paid (%)"), 10, "percent"),
            (self.env._("Status"), 14, "text"),
        ]
        sheet.write(0, 0, self.env._("Contract register"), fmt["title"])
        for col, (title, width, _kind) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(2, col, title, fmt["header"])
        row = 3
        formats = [fmt[kind] for _title, _width, kind in columns]
        for batch in self._batches(objs):
            for contract in batch:
                self._write_row(
                    sheet,
                    row,
                    [
                        contract.number,
                        contract.name,
                        contract.partner_id.display_name,
                        contract.package_id.display_name,
                        contract.investment_project_id.display_name or "",
                        contract.sign_date,
                        contract.effective_date,
                        contract.end_date,
                        contract.value,
                        contract.value_in_force,
                        contract.amount_paid,
                        contract.advance_outstanding,
                        contract.payment_rate,
                        self._selection_label(contract, "state"),
                    ],
                    formats,
                )
                row += 1
