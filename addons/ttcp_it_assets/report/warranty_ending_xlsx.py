from datetime import timedelta

from odoo import fields, models


class WarrantyEndingXlsx(models.AbstractModel):
    """Assets whose warranty ends in the next days (90 by default)."""

    _name = "report.ttcp_it_assets.warranty_ending_xlsx"
    _inherit = "report.ttcp_procurement.xlsx_common"
    _description = "Warranties ending XLSX"

    def _assets(self, data):
        as_of = self._as_of(data)
        days = int((data or {}).get("days") or 90)
        return (
            self.env["maintenance.equipment"].search(
                [("warranty_end", ">=", as_of), ("warranty_end", "<=", as_of + timedelta(days=days))],
                order="warranty_end, asset_code",
            ),
            as_of,
            days,
        )

    def generate_xlsx_report(self, workbook, data, objs):
        _ = self.env._
        fmt = self._formats(workbook)
        assets, as_of, days = self._assets(data)
        sheet = workbook.add_worksheet(_("Warranties ending"))
        sheet.write_string(0, 0, _("Warranties ending within %(days)s days", days=days), fmt["title"])
        sheet.write_string(1, 0, _("As of %(date)s", date=as_of.strftime("%d/%m/%Y")), fmt["subtitle"])
        columns = [
            (_("Asset code"), 14),
            (_("Name"), 30),
            (_("Category"), 18),
            (_("Serial number"), 18),
            (_("Department"), 24),
            (_("Site"), 24),
            (_("Supplied under contract"), 28),
            (_("Contractor"), 28),
            (_("Warranty end"), 13),
            (_("Days left"), 10),
            (_("Maintenance contract"), 26),
        ]
        self._write_header(sheet, 3, columns, fmt)
        row = 4
        for batch in self._batches(assets):
            for asset in batch:
                self._write_row(
                    sheet,
                    row,
                    [
                        asset.asset_code,
                        asset.name,
                        asset.category_id.name,
                        asset.serial_no,
                        asset.department_id.complete_name,
                        asset.site_id.complete_name,
                        asset.source_contract_id.display_name,
                        asset.source_contract_id.partner_id.name or asset.partner_id.name,
                        asset.warranty_end,
                        (asset.warranty_end - fields.Date.to_date(as_of)).days,
                        asset.maintenance_contract_id.display_name,
                    ],
                    [fmt["text"]] * 8 + [fmt["date"], fmt["integer"], fmt["text"]],
                )
                row += 1
