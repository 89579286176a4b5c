"""What the registry tells an asset manager: why an asset has its support, when it is in use,
and when a request was closed."""

from datetime import datetime

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import TtcpAssetsCase


@tagged("post_install", "-at_install")
class TestRegistryDetails(TransactionCase):
    def test_support_reason_says_why(self):
        balancer = self.env.ref("ttcp_it_assets.demo_asset_lb")
        self.assertEqual(balancer.support_state, "none")
        self.assertIn("Warranty ended on", balancer.support_reason)
        self.assertIn(balancer.warranty_end.strftime("%d/%m/%Y"), balancer.support_reason)
        self.assertIn("No maintenance contract", balancer.support_reason)
        desktop = self.env.ref("ttcp_it_assets.demo_asset_desktop_01")
        self.assertIn(desktop.maintenance_contract_id.display_name, desktop.support_reason)

    def test_in_use_from_its_acceptance(self):
        acceptance = self.env.ref("ttcp_procurement.demo_acceptance_lb")
        asset = self.env["maintenance.equipment"].create(
            {
                "name": "Spare load balancer",
                "category_id": self.env.ref("ttcp_it_assets.equipment_category_load_balancer").id,
                "source_contract_id": acceptance.contract_id.id,
                "source_acceptance_id": acceptance.id,
                "serial_no": "TEST-LB-SPARE",
            }
        )
        self.assertEqual(asset.effective_date, acceptance.date)

    def test_closed_on_the_local_day_it_was_resolved(self):
        asset = self.env.ref("ttcp_it_assets.demo_asset_desktop_01")
        # 23:30 UTC is 06:30 the next morning in Hà Nội.
        request = self.env["maintenance.request"].create(
            {
                "name": "Evening incident",
                "equipment_id": asset.id,
                "reported_at": datetime(2026, 11, 2, 23, 0),
            }
        )
        request.action_correct_times(
            responded_at=datetime(2026, 11, 2, 23, 10),
            resolved_at=datetime(2026, 11, 2, 23, 30),
            reason="Entered from the paper log",
        )
        self.assertTrue(request.stage_id.done)
        self.assertEqual(str(request.close_date), "2026-11-03")


@tagged("post_install", "-at_install")
class TestReportedAtLocked(TtcpAssetsCase):
    """The report time starts the SLA clock: nobody moves it by a plain write."""

    def test_reported_at_locked_and_corrected_with_a_reason(self):
        request = self._request(self.desktop, "2026-03-10 09:00", department_id=self.dept_other.id)
        self.assertTrue(request.response_due)
        before = (request.reported_at, request.response_due, request.resolution_due)
        for key in ("department", "technician", "asset_manager"):
            with self.subTest(user=key), self.assertRaises(UserError), self.env.cr.savepoint():
                request.with_user(self.users[key]).write({"reported_at": "2026-03-12 09:00:00"})
                self.env.flush_all()
            request.invalidate_recordset()
            self.assertEqual((request.reported_at, request.response_due, request.resolution_due), before)
        request.with_user(self.users["asset_manager"]).action_correct_times(
            reported_at="2026-03-10 10:00:00", reason="Typed an hour early"
        )
        self.assertEqual(request.reported_at, datetime(2026, 3, 10, 10, 0))
        self.assertNotEqual(request.response_due, before[1])
        self.assertIn("Typed an hour early", request.message_ids[0].body)
