from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TtcpAssetsCase

# model: {group key: "crwu" letters allowed (ACL)}
MATRIX = {
    "maintenance.equipment": {
        "asset_manager": "crwu",
        "technician": "rw",
        "department": "r",
        "leadership": "r",
        "contractor": "",
    },
    "ttcp.site": {
        "asset_manager": "crwu",
        "technician": "r",
        "department": "r",
        "leadership": "r",
        "contractor": "",
    },
    "ttcp.asset.handover": {
        "asset_manager": "crwu",
        "technician": "crw",
        "department": "r",
        "leadership": "r",
        "contractor": "",
    },
    "maintenance.request": {
        "asset_manager": "crwu",
        "technician": "crwu",
        "department": "crwu",
        "leadership": "crwu",  # Odoo's maintenance gives every employee its requests; rules narrow it
        "contractor": "rw",
    },
    "ttcp.asset.import.wizard": {
        "asset_manager": "crwu",
        "technician": "",
        "department": "",
        "leadership": "",
        "contractor": "",
    },
}
OPERATIONS = {"c": "create", "r": "read", "w": "write", "u": "unlink"}


@tagged("post_install", "-at_install")
class TestAccess(TtcpAssetsCase):
    def _user(self, key):
        return self.tech_a if key == "contractor" else self.users[key]

    def test_acl_matrix(self):
        for model, groups in MATRIX.items():
            for key, allowed in groups.items():
                for letter, operation in OPERATIONS.items():
                    with self.subTest(model=model, group=key, operation=operation):
                        has = self.env[model].with_user(self._user(key)).has_access(operation)
                        self.assertEqual(has, letter in allowed)

    def test_department_user_sees_its_department(self):
        user = self.users["department"]  # works in Cục III (dept_other)
        visible = self.Equipment.with_user(user).search([("id", "in", (self.desktop | self.desktop_c3).ids)])
        self.assertEqual(visible, self.desktop_c3)
        # Reports an incident on its own asset; the contract is found for it.
        request = self.Request.with_user(user).create(
            {"name": "PC broken", "equipment_id": self.desktop_c3.id}
        )
        self.assertEqual(request.department_id, self.dept_other)
        with self.assertRaises(AccessError):
            self.desktop.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self.desktop_c3.with_user(user).write({"ip_address": "10.0.0.9"})
        # Only an asset manager deletes a request.
        with self.assertRaisesRegex(UserError, "asset manager"):
            request.with_user(user).unlink()

    def test_leadership_reads_all_writes_nothing(self):
        user = self.users["leadership"]
        ids = (self.desktop | self.desktop_c3 | self.router).ids
        self.assertEqual(len(self.Equipment.with_user(user).search([("id", "in", ids)])), 3)
        request = self._request(self.desktop, "2026-03-10 09:00")
        self.assertTrue(request.with_user(user).read(["name"]))
        with self.assertRaises(AccessError):
            request.with_user(user).write({"cost": 1})
        with self.assertRaises(AccessError):
            self.desktop.with_user(user).write({"name": "x"})

    def test_technician_and_manager(self):
        technician = self.users["technician"]
        self.desktop.with_user(technician).write({"ip_address": "10.0.0.9", "asset_state": "under_repair"})
        self.assertEqual(self.desktop.asset_state, "under_repair")
        with self.assertRaises(AccessError):
            self.Equipment.with_user(technician).create({"name": "x", "category_id": self.cat_desktop.id})
        manager = self.users["asset_manager"]
        asset = self.Equipment.with_user(manager).create(
            {"name": "New PC", "category_id": self.cat_desktop.id}
        )
        self.assertTrue(asset.asset_code.startswith("MTB-"))
        # The asset manager sets a contract's maintenance scope, nothing else of it.
        self.contract_a.with_user(manager).write({"sla_response_hours": 3})
        self.assertEqual(self.contract_a.sla_response_hours, 3)
        with self.assertRaises(AccessError):
            self.contract_a.with_user(manager).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.contract_a.with_user(technician).write({"sla_response_hours": 1})

    def test_bad_input(self):
        with self.assertRaisesRegex(Exception, "IPv4"):
            self._asset(name="Bad", ip_address="10.0.0.256")
        with self.assertRaisesRegex(Exception, "MAC"):
            self._asset(name="Bad", mac_address="00:11:22")
        with self.assertRaisesRegex(Exception, "shorter than the response"):
            self.contract_a.write({"sla_resolution_hours": 2})
        with mute_logger("odoo.sql_db"):
            with self.assertRaises(IntegrityError), self.cr.savepoint():
                self._request(self.desktop, "2026-03-10 09:00", cost=-5)
            with self.assertRaises(IntegrityError), self.cr.savepoint():
                self._asset(name="Same code", asset_code=self.desktop.asset_code)
