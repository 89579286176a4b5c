from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import TtcpAssetsCase


@tagged("post_install", "-at_install")
class TestRegisterFromAcceptance(TtcpAssetsCase):
    def _acceptance(self):
        return self.env["ttcp.contract.acceptance"].create(
            {
                "contract_id": self.contract_b.id,
                "number": "BBNT-TEST-01",
                "date": "2025-12-15",
                "accepted_value": 100_000_000,
            }
        )

    def _wizard(self, acceptance, lines):
        action = acceptance.action_register_assets()
        return (
            self.env[action["res_model"]]
            .with_context(**action["context"])
            .create({"site_id": self.site_room.id, "department_id": self.dept_centre.id, "line_ids": lines})
        )

    def test_assets_from_acceptance_with_warranty(self):
        acceptance = self._acceptance()
        wizard = self._wizard(
            acceptance,
            [
                Command.create(
                    {
                        "name": "Load balancer",
                        "category_id": self.env.ref("ttcp_it_assets.equipment_category_load_balancer").id,
                        "serial_numbers": "LB-T-1\nLB-T-2\n",
                        "unit_cost": 50_000_000,
                    }
                ),
                Command.create(
                    {"name": "Patch cables kit", "category_id": self.cat_router.id, "quantity": 3}
                ),
            ],
        )
        self.assertEqual(wizard.warranty_months, 12)
        action = wizard.action_register()
        assets = self.Equipment.browse(action["domain"][0][2])
        self.assertEqual(len(assets), 5)
        balancers = assets.filtered(lambda a: a.serial_no)
        self.assertEqual(sorted(balancers.mapped("serial_no")), ["LB-T-1", "LB-T-2"])
        for asset in assets:
            self.assertEqual(asset.source_contract_id, self.contract_b)
            self.assertEqual(asset.source_acceptance_id, acceptance)
            self.assertEqual(asset.acceptance_date, date(2025, 12, 15))
            self.assertEqual(asset.warranty_end, date(2026, 12, 14))
            self.assertEqual(asset.investment_project_id, self.project)
            self.assertEqual(asset.site_id, self.site_room)
            self.assertEqual(asset.asset_state, "in_use")
        self.assertEqual(acceptance.equipment_count, 5)

    def test_duplicate_serial_refused(self):
        acceptance = self._acceptance()
        wizard = self._wizard(
            acceptance,
            [
                Command.create(
                    {"name": "PC", "category_id": self.cat_desktop.id, "serial_numbers": "X-1\nT-DT-001"}
                )
            ],
        )
        count = self.Equipment.search_count([])
        with self.assertRaisesRegex(UserError, "T-DT-001 is already registered"):
            wizard.action_register()
        self.assertEqual(self.Equipment.search_count([]), count)


@tagged("post_install", "-at_install")
class TestPreventive(TtcpAssetsCase):
    def test_preventive_by_category_uses_odoo_recurrence(self):
        category = self.env["maintenance.equipment.category"].create(
            {"name": "Test UPS", "asset_kind": "other", "code_prefix": "UPS", "preventive_interval": 3}
        )
        first = self._asset(name="UPS 1", category_id=category.id)
        second = self._asset(name="UPS 2", category_id=category.id)
        self.assertEqual(first.asset_code, "UPS-0001")
        self.assertEqual(second.asset_code, "UPS-0002")
        category.action_schedule_preventive()
        requests = self.Request.search([("equipment_id", "in", (first | second).ids)])
        self.assertEqual(len(requests), 2)
        self.assertTrue(all(r.maintenance_type == "preventive" and r.recurring_maintenance for r in requests))
        self.assertEqual(set(requests.mapped("repeat_interval")), {3})
        self.assertFalse(any(requests.mapped("response_due")), "no SLA on preventive work")
        # Again: nothing new while the first ones are open.
        category.action_schedule_preventive()
        self.assertEqual(self.Request.search_count([("equipment_id", "in", (first | second).ids)]), 2)
        # Done: Odoo's recurrence schedules the next one three months later.
        request = requests.filtered(lambda r: r.equipment_id == first)
        start = request.schedule_date
        request.stage_id = self.env.ref("maintenance.stage_3")
        following = self.Request.search([("equipment_id", "=", first.id), ("id", "!=", request.id)])
        self.assertEqual(len(following), 1)
        self.assertEqual(following.schedule_date.month, (start.month + 2) % 12 + 1)
        with self.assertRaisesRegex(UserError, "no preventive maintenance interval"):
            self.cat_router.copy(
                {"name": "No interval", "preventive_interval": 0}
            ).action_schedule_preventive()
