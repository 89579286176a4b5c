import io
from datetime import timedelta

from openpyxl import load_workbook

from odoo import fields
from odoo.tests import tagged

from .common import TtcpAssetsCase, utc


@tagged("post_install", "-at_install")
class TestXlsx(TtcpAssetsCase):
    def _render(self, xmlid, data, ids=None):
        content, kind = self.env["ir.actions.report"]._render_xlsx(xmlid, ids or [], data)
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content), read_only=True)

    @staticmethod
    def _rows(sheet, first):
        return [
            list(row)
            for row in sheet.iter_rows(min_row=first, values_only=True)
            if any(v is not None for v in row)
        ]

    def test_register(self):
        workbook = self._render("ttcp_it_assets.action_report_asset_register_xlsx", {"domain": []})
        register = self._rows(workbook["Register"], 5)
        self.assertEqual(len(register), self.Equipment.search_count([]))
        row = next(r for r in register if r[0] == self.desktop.asset_code)
        self.assertEqual(row[1:4], ["Test desktop HQ", "Desktop computers", "T-DT-001"])
        self.assertEqual(row[7], "Test headquarters / Server room")
        self.assertEqual(row[8], "In use")
        self.assertEqual(row[13], self.contract_a.display_name)
        # Ordered by department, site, category and asset code (by the database).
        expected = self.Equipment.search([]).sorted(
            lambda a: (
                a.department_id.complete_name or "",
                a.site_id.complete_name or "",
                a.category_id.name or "",
                a.asset_code or "",
                a.id,
            )
        )
        self.assertEqual([r[0] for r in register], [a.asset_code for a in expected])
        by_department = self._rows(workbook["By department"], 4)
        total = by_department[-1]
        self.assertEqual(total[0], "Total")
        self.assertEqual(total[-1], self.Equipment.search_count([]))
        centre = next(r for r in by_department if r[0] == self.dept_centre.display_name)
        self.assertEqual(
            centre[-1], self.Equipment.search_count([("department_id", "=", self.dept_centre.id)])
        )

    def test_sla_performance(self):
        self._request(
            self.desktop,
            "2026-03-10 09:00",
            responded_at=utc("2026-03-10 10:00"),
            resolved_at=utc("2026-03-11 09:00"),
        )
        self._request(
            self.desktop,
            "2026-03-12 09:00",
            responded_at=utc("2026-03-12 15:00"),
            resolved_at=utc("2026-03-13 11:00"),
        )
        self._request(self.desktop, "2026-03-16 09:00")
        self._request(
            self.router,
            "2026-03-16 09:00",
            responded_at=utc("2026-03-16 09:30"),
            resolved_at=utc("2026-03-16 10:00"),
        )
        workbook = self._render(
            "ttcp_it_assets.action_report_sla_performance_xlsx",
            {"date_from": "2026-03-01", "date_to": "2026-03-31"},
        )
        rows = self._rows(workbook["SLA performance"], 5)
        by_contractor = {(row[0], row[1]): row for row in rows}
        a = by_contractor[(self.contractor.display_name, "2026-03")]
        requests = self.Request.search([("contract_id", "=", self.contract_a.id), ("month", "=", "2026-03")])
        self.assertEqual(a[2], len(requests))
        self.assertEqual(a[3], len(requests.filtered("sla_breached")))
        responded = requests.filtered("responded_at")
        self.assertAlmostEqual(a[5], sum(responded.mapped("response_hours")) / len(responded), places=2)
        # 1 h and 5 h (13:00-15:00 after a 3 h morning): mean 3 h; resolutions 8 h and 10 h -> 9 h.
        self.assertAlmostEqual(a[5], 3.0, places=2)
        self.assertAlmostEqual(a[6], 9.0, places=2)
        self.assertEqual(a[3], 2)  # the late answer and the one never answered
        b = by_contractor[(self.contractor_2.display_name, "2026-03")]
        self.assertEqual(b[2:4], [1, 0])
        self.assertAlmostEqual(b[5], 0.5, places=2)
        # Outside the period: nothing.
        workbook = self._render(
            "ttcp_it_assets.action_report_sla_performance_xlsx",
            {"date_from": "2026-04-01", "date_to": "2026-04-30"},
        )
        rows = self._rows(workbook["SLA performance"], 5)
        self.assertFalse(
            [r for r in rows if r[0] in (self.contractor.display_name, self.contractor_2.display_name)]
        )

    def test_warranty_ending_and_uncovered(self):
        today = fields.Date.context_today(self.env["res.users"])
        soon = self._asset(
            name="Ending soon", warranty_end=today + timedelta(days=30), site_id=self.site_c3.id
        )
        later = self._asset(
            name="Ending later", warranty_end=today + timedelta(days=120), site_id=self.site_c3.id
        )
        workbook = self._render(
            "ttcp_it_assets.action_report_warranty_ending_xlsx",
            {"date": fields.Date.to_string(today), "days": 90},
        )
        codes = [row[0] for row in self._rows(workbook.worksheets[0], 5)]
        self.assertIn(soon.asset_code, codes)
        self.assertNotIn(later.asset_code, codes)
        row = next(r for r in self._rows(workbook.worksheets[0], 5) if r[0] == soon.asset_code)
        self.assertEqual(row[9], 30)
        workbook = self._render("ttcp_it_assets.action_report_uncovered_assets_xlsx", {})
        codes = [row[0] for row in self._rows(workbook.worksheets[0], 5)]
        self.assertIn(self.desktop_c3.asset_code, codes)
        self.assertNotIn(self.desktop.asset_code, codes)  # maintenance contract
        self.assertNotIn(soon.asset_code, codes)  # warranty
        self.assertEqual(len(codes), self.Equipment.search_count([("support_state", "=", "none")]))

    def test_wizard(self):
        wizard = self.env["ttcp.asset.report.wizard"].create({"report": "sla"})
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_type"], "xlsx")
        self.assertTrue(action["data"]["date_from"])
