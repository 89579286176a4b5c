"""The asset registry's journey in a browser, in Vietnamese (issue 10)."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestAssetJourney(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        modules = ["base", "web", "mail", "maintenance", "hr_maintenance"]
        modules += ["ttcp_projects", "ttcp_procurement", "ttcp_it_assets"]
        cls.env["ir.module.module"]._load_module_terms(modules, ["vi_VN"], overwrite=True)
        cls.manager = cls.env["res.users"].search([("login", "=", "asset.manager")])
        cls.manager.write({"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"})

    def test_asset_journey(self):
        self.start_tour("/odoo", "ttcp_asset_journey_tour", login="asset.manager")
        request = self.env["maintenance.request"].search([("name", "=", "TOUR-ASSET: máy không khởi động")])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.equipment_id.serial_no, "DL7090-1001")
        self.assertEqual(request.contract_id.number, "02/2026/HĐ-TTTT")
        self.assertTrue(request.reported_at)
        self.assertLess(request.reported_at, request.response_due)
        self.assertLessEqual(request.response_due, request.resolution_due)
