from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import TtcpAssetsCase


@tagged("post_install", "-at_install")
class TestHandover(TtcpAssetsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        cls.dept_1 = Department.create({"name": "Test Cục I"})
        cls.dept_law = Department.create({"name": "Test Vụ Pháp chế"})
        cls.tokens = cls.env["maintenance.equipment"]
        for i in range(3):
            cls.tokens |= cls._asset(
                name="USB token",
                category_id=cls.cat_token.id,
                serial_no=f"T-TOKEN-{i}",
                department_id=False,
                equipment_assign_to="other",
                asset_state="in_stock",
                site_id=cls.site_hq.id,
            )

    def _token_handover(self, **vals):
        recipients = [self.dept_1, self.dept_other, self.dept_law]
        values = {
            "date": "2026-03-10",
            "purpose": "allocate",
            "to_site_id": self.site_hq.id,
            "line_ids": [
                Command.create({"equipment_id": token.id, "to_department_id": dept.id, "condition": "new"})
                for token, dept in zip(self.tokens, recipients, strict=True)
            ],
        }
        values.update(vals)
        return self.Handover.create(values)

    def test_usb_tokens_to_several_departments(self):
        handover = self._token_handover()
        self.assertTrue(handover.number.endswith("0001") or "/BBBG-" in handover.number)
        handover.with_user(self.users["asset_manager"]).action_done()
        self.assertEqual(handover.state, "done")
        self.assertEqual(self.tokens.mapped("department_id"), self.dept_1 | self.dept_other | self.dept_law)
        self.assertEqual(set(self.tokens.mapped("asset_state")), {"in_use"})
        self.assertEqual(self.tokens[1].department_id, self.dept_other)
        # History: each asset keeps the line, with where it was before.
        line = self.tokens[0].handover_line_ids
        self.assertEqual(line.handover_id, handover)
        self.assertEqual(line.previous_asset_state, "in_stock")
        self.assertFalse(line.previous_department_id)
        self.assertEqual(self.tokens[0].handover_count, 1)
        # Cục III then hands its token back to stock: a second line in its history.
        back = self.Handover.create(
            {
                "date": "2026-03-20",
                "purpose": "return",
                "from_department_id": self.dept_other.id,
                "line_ids": [Command.create({"equipment_id": self.tokens[1].id, "condition": "good"})],
            }
        )
        back.action_done()
        self.assertEqual(self.tokens[1].asset_state, "in_stock")
        self.assertFalse(self.tokens[1].department_id)
        self.assertEqual(len(self.tokens[1].handover_line_ids), 2)
        self.assertEqual(
            self.tokens[1].handover_line_ids.sorted("date")[-1].previous_department_id, self.dept_other
        )

    def test_pdf_groups_recipients_with_signatures(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"].search([("name", "=", "ttcp_it_assets")])._update_translations(["vi_VN"])
        handover = self._token_handover()
        handover.action_done()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("ttcp_it_assets.action_report_asset_handover", handover.ids)[0]
            .decode()
        )
        self.assertIn("BIÊN BẢN BÀN GIAO TÀI SẢN", html)
        self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", html)
        for token in self.tokens:
            self.assertIn(token.asset_code, html)
        for department in (self.dept_1, self.dept_other, self.dept_law):
            self.assertIn(department.name, html)
        self.assertEqual(html.count("BÊN NHẬN"), 3, "one signature block per receiving department")
        self.assertEqual(html.count("BÊN GIAO"), 1)
        # Refusals speak the user's language.
        with self.assertRaisesRegex(UserError, "Chỉ biên bản bàn giao dự thảo mới có thể hoàn tất"):
            handover.with_context(lang="vi_VN").action_done()

    def test_refusals(self):
        with self.assertRaisesRegex(AccessError, "asset manager"):
            self._token_handover().with_user(self.users["technician"]).action_done()
        empty = self.Handover.create({"date": "2026-03-10", "to_department_id": self.dept_1.id})
        with self.assertRaisesRegex(UserError, "no asset"):
            empty.action_done()
        twice = self._token_handover()
        twice.write({"line_ids": [Command.create({"equipment_id": self.tokens[0].id})]})
        with self.assertRaisesRegex(UserError, "twice"):
            twice.action_done()
        # The giver must hold the asset.
        self.tokens.write({"department_id": self.dept_1.id, "equipment_assign_to": "department"})
        wrong_holder = self._token_handover(from_department_id=self.dept_law.id)
        with self.assertRaisesRegex(UserError, "held by|not by"):
            wrong_holder.action_done()
        self.assertEqual(set(self.tokens.mapped("asset_state")), {"in_stock"}, "nothing moved")
        self.tokens[2].action_retire()
        with self.assertRaisesRegex(UserError, "retired"):
            self._token_handover().action_done()

    def test_done_is_locked_and_kept(self):
        handover = self._token_handover()
        handover.action_done()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            handover.date = "2026-03-11"
        with self.assertRaisesRegex(UserError, "no longer a draft"):
            handover.line_ids[0].condition = "faulty"
        with self.assertRaisesRegex(UserError, "never deleted"):
            handover.unlink()
        with self.assertRaisesRegex(UserError, "new handover"):
            handover.action_cancel()
        # Assets with a history are retired (archived), never deleted.
        with self.assertRaisesRegex(UserError, "retire it"):
            self.tokens[0].unlink()
        self.tokens[0].action_retire()
        self.assertFalse(self.tokens[0].active)
        self.assertEqual(self.tokens[0].asset_state, "retired")
        self.assertTrue(self.tokens[0].exists())
        # A draft can be cancelled and deleted.
        draft = self.Handover.create({"date": "2026-03-10"})
        draft.action_cancel()
        draft.unlink()
        self.assertFalse(draft.exists())
