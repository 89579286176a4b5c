"""What the registry tells an asset manager: why an asset has its support, when it is in use,
and when a request was closed."""

from datetime import datetime

from odoo.tests import TransactionCase, tagged


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
