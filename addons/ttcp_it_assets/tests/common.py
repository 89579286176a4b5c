from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.ttcp_procurement.tests.common import TtcpProcurementCase


def utc(local):
    """Naive UTC datetime of a Hanoi local time 'YYYY-MM-DD HH:MM' (UTC+7, no DST)."""
    return datetime.strptime(local, "%Y-%m-%d %H:%M") - timedelta(hours=7)


class TtcpAssetsCase(TtcpProcurementCase):
    """Sites, registry staff, two contractors with portal technicians and two maintenance
    contracts: A covers desktops at headquarters (4 h / 16 h), B names routers (2 h / 8 h)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Equipment = cls.env["maintenance.equipment"]
        cls.Request = cls.env["maintenance.request"]
        cls.Handover = cls.env["ttcp.asset.handover"]
        cls.Site = cls.env["ttcp.site"]
        cls.calendar = cls.env.ref("ttcp_projects.resource_calendar_state_agency")
        for key, groups in (
            ("asset_manager", "base.group_user,ttcp_it_assets.group_asset_manager"),
            ("technician", "base.group_user,ttcp_it_assets.group_asset_technician"),
        ):
            cls.users[key] = new_test_user(
                cls.env, login=f"ttcp_test_{key}", groups=groups, name=f"Test {key}"
            )
        # The department user of ttcp_projects works in the other department (Cục III).
        cls.users["department"].employee_ids.department_id = cls.dept_other
        cls.site_hq = cls.Site.create({"name": "Test headquarters", "code": "T-HQ"})
        cls.site_room = cls.Site.create(
            {"name": "Server room", "code": "T-HQ-DC", "parent_id": cls.site_hq.id}
        )
        cls.site_c3 = cls.Site.create({"name": "Test Cục III", "code": "T-C3"})
        cls.cat_desktop = cls.env.ref("ttcp_it_assets.equipment_category_desktop")
        cls.cat_router = cls.env.ref("ttcp_it_assets.equipment_category_router")
        cls.cat_token = cls.env.ref("ttcp_it_assets.equipment_category_usb_token")
        plan = cls._plan([{"name": "Repairs"}, {"name": "Internet line"}], approval_date="2025-08-01")
        package_a, package_b = plan.package_ids.sorted("id")
        cls._award(package_a, partner=cls.contractor)
        cls._award(package_b, partner=cls.contractor_2)
        # In force well beyond today, so that "covered today" holds whenever the suite runs.
        long = {"end_date": "2035-12-31", "performance_security_expiry": "2036-01-31"}
        cls.contract_a = cls._contract(package_a, **long)
        cls.contract_b = cls._contract(package_b, number="HD-B/2025", **long)
        cls.contract_a.write(
            {
                "is_maintenance": True,
                "sla_response_hours": 4,
                "sla_resolution_hours": 16,
                "sla_calendar_id": cls.calendar.id,
                "coverage_site_ids": [Command.set(cls.site_hq.ids)],
                "coverage_category_ids": [Command.set(cls.cat_desktop.ids)],
            }
        )
        cls.desktop = cls._asset(name="Test desktop HQ", serial_no="T-DT-001", site_id=cls.site_room.id)
        cls.desktop_c3 = cls._asset(
            name="Test desktop C3",
            serial_no="T-DT-002",
            site_id=cls.site_c3.id,
            department_id=cls.dept_other.id,
        )
        cls.router = cls._asset(
            name="Test router C3", serial_no="T-RT-001", category_id=cls.cat_router.id, site_id=cls.site_c3.id
        )
        cls.contract_b.write(
            {
                "is_maintenance": True,
                "sla_response_hours": 2,
                "sla_resolution_hours": 8,
                "sla_calendar_id": cls.calendar.id,
                "coverage_equipment_ids": [Command.set(cls.router.ids)],
            }
        )
        portal = "base.group_portal,ttcp_it_assets.group_asset_contractor"
        cls.tech_a = new_test_user(cls.env, login="ttcp_test_tech_a", groups=portal, name="Technician A")
        cls.tech_a.partner_id.parent_id = cls.contractor
        cls.tech_b = new_test_user(cls.env, login="ttcp_test_tech_b", groups=portal, name="Technician B")
        cls.tech_b.partner_id.parent_id = cls.contractor_2

    @classmethod
    def _asset(cls, **vals):
        values = {
            "name": "Test asset",
            "category_id": cls.cat_desktop.id,
            "department_id": cls.dept_centre.id,
            "equipment_assign_to": "department",
            "asset_state": "in_use",
        }
        values.update(vals)
        return cls.env["maintenance.equipment"].create(values)

    @classmethod
    def _request(cls, asset, reported, **vals):
        values = {"name": f"Incident on {asset.name}", "equipment_id": asset.id, "reported_at": utc(reported)}
        values.update(vals)
        return cls.env["maintenance.request"].create(values)
