from odoo import models

BATCH = 1000


class TtcpXlsxCommon(models.AbstractModel):
    """Shared formats and streaming for the suite's XLSX exports.

    Workbooks are written in xlsxwriter's constant-memory mode (rows flushed as they
    are written) and records are read in batches, so a large export keeps a flat
    memory profile.
    """

    _name = "report.ttcp_procurement.xlsx_common"
    _inherit = "report.report_xlsx.abstract"
    _description = "TTCP XLSX export helpers"

    def get_workbook_options(self):
        return {"constant_memory": True}

    def _formats(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 13}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#DDE3EA", "border": 1, "text_wrap": True}
            ),
            "text": workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
            "money": workbook.add_format({"border": 1, "num_format": "#,##0"}),
            "percent": workbook.add_format({"border": 1, "num_format": "0.0"}),
            "date": workbook.add_format({"border": 1, "num_format": "dd/mm/yyyy"}),
            "total": workbook.add_format({"bold": True, "border": 1, "num_format": "#,##0"}),
        }

    @staticmethod
    def _batches(records):
        for start in range(0, len(records), BATCH):
            batch = records[start : start + BATCH]
            yield batch
            batch.invalidate_recordset()

    def _selection_label(self, record, field):
        return dict(record._fields[field]._description_selection(self.env)).get(record[field], "")

    def _write_row(self, sheet, row, values, formats):
        for col, (value, fmt) in enumerate(zip(values, formats, strict=True)):
            if value is False or value is None:
                sheet.write_blank(row, col, None, fmt)
            elif fmt.num_format == "dd/mm/yyyy":
                sheet.write_datetime(row, col, value, fmt)
            else:
                sheet.write(row, col, value, fmt)
