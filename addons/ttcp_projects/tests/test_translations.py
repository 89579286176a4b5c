from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests import tagged
from odoo.tools.translate import TranslationModuleReader

from .common import TtcpProjectsCase

MODULES = ("ttcp_projects", "ttcp_procurement", "ttcp_it_assets", "ttcp_dashboards")


@tagged("post_install", "-at_install")
class TestTranslations(TtcpProjectsCase):
    """Issue 10: each addon's vi.po translates every term the addon exports (the terms Odoo
    extracts from its code, views, data and reports), and model names read in Vietnamese."""

    def _installed(self):
        return self.env["ir.module.module"].search([("name", "in", MODULES), ("state", "=", "installed")])

    def test_vi_po_covers_every_exported_term(self):
        for module in self._installed().mapped("name"):
            with self.subTest(module=module):
                po = polib.pofile(str(Path(get_module_path(module)) / "i18n" / "vi.po"))
                translated = {entry.msgid for entry in po if entry.msgstr and not entry.obsolete}
                reader = TranslationModuleReader(self.env.cr, modules=[module])
                exported = {source for (_m, _t, _n, _r, source, _v, _c) in reader if source}
                missing = sorted(exported - translated)
                self.assertFalse(missing, f"{len(missing)} terms of {module} lack Vietnamese: {missing[:10]}")

    def test_model_names_read_in_vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        modules = self._installed().mapped("name")
        self.env["ir.module.module"]._load_module_terms(modules, ["vi_VN"], overwrite=True)
        models = (
            self.env["ir.model"]
            .with_context(lang="vi_VN")
            .search([("model", "=like", "ttcp.%"), ("transient", "=", False)])
        )
        self.assertTrue(models)
        english = self.env["ir.model"].with_context(lang="en_US")
        for model in models:
            with self.subTest(model=model.model):
                self.assertNotEqual(model.name, english.browse(model.id).name, "model name not translated")
        project = self.env["ttcp.investment.project"].with_context(lang="vi_VN").new({})
        self.assertEqual(str(project._creation_message()), "Dự án đầu tư CNTT được tạo")

    def test_years_in_the_chatter_are_not_grouped(self):
        project = self._create_project(start_year=2024, end_year=2025)
        self._flush_tracking()
        project.end_year = 2026
        self._flush_tracking()
        tracking = self._tracking_values(project, "end_year")
        [shown] = tracking._tracking_value_format_model("ttcp.investment.project")
        self.assertEqual(shown["fieldType"], "char")
        self.assertEqual((shown["oldValue"]["value"], shown["newValue"]["value"]), ("2025", "2026"))
