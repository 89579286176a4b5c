"""The contractor's journey in the portal: list with filters and sort, the thread, the tour."""

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestContractorPortalJourney(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.technician = cls.env["res.users"].search([("login", "=", "giangan.technician")])
        asset = cls.env.ref("ttcp_it_assets.demo_asset_desktop_01")
        cls.incident = cls.env["maintenance.request"].create(
            {
                "name": "TOUR-PORTAL: máy in kẹt giấy",
                "equipment_id": asset.id,
                "description": "<p>Máy in tầng 3 kẹt giấy liên tục.</p>",
                "reported_at": fields.Datetime.now(),
            }
        )
        # Blank subjects are refused now; a row from before that rule still has to open.
        cls.blank = (
            cls.env["maintenance.request"]
            ._workflow_internal()
            .create({"name": " ", "equipment_id": asset.id, "reported_at": fields.Datetime.now()})
        )

    def test_list_filters_sort_and_blank_subject(self):
        self.assertTrue(self.incident.contract_id, "the demo desktop is covered by Gia Ngân's contract")
        # Costs are in dong whatever the company's accounting currency.
        self.assertEqual(self.incident.currency_id, self.env.ref("base.VND"))
        self.assertEqual(self.blank.currency_id, self.env.ref("base.VND"))
        self.authenticate("giangan.technician", "giangan.technician")
        Request = self.env["maintenance.request"].with_user(self.technician)
        breached = Request.search([("sla_breached", "=", True)])
        self.assertTrue(breached)
        page = self.url_open("/my/incidents?filterby=breached&sortby=resolution_due").text
        for request in breached[:5]:
            self.assertIn(f"/my/incidents/{request.id}", page)
        self.assertNotIn(f'/my/incidents/{self.incident.id}"', page, "a fresh request is not breached")
        page = self.url_open("/my/incidents?filterby=open").text
        self.assertIn("TOUR-PORTAL", page)
        # A request with a blank subject is still listed with a link that opens it.
        self.assertIn(f'href="/my/incidents/{self.blank.id}">#{self.blank.id}<', page)
        detail = self.url_open(f"/my/incidents/{self.blank.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn(f"#{self.blank.id}", detail.text)
        detail = self.url_open(f"/my/incidents/{self.incident.id}").text
        self.assertIn("Máy in tầng 3 kẹt giấy liên tục", detail)
        self.assertIn('id="discussion"', detail)

    def test_contractor_tour(self):
        self.start_tour("/my", "ttcp_contractor_portal_tour", login="giangan.technician")
        self.incident.invalidate_recordset()
        self.assertTrue(self.incident.responded_at)
        self.assertTrue(self.incident.resolved_at)
        message = self.incident.message_ids.filtered(lambda m: "kỹ thuật viên sẽ đến" in (m.body or ""))
        self.assertEqual(message.author_id, self.technician.partner_id)
