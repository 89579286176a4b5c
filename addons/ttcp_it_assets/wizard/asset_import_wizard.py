import base64
import io
from datetime import date, datetime

import psycopg2
import xlsxwriter

from odoo import fields, models
from odoo.exceptions import UserError

try:
    from openpyxl import load_workbook
except ImportError:  # pragma: no cover - declared in the manifest's external dependencies
    load_workbook = None


class _Rollback(Exception):
    """Undo every row of an import that has a bad row."""


# (key, header in the template, required)
COLUMNS = [
    ("asset_code", "Asset code / Mã tài sản", False),
    ("name", "Name / Tên thiết bị", True),
    ("category", "Category / Loại", True),
    ("serial_no", "Serial number / Số sê-ri", False),
    ("model", "Model", False),
    ("site", "Site code / Mã địa điểm", False),
    ("department", "Department / Đơn vị sử dụng", False),
    ("employee", "Employee / Người sử dụng", False),
    ("asset_state", "Status / Tình trạng", False),
    ("ip_address", "IP address", False),
    ("mac_address", "MAC address", False),
    ("acceptance_date", "Acceptance date / Ngày nghiệm thu", False),
    ("warranty_end", "Warranty end / Hết bảo hành", False),
    ("contract", "Contract number / Số hợp đồng", False),
]


class AssetImportWizard(models.TransientModel):
    """Import assets from the registry's spreadsheet template, all rows or none."""

    _name = "ttcp.asset.import.wizard"
    _description = "Import assets from a spreadsheet"

    file = fields.Binary("Spreadsheet (.xlsx)")
    filename = fields.Char()
    template_file = fields.Binary(attachment=False, readonly=True)
    imported_count = fields.Integer(readonly=True)

    # ------------------------------------------------------------------
    # Template
    # ------------------------------------------------------------------
    def _template_content(self):
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet("Assets")
        header = workbook.add_format({"bold": True, "bg_color": "#DDE3EA", "border": 1, "text_wrap": True})
        required = workbook.add_format({"bold": True, "bg_color": "#F8D7A9", "border": 1, "text_wrap": True})
        for col, (_key, title, is_required) in enumerate(COLUMNS):
            sheet.set_column(col, col, 22)
            sheet.write_string(
                0, col, title + (" *" if is_required else ""), required if is_required else header
            )
        help_sheet = workbook.add_worksheet("Lists")
        help_sheet.write_string(0, 0, "Categories / Loại")
        for row, category in enumerate(self.env["maintenance.equipment.category"].search([]), start=1):
            help_sheet.write_string(row, 0, category.name)
        help_sheet.write_string(0, 1, "Site codes / Mã địa điểm")
        for row, site in enumerate(self.env["ttcp.site"].search([("code", "!=", False)]), start=1):
            help_sheet.write_string(row, 1, f"{site.code} ({site.complete_name})")
        help_sheet.write_string(0, 2, "Status / Tình trạng")
        states = self.env["maintenance.equipment"]._fields["asset_state"].selection
        for row, (code, label) in enumerate(states, start=1):
            help_sheet.write_string(row, 2, f"{code} ({label})")
        help_sheet.set_column(0, 2, 32)
        workbook.close()
        return output.getvalue()

    def action_download_template(self):
        self.ensure_one()
        self.template_file = base64.b64encode(self._template_content())
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/template_file/"
            "asset_import_template.xlsx?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # Import
    # ------------------------------------------------------------------
    def _read_rows(self):
        """[(row number, {key: value})] of the first sheet, blank rows skipped."""
        if not self.file:
            raise UserError(self.env._("Choose the spreadsheet to import."))
        try:
            workbook = load_workbook(io.BytesIO(base64.b64decode(self.file)), read_only=True, data_only=True)
        except Exception as error:
            raise UserError(
                self.env._("The file is not an .xlsx spreadsheet: %(error)s", error=str(error))
            ) from error
        sheet = workbook.worksheets[0]
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number == 1:
                continue
            values = list(values) + [None] * (len(COLUMNS) - len(values))
            if all(value in (None, "") for value in values):
                continue
            row = {}
            for (key, _title, _required), value in zip(COLUMNS, values, strict=False):
                if isinstance(value, str):
                    value = value.strip() or None
                elif (
                    isinstance(value, float)
                    and value.is_integer()
                    and key not in ("acceptance_date", "warranty_end")
                ):
                    value = str(int(value))
                elif isinstance(value, int | float) and key not in ("acceptance_date", "warranty_end"):
                    value = str(value)
                row[key] = value
            rows.append((number, row))
        return rows

    def _duplicate_serial_errors(self, numbered_serials, label=None):
        """Messages for serial numbers repeated in the list or already in the registry."""
        errors = []
        seen = {}
        for number, serial in numbered_serials:
            if not serial:
                continue
            if serial in seen:
                errors.append(
                    self.env._(
                        "Row %(row)s: serial number %(serial)s repeats row %(first)s.",
                        row=number,
                        serial=serial,
                        first=seen[serial],
                    )
                )
            else:
                seen[serial] = number
        existing = (
            self.env["maintenance.equipment"]
            .sudo()
            .with_context(active_test=False)
            .search([("serial_no", "in", list(seen))])
        )
        for asset in existing:
            errors.append(
                self.env._(
                    "Row %(row)s: serial number %(serial)s is already registered (%(asset)s).",
                    row=seen[asset.serial_no],
                    serial=asset.serial_no,
                    asset=asset.asset_code or asset.name,
                )
            )
        return errors

    def _find(self, model, domain, what, value, number, errors):
        record = self.env[model].search(domain, limit=2)
        if len(record) != 1:
            errors.append(
                self.env._(
                    "Row %(row)s: %(what)s %(value)s %(problem)s.",
                    row=number,
                    what=what,
                    value=value,
                    problem=self.env._("is unknown") if not record else self.env._("is ambiguous"),
                )
            )
            return None
        return record

    def _to_date(self, value, column, number, errors):
        if value in (None, ""):
            return False
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(str(value), pattern).date()
            except ValueError:
                continue
        errors.append(
            self.env._(
                "Row %(row)s: %(column)s %(value)s is not a date (dd/mm/yyyy).",
                row=number,
                column=column,
                value=value,
            )
        )
        return False

    def _row_values(self, number, row, errors):
        missing = [title for key, title, required in COLUMNS if required and not row.get(key)]
        if missing:
            errors.append(
                self.env._("Row %(row)s: %(columns)s missing.", row=number, columns=", ".join(missing))
            )
            return None
        vals = {"name": row["name"]}
        category = self._find(
            "maintenance.equipment.category",
            ["|", ("name", "=ilike", row["category"]), ("code_prefix", "=ilike", row["category"])],
            self.env._("category"),
            row["category"],
            number,
            errors,
        )
        vals["category_id"] = category.id if category else False
        for key in ("asset_code", "serial_no", "model", "ip_address", "mac_address"):
            if row.get(key):
                vals[key] = row[key]
        if row.get("site"):
            site = self._find(
                "ttcp.site",
                ["|", ("code", "=ilike", row["site"]), ("name", "=ilike", row["site"])],
                self.env._("site"),
                row["site"],
                number,
                errors,
            )
            vals["site_id"] = site.id if site else False
        if row.get("department"):
            department = self._find(
                "hr.department",
                ["|", ("name", "=ilike", row["department"]), ("complete_name", "=ilike", row["department"])],
                self.env._("department"),
                row["department"],
                number,
                errors,
            )
            vals["department_id"] = department.id if department else False
            vals["equipment_assign_to"] = "department"
        if row.get("employee"):
            employee = self._find(
                "hr.employee",
                [("name", "=ilike", row["employee"])],
                self.env._("employee"),
                row["employee"],
                number,
                errors,
            )
            vals["employee_id"] = employee.id if employee else False
            vals["equipment_assign_to"] = "employee"
        if row.get("asset_state"):
            states = self.env["maintenance.equipment"]._fields["asset_state"]._description_selection(self.env)
            by_text = {}
            for code, label in states + self.env["maintenance.equipment"]._fields["asset_state"].selection:
                by_text[code.lower()] = code
                by_text[label.lower()] = code
            state = by_text.get(str(row["asset_state"]).lower())
            if not state:
                errors.append(
                    self.env._(
                        "Row %(row)s: status %(value)s is unknown.", row=number, value=row["asset_state"]
                    )
                )
            vals["asset_state"] = state or "in_stock"
        if row.get("contract"):
            contract = self._find(
                "ttcp.contract",
                [("number", "=", row["contract"])],
                self.env._("contract"),
                row["contract"],
                number,
                errors,
            )
            vals["source_contract_id"] = contract.id if contract else False
        acceptance = self._to_date(row.get("acceptance_date"), self.env._("acceptance date"), number, errors)
        warranty = self._to_date(row.get("warranty_end"), self.env._("warranty end"), number, errors)
        if acceptance:
            vals["acceptance_date"] = acceptance
            vals["effective_date"] = acceptance
        if warranty:
            vals["warranty_end"] = warranty
        return vals

    def action_import(self):
        """Check every row; import them all, or none and list the offending rows."""
        self.ensure_one()
        rows = self._read_rows()
        if not rows:
            raise UserError(self.env._("The spreadsheet has no asset row."))
        errors = self._duplicate_serial_errors([(number, row.get("serial_no")) for number, row in rows])
        codes = {}
        for number, row in rows:
            code = row.get("asset_code")
            if not code:
                continue
            if code in codes:
                errors.append(
                    self.env._(
                        "Row %(row)s: asset code %(code)s repeats row %(first)s.",
                        row=number,
                        code=code,
                        first=codes[code],
                    )
                )
            else:
                codes[code] = number
        for asset in (
            self.env["maintenance.equipment"]
            .sudo()
            .with_context(active_test=False)
            .search([("asset_code", "in", list(codes))])
        ):
            errors.append(
                self.env._(
                    "Row %(row)s: asset code %(code)s is already registered.",
                    row=codes[asset.asset_code],
                    code=asset.asset_code,
                )
            )
        prepared = [(number, self._row_values(number, row, errors)) for number, row in rows]
        assets = self.env["maintenance.equipment"]
        if not errors:
            try:
                with self.env.cr.savepoint():
                    for number, vals in prepared:
                        try:
                            with self.env.cr.savepoint():
                                asset = self.env["maintenance.equipment"].create(vals)
                                asset.flush_recordset()
                                assets |= asset
                        except (UserError, psycopg2.IntegrityError) as error:
                            message = error.args[0] if isinstance(error, UserError) else str(error.pgerror)
                            errors.append(self.env._("Row %(row)s: %(error)s", row=number, error=message))
                    if errors:
                        raise _Rollback()
            except _Rollback:
                assets = self.env["maintenance.equipment"]
        if errors:
            raise UserError(
                self.env._("Nothing was imported. Correct these rows and import the file again:")
                + "\n"
                + "\n".join(errors)
            )
        self.imported_count = len(assets)
        action = self.env["ir.actions.act_window"]._for_xml_id("ttcp_it_assets.action_asset_registry")
        action["domain"] = [("id", "in", assets.ids)]
        action["context"] = {}
        return action
