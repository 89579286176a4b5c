from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.ttcp_procurement.report.xlsx_common import BATCH


class AssetXlsxCommon(models.AbstractModel):
    """The asset columns the registry's XLSX exports share, and one way to write them."""

    _name = "report.ttcp_it_assets.asset_xlsx_common"
    _inherit = "report.ttcp_procurement.xlsx_common"
    _description = "TTCP asset XLSX helpers"

    def _asset_columns(self):
        """{key: (title, width, format key, value of a row of ``_asset_rows``)}."""
        _ = self.env._
        # Selection labels looked up once per export, not once per row.
        Equipment = self.env["maintenance.equipment"]
        states = dict(Equipment._fields["asset_state"]._description_selection(self.env))
        supports = dict(Equipment._fields["support_state"]._description_selection(self.env))
        return {
            "asset_code": (_("Asset code"), 14, "text", lambda r: r["asset_code"]),
            "name": (_("Name"), 30, "text", lambda r: r["name"]),
            "category": (_("Category"), 18, "text", lambda r: r["category"]),
            "serial_no": (_("Serial number"), 18, "text", lambda r: r["serial_no"]),
            "model": (_("Model"), 16, "text", lambda r: r["model"]),
            "department": (_("Department"), 24, "text", lambda r: r["department"]),
            "employee": (_("Employee"), 20, "text", lambda r: r["employee"]),
            "site": (_("Site"), 24, "text", lambda r: r["site"]),
            "state": (_("Status"), 14, "text", lambda r: states.get(r["asset_state"], "")),
            "source_contract": (_("Supplied under contract"), 28, "text", lambda r: r["source_contract"]),
            "supplier": (_("Contractor"), 28, "text", lambda r: r["supplier"]),
            "project": (_("Investment project"), 28, "text", lambda r: r["project"]),
            "acceptance_date": (_("Acceptance date"), 13, "date", lambda r: r["acceptance_date"]),
            "warranty_end": (_("Warranty end"), 13, "date", lambda r: r["warranty_end"]),
            "maintenance_contract": (
                _("Maintenance contract"),
                26,
                "text",
                lambda r: r["maintenance_contract"],
            ),
            "support": (_("Support"), 18, "text", lambda r: supports.get(r["support_state"], "")),
            "ip_address": (_("IP address"), 15, "text", lambda r: r["ip_address"]),
            "mac_address": (_("MAC address"), 19, "text", lambda r: r["mac_address"]),
        }

    def _asset_rows(self, assets):
        """Yield one dict of plain values per asset of ``assets``, in their order.

        The assets were found by the ORM (record rules applied); their columns and the names of
        their category, department, employee, site and supplier are read by one query per
        batch, and the display names of their contracts and projects once per export through
        the ORM. No record is loaded per row, so 100,000 assets cost a few hundred queries and
        a flat memory profile.
        """
        env = self.env
        Equipment = env["maintenance.equipment"]
        Equipment.flush_model()
        for model, names in (
            ("maintenance.equipment.category", ["name"]),
            ("hr.department", ["complete_name"]),
            ("hr.employee", ["name"]),
            ("ttcp.site", ["complete_name"]),
            ("ttcp.contract", ["partner_id"]),
            ("res.partner", ["name"]),
        ):
            env[model].flush_model(names)
        lang = env.lang or "en_US"
        today = fields.Date.context_today(self)
        names = {"ttcp.contract": {}, "ttcp.investment.project": {}}

        def display_names(model, ids):
            cache = names[model]
            missing = [i for i in ids if i and i not in cache]
            for record in env[model].browse(missing):
                cache[record.id] = record.display_name
            return cache

        ids = assets.ids
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            rows = env.execute_query_dict(
                SQL(
                    """
                    SELECT e.id, e.asset_code,
                           COALESCE(e.name->>%(lang)s, e.name->>'en_US') AS name,
                           COALESCE(cat.name->>%(lang)s, cat.name->>'en_US') AS category,
                           e.serial_no, e.model, d.complete_name AS department,
                           emp.name AS employee, s.complete_name AS site, e.asset_state,
                           e.source_contract_id, e.investment_project_id, e.maintenance_contract_id,
                           e.acceptance_date, e.warranty_end, e.ip_address, e.mac_address,
                           COALESCE(sp.name, p.name) AS supplier
                      FROM maintenance_equipment e
                      LEFT JOIN maintenance_equipment_category cat ON cat.id = e.category_id
                      LEFT JOIN hr_department d ON d.id = e.department_id
                      LEFT JOIN hr_employee emp ON emp.id = e.employee_id
                      LEFT JOIN ttcp_site s ON s.id = e.site_id
                      LEFT JOIN ttcp_contract sc ON sc.id = e.source_contract_id
                      LEFT JOIN res_partner sp ON sp.id = sc.partner_id
                      LEFT JOIN res_partner p ON p.id = e.partner_id
                     WHERE e.id = ANY(%(ids)s)
                    """,
                    lang=lang,
                    ids=chunk,
                )
            )
            contracts = display_names(
                "ttcp.contract",
                {r["source_contract_id"] for r in rows} | {r["maintenance_contract_id"] for r in rows},
            )
            projects = display_names("ttcp.investment.project", {r["investment_project_id"] for r in rows})
            by_id = {}
            for row in rows:
                row["source_contract"] = contracts.get(row["source_contract_id"])
                row["maintenance_contract"] = contracts.get(row["maintenance_contract_id"])
                row["project"] = projects.get(row["investment_project_id"])
                row["support_state"] = Equipment._support_state_of(
                    row["warranty_end"], bool(row["maintenance_contract_id"]), today
                )
                by_id[row["id"]] = row
            for asset_id in chunk:
                yield by_id[asset_id]
            env.invalidate_all()

    def _write_asset_sheet(self, workbook, fmt, name, titles, assets, keys, extra=None):
        """One sheet: ``titles`` (title, subtitle) then one row per asset with the ``keys`` columns.

        ``extra`` adds columns of the same shape as ``_asset_columns`` (e.g. days left).
        """
        columns = dict(self._asset_columns(), **(extra or {}))
        chosen = [columns[key] for key in keys]
        sheet = workbook.add_worksheet(name)
        sheet.write_string(0, 0, titles[0], fmt["title"])
        sheet.write_string(1, 0, titles[1], fmt["subtitle"])
        self._write_header(sheet, 3, [(title, width) for title, width, _fmt, _get in chosen], fmt)
        formats = [fmt[fmt_key] for _title, _width, fmt_key, _get in chosen]
        getters = [get for _title, _width, _fmt, get in chosen]
        write_row = self._write_row
        for row, values in enumerate(self._asset_rows(assets), start=4):
            write_row(sheet, row, [get(values) for get in getters], formats)
        return sheet
