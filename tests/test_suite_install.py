"""All the suite's addons installed together, at the versions their manifests say."""

import ast
from pathlib import Path

from odoo.tests.common import TransactionCase

ADDONS_DIR = Path(__file__).resolve().parent.parent / "addons"


def _manifests():
    return {
        path.parent.name: ast.literal_eval(path.read_text(encoding="utf-8"))
        for path in sorted(ADDONS_DIR.glob("*/__manifest__.py"))
    }


class TestSuiteInstall(TransactionCase):
    # Odoo's test metaclass tags only classes inside addons; pytest-odoo runs this one too.
    test_tags = {"standard", "at_install"}
    test_module = "ttcp_suite"

    def test_every_addon_installed_at_its_version(self):
        manifests = _manifests()
        self.assertTrue(manifests, "no addon under addons/")
        modules = self.env["ir.module.module"].search([("name", "in", list(manifests))])
        self.assertEqual(sorted(modules.mapped("name")), sorted(manifests))
        for module in modules:
            with self.subTest(module=module.name):
                self.assertEqual(module.state, "installed")
                self.assertEqual(module.latest_version, manifests[module.name]["version"])

    def test_manifests_follow_oca_habits(self):
        for name, manifest in _manifests().items():
            with self.subTest(addon=name):
                self.assertTrue(manifest["version"].startswith("18.0."))
                self.assertEqual(len(manifest["version"].split(".")), 5)
                self.assertIn(manifest.get("license"), {"LGPL-3", "AGPL-3", "OPL-1"})
                for key in ("data", "demo"):
                    for file in manifest.get(key, []):
                        self.assertTrue((ADDONS_DIR / name / file).is_file(), f"{name}: {file} missing")
                self.assertTrue((ADDONS_DIR / name / "i18n" / "vi.po").is_file(), f"{name}: no i18n/vi.po")

    def test_demo_data_loaded(self):
        """The suite ran on a database with demo data, as the README's demo does."""
        if "ttcp_projects" not in _manifests():
            self.skipTest("ttcp_projects is not in addons/")
        projects = self.env["ttcp.investment.project"].search([])
        self.assertGreaterEqual(len(projects), 5)
        self.assertTrue(self.env.ref("ttcp_projects.demo_dep_ttcp", raise_if_not_found=False))

    def test_every_model_has_access_rules(self):
        """Each model of the suite has at least one access line (also transient ones)."""
        models = self.env["ir.model"].search([("modules", "ilike", "ttcp_")])
        missing = []
        for model in models:
            if not model.model.startswith("ttcp.") or self.env[model.model]._abstract:
                continue
            if not self.env["ir.model.access"].search_count([("model_id", "=", model.id)]):
                missing.append(model.model)
        self.assertFalse(missing, f"models without access rules: {missing}")
