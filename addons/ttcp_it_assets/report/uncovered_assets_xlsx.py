from odoo import models


class UncoveredAssetsXlsx(models.AbstractModel):
    """Assets in service with neither a running warranty nor a maintenance contract."""

    _name = "report.ttcp_it_assets.uncovered_assets_xlsx"
    _inherit = "report.ttcp_it_assets.asset_xlsx_common"
    _description = "Assets without warranty or coverage XLSX"

    def _assets(self):
        return self.env["maintenance.equipment"].search(
            [("support_state", "=", "none")], order="department_id, site_id, category_id, asset_code"
        )

    def generate_xlsx_report(self, workbook, data, objs):
        _ = self.env._
        fmt = self._formats(workbook)
        assets = self._assets()
        self._write_asset_sheet(
            workbook,
            fmt,
            _("Not covered"),
            (
                _("Assets with neither warranty nor maintenance contract"),
                _("%(count)s assets", count=len(assets)),
            ),
            assets,
            [
                "asset_code",
                "name",
                "category",
                "serial_no",
                "department",
                "site",
                "state",
                "warranty_end",
                "source_contract",
            ],
        )
