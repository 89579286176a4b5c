from odoo import fields, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import TtcpAssetsCase, utc


@tagged("post_install", "-at_install")
class TestContractorPortal(TtcpAssetsCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request_a = cls._request(cls.desktop, "2026-03-10 09:00", name="Desktop A does not boot")
        cls.request_b = cls._request(cls.router, "2026-03-10 09:00", name="Router B line down")

    def test_orm(self):
        Request = self.env["maintenance.request"].with_user(self.tech_a)
        self.assertEqual(Request.search([]), self.request_a)
        with self.assertRaises(AccessError):
            self.request_b.with_user(self.tech_a).read(["name"])
        with self.assertRaises(AccessError):
            self.request_b.with_user(self.tech_a).write({"responded_at": utc("2026-03-10 10:00")})
        with self.assertRaises(AccessError):
            self.request_a.with_user(self.tech_a).write({"name": "renamed"})
        with self.assertRaises(AccessError):
            self.request_a.with_user(self.tech_a).write({"cost": 10})
        with self.assertRaises(AccessError):
            Request.create({"name": "new", "equipment_id": self.desktop.id})
        with self.assertRaises(AccessError):
            self.desktop.with_user(self.tech_a).read(["name"])
        # The contractor records "now" (the server's clock), never a chosen time (issue 8).
        with self.assertRaisesRegex(UserError, "present moment"):
            self.request_a.with_user(self.tech_a).write({"responded_at": utc("2026-03-10 10:00")})
        now = fields.Datetime.now()
        self.request_a.with_user(self.tech_a).write(
            {"responded_at": now, "contractor_note": "Replaced the power supply"}
        )
        self.assertEqual(self.request_a.responded_at, now)
        self.assertTrue(self.request_a.response_breached, "answered months after the deadline")
        # Technician B sees only B's request.
        self.assertEqual(self.env["maintenance.request"].with_user(self.tech_b).search([]), self.request_b)

    def test_controllers(self):
        self.authenticate(self.tech_a.login, self.tech_a.login)
        page = self.url_open("/my/incidents")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Desktop A does not boot", page.text)
        self.assertNotIn("Router B line down", page.text)
        home = self.url_open(f"/my/incidents/{self.request_b.id}")
        self.assertNotIn("Router B line down", home.text, "B's request is not shown to A")
        detail = self.url_open(f"/my/incidents/{self.request_a.id}")
        self.assertIn("Desktop A does not boot", detail.text)
        csrf = http.Request.csrf_token(self)
        # Responding to B's request through the controller changes nothing.
        self.url_open(
            f"/my/incidents/{self.request_b.id}/update", data={"action": "respond", "csrf_token": csrf}
        )
        self.request_b.invalidate_recordset()
        self.assertFalse(self.request_b.responded_at)
        response = self.url_open(
            f"/my/incidents/{self.request_a.id}/update",
            data={"action": "resolve", "contractor_note": "Fixed on site", "csrf_token": csrf},
        )
        self.assertEqual(response.status_code, 200)
        self.request_a.invalidate_recordset()
        self.assertTrue(self.request_a.resolved_at)
        self.assertTrue(self.request_a.responded_at)
        self.assertEqual(self.request_a.contractor_note, "Fixed on site")
        self.assertTrue(self.request_a.stage_id.done)

    def test_registry_tour(self):
        """What an asset manager sees in the browser: registry, asset form, coverage, history."""
        self.start_tour(
            "/odoo/action-ttcp_it_assets.action_asset_registry",
            "ttcp_asset_registry_tour",
            login=self.users["asset_manager"].login,
        )
