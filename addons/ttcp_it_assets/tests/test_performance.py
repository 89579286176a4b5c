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
