from odoo import models


class UncoveredAssetsXlsx(models.AbstractModel):
    """Assets in service with neither a running warranty nor a maintenance contract."""

    _name = "report.ttcp_it_assets.uncovered_assets_xlsx"
    _inherit = "report.ttcp_procurement.xlsx_common"
    _description = "Assets without warranty or coverage XLSX"

    def _assets(self):
        return self.env["maintenance.equipment"].search(
            [("support_state", "=", "none")], order="department_id, site_id, category_id, asset_code"
        )

    def generate_xlsx_report(self, workbook, data, objs):
        _ = self.env._
        fmt = self._formats(workbook)
        assets = self._assets()
        sheet = workbook.add_worksheet(_("Not covered"))
        sheet.write_string(0, 0, _("Assets with neither warranty nor maintenance contract"), fmt["title"])
        sheet.write_string(1, 0, _("%(count)s assets", count=len(assets)), fmt["subtitle"])
        columns = [
            (_("Asset code"), 14),
            (_("Name"), 30),
            (_("Category"), 18),
            (_("Serial number"), 18),
            (_("Department"), 24),
            (_("Site"), 24),
            (_("Status"), 14),
            (_("Warranty end"), 13),
            (_("Supplied under contract"), 28),
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
                        self._selection_label(asset, "asset_state"),
                        asset.warranty_end,
                        asset.source_contract_id.display_name,
                    ],
                    [fmt["text"]] * 7 + [fmt["date"], fmt["text"]],
                )
                row += 1
