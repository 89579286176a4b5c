from odoo.tests import tagged

from .common import TtcpAssetsCase

# The fields of the registry list (views/equipment_views.xml, equipment_view_list_registry).
LIST_FIELDS = [
    "asset_code",
    "name",
    "category_id",
    "serial_no",
    "model",
    "department_id",
    "employee_id",
    "site_id",
    "ip_address",
    "asset_state",
    "warranty_end",
    "support_state",
    "maintenance_contract_id",
    "source_contract_id",
    "investment_project_id",
    "company_id",
]


@tagged("post_install", "-at_install")
class TestRegistryQueries(TtcpAssetsCase):
    """The registry list costs the same number of queries for 10 assets or 60."""

    def _list_queries(self, domain):
        fields = self.Equipment._fields
        specification = {
            name: {"fields": {"display_name": {}}} if fields[name].type == "many2one" else {}
            for name in LIST_FIELDS
        }
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        result = self.Equipment.web_search_read(domain, specification, limit=80)
        return self.cr.sql_log_count - before, result["length"]

    def test_list_does_not_grow_with_the_data(self):
        def create(count, prefix):
            for i in range(count):
                self._asset(
                    name=f"Perf {prefix} {i}",
                    serial_no=f"PERF-{prefix}-{i}",
                    site_id=(self.site_room if i % 2 else self.site_c3).id,
                )

        domain = [("name", "=like", "Perf %")]
        create(10, "a")
        self.env.flush_all()
        small, length = self._list_queries(domain)
        self.assertEqual(length, 10)
        create(50, "b")
        self.env.flush_all()
        large, length = self._list_queries(domain)
        self.assertEqual(length, 60)
        self.assertEqual(small, large, "the registry list must not query per asset")


@tagged("post_install", "-at_install")
class TestCoverageQueries(TtcpAssetsCase):
    """A contract change and the daily coverage refresh cost the same number of queries
    whether they move 5 assets or 40: coverage is computed in one set-based query."""

    def _desktops(self, count, prefix):
        for i in range(count):
            self._asset(name=f"Cov {prefix} {i}", serial_no=f"COV-{prefix}-{i}", site_id=self.site_c3.id)
        self.env.flush_all()

    def _scope_round_trip(self):
        """Queries of moving contract A's scope to Cục III (its desktops join A), then back."""
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self.contract_a.write({"coverage_site_ids": [(6, 0, self.site_c3.ids)]})
        self.env.flush_all()
        queries = self.cr.sql_log_count - before
        self.contract_a.write({"coverage_site_ids": [(6, 0, self.site_hq.ids)]})
        self.env.flush_all()
        return queries

    def _cron_queries(self):
        """Queries of the daily refresh when contract A has ended behind the ORM's back."""
        self.env.flush_all()
        self.cr.execute("SAVEPOINT cron_queries")
        self.cr.execute(
            "UPDATE ttcp_contract SET end_date = '2020-01-01' WHERE id = %s", [self.contract_a.id]
        )
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        moved = self.Equipment._cron_refresh_coverage()
        queries = self.cr.sql_log_count - before
        self.cr.execute("ROLLBACK TO SAVEPOINT cron_queries")
        self.env.invalidate_all()
        return queries, moved

    def test_contract_change_and_cron_do_not_grow_with_the_assets(self):
        self._desktops(5, "a")
        small = self._scope_round_trip()
        self.assertEqual(self.contract_a.covered_equipment_count, 1)
        cron_small, moved = self._cron_queries()
        self.assertEqual(moved, 1)
        self._desktops(35, "b")
        self.env.invalidate_all()
        with self.assertQueryCount(small):
            self.contract_a.write({"coverage_site_ids": [(6, 0, self.site_c3.ids)]})
            self.env.flush_all()
        self.assertEqual(self.contract_a.covered_equipment_count, 41)
        self.contract_a.write({"coverage_site_ids": [(6, 0, self.site_hq.ids)]})
        self.env.flush_all()
        cron_large, moved = self._cron_queries()
        self.assertEqual(moved, 1)
        self.assertEqual(cron_small, cron_large)
        # The contract covering 41 assets ends: the refresh moves all of them with the same count.
        self.contract_a.write({"coverage_site_ids": [(6, 0, self.site_c3.ids)]})
        self.env.flush_all()
        cron_moved_all, moved = self._cron_queries()
        self.assertEqual(moved, 41)
        self.assertEqual(cron_moved_all, cron_small)
