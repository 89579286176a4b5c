from datetime import date

from odoo import Command, fields
from odoo.tests import tagged

from .common import TtcpAssetsCase


@tagged("post_install", "-at_install")
class TestCoverage(TtcpAssetsCase):
    def test_scope_by_site_and_category(self):
        # A desktop in a sub-site of a covered site is covered; one elsewhere is not.
        self.assertEqual(self.desktop.maintenance_contract_id, self.contract_a)
        self.assertFalse(self.desktop_c3.maintenance_contract_id)
        # A router at headquarters: right site, wrong category.
        router_hq = self._asset(name="Router HQ", category_id=self.cat_router.id, site_id=self.site_hq.id)
        self.assertFalse(router_hq.maintenance_contract_id)

    def test_named_equipment_wins(self):
        self.assertEqual(self.router.maintenance_contract_id, self.contract_b)
        # Contract A now covers routers everywhere too; B names the router, so B still wins.
        self.contract_a.write(
            {
                "coverage_site_ids": [Command.clear()],
                "coverage_category_ids": [Command.link(self.cat_router.id)],
            }
        )
        self.assertEqual(self.router.maintenance_contract_id, self.contract_b)
        self.contract_b.write({"coverage_equipment_ids": [Command.clear()]})
        self.assertEqual(self.router.maintenance_contract_id, self.contract_a)

    def test_contract_change_refreshes_only_what_it_can_affect(self):
        """A change of contract A marks its assets and its scope's for recompute, not the registry."""
        self.env.flush_all()
        field = self.env["maintenance.equipment"]._fields["maintenance_contract_id"]
        outside = self._asset(
            name="Router 2 at Cục III",
            serial_no="T-RT-099",
            category_id=self.cat_router.id,
            site_id=self.site_c3.id,
        )
        self.env.flush_all()
        candidates = self.contract_a._coverage_candidates()
        self.assertIn(self.desktop, candidates)
        self.assertNotIn(outside, candidates)
        self.assertNotIn(self.desktop_c3, candidates)
        # A change that moves no asset rewrites none: coverage is compared in SQL first.
        self.contract_a.write({"sla_response_hours": 5})
        self.assertFalse(set(self.env.transaction.tocompute.get(field, ())))
        # A scope change marks only the assets whose contract changes, then moves them.
        self.contract_a.write({"coverage_site_ids": [Command.set([self.site_c3.id])]})
        marked = set(self.env.transaction.tocompute.get(field, ()))
        self.assertEqual(marked, {self.desktop.id, self.desktop_c3.id})
        self.assertNotIn(outside.id, marked)
        self.assertFalse(self.desktop.maintenance_contract_id)
        self.assertEqual(self.desktop_c3.maintenance_contract_id, self.contract_a)

    def test_daily_refresh_writes_only_what_changed(self):
        """The cron refreshes coverage from the date alone: a contract past its end leaves."""
        Equipment = self.Equipment
        self.env.flush_all()
        self.assertEqual(Equipment._cron_refresh_coverage(), 0)
        # The contract ended yesterday, written behind the ORM's back as only the date moves.
        self.env.cr.execute(
            "UPDATE ttcp_contract SET end_date = %s WHERE id = %s",
            [fields.Date.subtract(fields.Date.today(), days=1), self.contract_a.id],
        )
        self.env.invalidate_all()
        self.assertEqual(Equipment._cron_refresh_coverage(), 1)
        self.assertFalse(self.desktop.maintenance_contract_id)
        self.assertEqual(self.router.maintenance_contract_id, self.contract_b)
        self.assertEqual(Equipment._cron_refresh_coverage(), 0)

    def test_precedence_latest_contract_and_company(self):
        """Among contracts matching by scope the one that took effect last wins (the later
        record on the same day); another company's asset is not covered."""
        package_c = self._plan([{"name": "Repairs C"}], approval_date="2025-08-01").package_ids
        self._award(package_c, partner=self.contractor_2)
        contract_c = self._contract(
            package_c,
            sign="2025-09-30",
            number="HD-C/2025",
            end_date="2035-12-31",
            performance_security_expiry="2036-01-31",
        )
        scope = {
            "is_maintenance": True,
            "coverage_site_ids": [Command.set(self.site_hq.ids)],
            "coverage_category_ids": [Command.set(self.cat_desktop.ids)],
        }
        # C is newer as a record but took effect a day before A: A keeps the desktop.
        contract_c.write(scope)
        self.assertGreater(contract_c.id, self.contract_a.id)
        self.assertEqual(self.desktop.maintenance_contract_id, self.contract_a)
        # B took effect the same day as A and was recorded after it: B takes the desktop.
        self.contract_b.write(scope)
        self.assertEqual(self.desktop.maintenance_contract_id, self.contract_b)
        self.assertEqual(self.router.maintenance_contract_id, self.contract_b)
        # B now covers desktops everywhere, but not another company's desktop.
        self.contract_b.write({"coverage_site_ids": [Command.clear()]})
        self.assertEqual(self.desktop_c3.maintenance_contract_id, self.contract_b)
        company_2 = self.env["res.company"].create({"name": "Other inspectorate"})
        elsewhere = self._asset(
            name="Desktop of another company",
            company_id=company_2.id,
            department_id=False,
            equipment_assign_to="other",
        )
        self.assertFalse(elsewhere.maintenance_contract_id)

    def test_dates_and_state(self):
        found = (self.desktop | self.desktop_c3)._find_maintenance_contracts(date(2025, 10, 15))
        self.assertEqual(found, {self.desktop.id: self.contract_a.id})
        # Before the contract took effect, and after it ends: nothing.
        self.assertEqual(self.desktop._find_maintenance_contracts(date(2025, 9, 1)), {})
        self.assertEqual(self.desktop._find_maintenance_contracts(date(2036, 1, 1)), {})
        # A retired asset is covered by nothing.
        self.desktop.action_retire()
        self.assertFalse(self.desktop.active)
        self.assertFalse(self.desktop.maintenance_contract_id)

    def test_scope_change_moves_assets(self):
        self.contract_a.write({"coverage_site_ids": [Command.set(self.site_c3.ids)]})
        self.assertFalse(self.desktop.maintenance_contract_id)
        self.assertEqual(self.desktop_c3.maintenance_contract_id, self.contract_a)
        self.assertEqual(self.contract_a.covered_equipment_count, 1)
        # Moving the asset (site) moves its coverage.
        self.desktop.site_id = self.site_c3
        self.assertEqual(self.desktop.maintenance_contract_id, self.contract_a)

    def test_warranty_fallback_and_request_contract(self):
        supplied = self._asset(
            name="Server under warranty",
            category_id=self.env.ref("ttcp_it_assets.equipment_category_server").id,
            site_id=self.site_c3.id,
            source_contract_id=self.contract_b.id,
            acceptance_date=fields.Date.today(),
            warranty_months=24,
        )
        self.assertTrue(supplied.warranty_end > fields.Date.today())
        self.assertEqual(supplied.support_state, "warranty")
        self.assertEqual(supplied._find_support_contract(fields.Date.today()), self.contract_b)
        # Requests go to the covering contract, or to the supplier under warranty, or nowhere.
        now = fields.Datetime.now()
        request = self.Request.create({"name": "Fan noise", "equipment_id": supplied.id, "reported_at": now})
        self.assertEqual(request.contract_id, self.contract_b)
        self.assertEqual(request.contractor_partner_id, self.contractor_2)
        request = self.Request.create({"name": "Screen", "equipment_id": self.desktop.id, "reported_at": now})
        self.assertEqual(request.contract_id, self.contract_a)
        request = self.Request.create(
            {"name": "Screen", "equipment_id": self.desktop_c3.id, "reported_at": now}
        )
        self.assertFalse(request.contract_id)
        self.assertFalse(request.response_due)

    def test_support_state_search(self):
        Equipment = self.Equipment
        ids = (self.desktop | self.desktop_c3 | self.router).ids
        none = Equipment.search([("id", "in", ids), ("support_state", "=", "none")])
        self.assertEqual(none, self.desktop_c3)
        covered = Equipment.search([("id", "in", ids), ("support_state", "in", ["contract", "both"])])
        self.assertEqual(covered, self.desktop | self.router)
        self.assertEqual(
            Equipment.search([("id", "in", ids), ("support_state", "!=", "none")]), self.desktop | self.router
        )
