import base64
import io
from datetime import datetime

from openpyxl import Workbook, load_workbook

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.ttcp_it_assets.wizard.asset_import_wizard import COLUMNS

from .common import TtcpAssetsCase


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([title for _key, title, _required in COLUMNS])
    keys = [key for key, _title, _required in COLUMNS]
    for row in rows:
        sheet.append([row.get(key) for key in keys])
    output = io.BytesIO()
    workbook.save(output)
    return base64.b64encode(output.getvalue())


@tagged("post_install", "-at_install")
class TestImport(TtcpAssetsCase):
    def _import(self, rows):
        wizard = self.env["ttcp.asset.import.wizard"].create({"file": _xlsx(rows), "filename": "assets.xlsx"})
        return wizard, wizard.action_import

    def test_good_file(self):
        before = self.Equipment.search_count([])
        wizard, run = self._import(
            [
                {
                    "name": "PC Vụ II",
                    "category": "Desktop computers",
                    "serial_no": "IMP-001",
                    "site": "T-HQ",
                    "department": self.dept_other.name,
                    "asset_state": "in_use",
                    "ip_address": "10.1.2.3",
                    "acceptance_date": datetime(2025, 5, 2),
                    "warranty_end": "01/05/2028",
                    "contract": self.contract_a.number,
                },
                {"name": "Token", "category": "TOKEN", "serial_no": 4455, "asset_state": "In stock"},
            ]
        )
        action = run()
        assets = self.Equipment.browse(action["domain"][0][2])
        self.assertEqual(self.Equipment.search_count([]), before + 2)
        pc = assets.filtered(lambda a: a.serial_no == "IMP-001")
        self.assertEqual(pc.site_id, self.site_hq)
        self.assertEqual(pc.department_id, self.dept_other)
        self.assertEqual(str(pc.warranty_end), "2028-05-01")
        self.assertEqual(pc.source_contract_id, self.contract_a)
        self.assertTrue(pc.asset_code.startswith("MTB-"))
        token = assets - pc
        self.assertEqual(token.serial_no, "4455")
        self.assertEqual(token.asset_state, "in_stock")
        self.assertEqual(wizard.imported_count, 2)

    def test_bad_rows_import_nothing_and_are_named(self):
        before = self.Equipment.with_context(active_test=False).search_count([])
        _wizard, run = self._import(
            [
                {"name": "OK row", "category": "Desktop computers", "serial_no": "IMP-100"},
                {"name": "Repeats row 2", "category": "Desktop computers", "serial_no": "IMP-100"},
                {
                    "name": "Already registered",
                    "category": "Desktop computers",
                    "serial_no": self.desktop.serial_no,
                },
                {"name": "Unknown category", "category": "Teleporters"},
                {"name": "Bad date", "category": "Laptops", "warranty_end": "31/02/2027"},
                {"name": "Bad IP", "category": "Laptops", "ip_address": "300.1.1.1"},
                {"category": "Laptops"},
                {"name": "Code taken", "category": "Laptops", "asset_code": self.desktop.asset_code},
            ]
        )
        with self.assertRaises(UserError) as caught:
            run()
        message = str(caught.exception)
        self.assertIn("Nothing was imported", message)
        self.assertIn("Row 3: serial number IMP-100 repeats row 2", message)
        self.assertIn(f"Row 4: serial number {self.desktop.serial_no} is already registered", message)
        self.assertIn("Row 5: category Teleporters is unknown", message)
        self.assertIn("Row 6: warranty end 31/02/2027 is not a date", message)
        self.assertIn("Row 8:", message)
        self.assertIn(f"Row 9: asset code {self.desktop.asset_code} is already registered", message)
        self.assertEqual(self.Equipment.with_context(active_test=False).search_count([]), before)

    def test_constraint_errors_roll_back_every_row(self):
        before = self.Equipment.search_count([])
        _wizard, run = self._import(
            [
                {"name": "Good one", "category": "Laptops", "serial_no": "IMP-200"},
                {"name": "Bad IP", "category": "Laptops", "ip_address": "300.1.1.1"},
            ]
        )
        with self.assertRaisesRegex(UserError, "Row 3: 300.1.1.1 is not a valid IPv4 address"):
            run()
        self.assertEqual(self.Equipment.search_count([]), before)
        self.assertFalse(self.Equipment.search([("serial_no", "=", "IMP-200")]))

    def test_template(self):
        wizard = self.env["ttcp.asset.import.wizard"].create({})
        action = wizard.action_download_template()
        self.assertIn("template_file", action["url"])
        workbook = load_workbook(io.BytesIO(base64.b64decode(wizard.template_file)))
        headers = [cell.value for cell in workbook["Assets"][1]]
        self.assertEqual(headers[1], "Name / Tên thiết bị *")
        self.assertEqual(len(headers), len(COLUMNS))
        categories = [
            row[0] for row in workbook["Lists"].iter_rows(min_row=2, max_col=1, values_only=True) if row[0]
        ]
        self.assertIn("Desktop computers", categories)
