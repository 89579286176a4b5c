import re
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

DOC = Path(__file__).resolve().parents[1] / "readme" / "CONFIGURE.md"
BEGIN, END = "<!-- rules:begin -->", "<!-- rules:end -->"
MODULES = ("ttcp_projects", "ttcp_procurement", "ttcp_it_assets")


def _readers(env, code):
    """Python files (tests excluded) that read ``code``, relative to the addons folder."""
    found = []
    for module in MODULES:
        if not env["ir.module.module"].search_count([("name", "=", module), ("state", "=", "installed")]):
            continue
        root = Path(get_module_path(module))
        for path in sorted(root.rglob("*.py")):
            if "tests" in path.relative_to(root).parts or "migrations" in path.relative_to(root).parts:
                continue
            if f'"{code}"' in path.read_text(encoding="utf-8"):
                found.append(f"{module}/{path.relative_to(root)}")
    return found


def render_rules(env):
    """The seeded rules, per code, as CONFIGURE.md lists them: {code: (module, markdown)}."""
    Rule = env["ttcp.legal.rule"].with_context(active_test=False, lang="en_US")
    data = env["ir.model.data"].search([("model", "=", "ttcp.legal.rule"), ("module", "in", MODULES)])
    module_of = {d.res_id: d.module for d in data}
    rules = Rule.browse(list(module_of)).exists()
    units = dict(Rule._fields["unit"]._description_selection(env))
    sources = dict(Rule._fields["source"]._description_selection(env))
    dims = Rule._dimension_fields()
    sections = {}
    for code in sorted(set(rules.mapped("code"))):
        group = rules.filtered(lambda r, code=code: r.code == code)
        module = sorted({module_of[r.id] for r in group}, key=MODULES.index)[0]
        readers = _readers(env, code)
        lines = [
            f"### `{code}` ({module})",
            "",
            f"Unit: {', '.join(sorted({units[r.unit] for r in group}))}. "
            f"Read by: {', '.join(f'`{r}`' for r in readers) or 'nothing'}.",
            "",
            "| From | To | Case | Value | Basis | Source |",
            "|---|---|---|---|---|---|",
        ]
        for rule in group.sorted(lambda r: (r.date_from, ",".join(str(r[d] or "") for d in dims), r.id)):
            case = ", ".join(f"{d}={rule[d]}" for d in dims if rule[d]) or "any"
            value = f"{rule.value:,.0f}" if rule.unit == "vnd" else f"{rule.value:g}"
            if rule.value_max:
                value += f"-{rule.value_max:g}"
            if not rule.applied:
                value = "not applied"
            basis = "; ".join(filter(None, [rule.article, rule.legal_basis])).replace("|", "/")
            lines.append(
                f"| {rule.date_from} | {rule.date_to or 'open'} | {case} | {value} | {basis} | "
                f"{sources.get(rule.source, '')} |"
            )
        sections[code] = (module, "\n".join(lines))
    return sections


def render_document_part(env):
    return "\n\n".join(text for _module, text in render_rules(env).values())


@tagged("post_install", "-at_install")
class TestConfigureDoc(TransactionCase):
    """readme/CONFIGURE.md lists every seeded rule code, what reads it, its unit and periods."""

    def test_configure_md_matches_the_data(self):
        text = DOC.read_text(encoding="utf-8")
        self.assertIn(BEGIN, text)
        part = text.split(BEGIN, 1)[1].split(END, 1)[0]
        documented = {
            m.group(1): m.group(0).strip()
            for m in re.finditer(r"### `([^`]+)` \((\w+)\)\n.*?(?=\n### |\Z)", part.strip() + "\n", re.S)
        }
        for code, (_module, expected) in render_rules(self.env).items():
            with self.subTest(code=code):
                self.assertIn(code, documented, "a seeded rule code missing from CONFIGURE.md")
                self.assertEqual(documented[code], expected.strip())

    def test_every_seeded_code_is_read_by_code(self):
        for code, (_module, text) in render_rules(self.env).items():
            with self.subTest(code=code):
                self.assertNotIn(
                    "Read by: nothing", text, "a rule code that no code reads: use it or remove it"
                )
