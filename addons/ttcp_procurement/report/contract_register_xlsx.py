from odoo import models


class ContractRegisterXlsx(models.AbstractModel):
    """The contract register: one row per contract, streamed in batches, and a total row."""

    _name = "report.ttcp_procurement.contract_register_xlsx"
    _inherit = "report.ttcp_procurement.xlsx_common"
    _description = "Contract register (XLSX)"

    HEADER_ROW = 2
    # Contract fields read per batch (stored columns only: one query per batch).
    FIELDS = [
        "number",
        "name",
        "partner_id",
        "package_id",
        "investment_project_id",
        "sign_date",
        "effective_date",
        "end_date",
        "value",
        "value_in_force",
        "amount_paid",
        "advance_outstanding",
        "payment_rate",
        "state",
        "currency_id",
    ]

    def _columns(self):
        return [
            (self.env._("Number"), 18, "text"),
            (self.env._("Contract"), 40, "text"),
            (self.env._("Contractor"), 30, "text"),
            (self.env._("Package"), 30, "text"),
            (self.env._("Project"), 35, "text"),
            (self.env._("Signed on"), 12, "date"),
            (self.env._("Effective on"), 12, "date"),
            (self.env._("Ends on"), 12, "date"),
            (self.env._("Signed value"), 17, "money"),
            (self.env._("Value in force"), 17, "money"),
            (self.env._("Paid"), 17, "money"),
            (self.env._("Advance outstanding"), 17, "money"),
            (self.env._("Paid (%)"), 10, "percent"),
            (self.env._("Status"), 14, "text"),
        ]

    def _contract_values(self, contract, states):
        return [
            contract.number,
            contract.name,
            contract.partner_id.display_name,
            contract.package_id.display_name,
            contract.investment_project_id.display_name,
            contract.sign_date,
            contract.effective_date,
            contract.end_date,
            contract.value,
            contract.value_in_force,
            contract.amount_paid,
            contract.advance_outstanding,
            contract.payment_rate,
            states.get(contract.state, ""),
        ]

    def generate_xlsx_report(self, workbook, data, objs):
        fmt = self._formats(workbook)
        columns = self._columns()
        formats = [fmt[kind] for _title, _width, kind in columns]
        states = dict(objs._fields["state"]._description_selection(self.env))
        sheet = workbook.add_worksheet(self.env._("Contracts"))
        sheet.write_string(0, 0, self.env._("Contract register"), fmt["title"])
        sheet.set_row(self.HEADER_ROW, 30)
        self._write_header(sheet, self.HEADER_ROW, [(title, width) for title, width, _k in columns], fmt)
        sheet.freeze_panes(self.HEADER_ROW + 1, 2)
        # The register's order (signature date, newest first), whatever order the ids came in.
        contracts = objs.search([("id", "in", objs.ids)]) if objs else objs
        row = self.HEADER_ROW + 1
        totals = [0.0] * 4  # signed value, value in force, paid, advance outstanding
        for batch in self._batches(contracts, self.FIELDS):
            for contract in batch:
                values = self._contract_values(contract, states)
                self._write_row(sheet, row, values, formats)
                for i, amount in enumerate(values[8:12]):
                    totals[i] += amount
                row += 1
        sheet.write_string(row, 0, self.env._("Total"), fmt["total_label"])
        sheet.write_string(
            row, 1, self.env._("Contracts: %(count)s", count=len(contracts)), fmt["total_label"]
        )
        for col in range(2, 8):
            sheet.write_blank(row, col, None, fmt["total_label"])
        for col, amount in enumerate(totals, start=8):
            sheet.write_number(row, col, amount, fmt["total"])
        rate = round(totals[2] / totals[1] * 100, 2) if totals[1] else 0.0
        sheet.write_number(row, 12, rate, fmt["total_percent"])
        sheet.write_blank(row, 13, None, fmt["total_label"])
