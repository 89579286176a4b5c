from odoo import models


class ContractRegisterXlsx(models.AbstractModel):
    """The contract register: one row per contract, read in batches."""

    _name = "report.ttcp_procurement.contract_register_xlsx"
    _inherit = "report.ttcp_procurement.xlsx_common"
    _description = "Contract register (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        fmt = self._formats(workbook)
        _ = self.env._
        sheet = workbook.add_worksheet(_("Contracts"))
        columns = [
            (_("Number"), 18, "text"),
            (_("Contract"), 40, "text"),
            (_("Contractor"), 30, "text"),
            (_("Package"), 30, "text"),
            (_("Project"), 35, "text"),
            (_("Signed on"), 12, "date"),
            (_("Effective on"), 12, "date"),
            (_("Ends on"), 12, "date"),
            (_("Signed value"), 16, "money"),
            (_("Value in force"), 16, "money"),
            (_("Paid"), 16, "money"),
            (_("Advance outstanding"), 16, "money"),
            (_("Paid (%)"), 10, "percent"),
            (_("Status"), 14, "text"),
        ]
        sheet.write(0, 0, _("Contract register"), fmt["title"])
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
