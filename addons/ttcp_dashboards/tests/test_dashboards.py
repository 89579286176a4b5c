"""The three dashboards: records, JSON, data sources against the models, domains, who sees
which dashboard, and that the demo data fills every data source for each of its readers."""

import json

from odoo.fields import Date
from odoo.tests import tagged

from .common import AUDIENCE, DEMO_TODAY, DashboardCase, data_sources, eval_domain

NUMERIC = ("integer", "float", "monetary")


@tagged("post_install", "-at_install")
class TestDashboards(DashboardCase):
    def test_records_and_json(self):
        self.assertEqual(self.group.with_context(lang="en_US").name, "IT Projects")
        self.assertEqual(set(self.group.dashboard_ids), set(self.dashboards.values()))
        for xmlid, dashboard in self.dashboards.items():
            with self.subTest(dashboard=xmlid):
                self.assertTrue(dashboard.is_published)
                self.assertTrue(dashboard.group_ids)
                self.assertTrue(dashboard.main_data_model_ids)
                stored = json.loads(dashboard.spreadsheet_data)
                self.assertEqual(stored, self.data[xmlid], "the record holds the file of data/files/")
                self.assertEqual(stored["version"], 21)
                self.assertTrue(stored["pivots"] or stored["lists"])
                visible = [sheet for sheet in stored["sheets"] if sheet["isVisible"]]
                self.assertEqual(visible[0]["name"], "Tổng quan")
                snapshot = dashboard.get_readonly_dashboard()["snapshot"]
                self.assertEqual(len(snapshot["sheets"]), len(stored["sheets"]))

    def test_formulas_reference_existing_sources(self):
        for xmlid, data in self.data.items():
            pivots, lists = set(data["pivots"]), set(data["lists"])
            used_pivots, used_lists = set(), set()
            for sheet in data["sheets"]:
                for cell in sheet["cells"].values():
                    content = cell.get("content", "")
                    for prefix, used in (
                        ("PIVOT.VALUE(", used_pivots),
                        ("PIVOT.HEADER(", used_pivots),
                        ("PIVOT(", used_pivots),
                        ("ODOO.LIST(", used_lists),
                    ):
                        start = 0
                        while (index := content.find(prefix, start)) >= 0:
                            start = index + len(prefix)
                            if prefix == "PIVOT(" and content[index - 1 : index] == ".":
                                continue
                            used.add(content[start:].split(",")[0].split(")")[0].strip())
            with self.subTest(dashboard=xmlid):
                self.assertLessEqual(used_pivots, pivots)
                self.assertLessEqual(used_lists, lists)
                self.assertEqual(used_pivots, pivots, "every pivot is shown somewhere")
                self.assertEqual(used_lists, lists, "every list is shown somewhere")

    def test_data_sources_name_stored_fields(self):
        for xmlid, data in self.data.items():
            for kind, name, model_name, _domain, groupbys, measures, columns, order in data_sources(data):
                with self.subTest(dashboard=xmlid, source=name):
                    self.assertIn(model_name, self.env, f"{kind} {name}: no model {model_name}")
                    model = self.env[model_name]
                    for fname in groupbys:
                        field = model._fields.get(fname)
                        self.assertTrue(field, f"{model_name}.{fname} does not exist")
                        self.assertTrue(field.store, f"{model_name}.{fname} is grouped by but not stored")
                        self.assertTrue(field._description_groupable(self.env), f"{model_name}.{fname}")
                    for fname in measures:
                        if fname == "__count":
                            continue
                        field = model._fields.get(fname)
                        self.assertTrue(field, f"{model_name}.{fname} does not exist")
                        self.assertTrue(field.store, f"{model_name}.{fname} is a measure but not stored")
                        self.assertIn(field.type, NUMERIC)
                        self.assertTrue(field.aggregator, f"{model_name}.{fname} has no aggregator")
                    for fname in columns:
                        self.assertIn(fname, model._fields, f"{model_name}.{fname} does not exist")
                    for fname in order:
                        field = model._fields.get(fname)
                        self.assertTrue(field and field.store, f"{model_name} sorted on {fname}, not stored")

    def test_filter_matchings_name_existing_fields(self):
        for xmlid, data in self.data.items():
            filters = {f["id"]: f for f in data["globalFilters"]}
            definitions = list(data["pivots"].values()) + list(data["lists"].values())
            definitions += [
                figure["data"]
                for sheet in data["sheets"]
                for figure in sheet["figures"]
                if figure["data"]["type"].startswith("odoo_")
            ]
            for definition in definitions:
                model_name = definition.get("model") or definition["metaData"]["resModel"]
                for filter_id, matching in definition.get("fieldMatching", {}).items():
                    with self.subTest(dashboard=xmlid, model=model_name, chain=matching["chain"]):
                        self.assertIn(filter_id, filters)
                        model = self.env[model_name]
                        for part in matching["chain"].split("."):
                            field = model._fields[part]
                            model = self.env[field.comodel_name] if field.relational else model
                        self.assertEqual(model._name, filters[filter_id]["modelName"])

    def test_domains_are_valid(self):
        for xmlid, data in self.data.items():
            for _kind, name, model_name, domain, *_rest in data_sources(data):
                for today in (Date.context_today(self.env.user), DEMO_TODAY):
                    with self.subTest(dashboard=xmlid, source=name, today=today):
                        evaluated = eval_domain(domain, today)
                        self.assertIsInstance(evaluated, list)
                        self.env[model_name].search_count(evaluated)

    def test_visibility_per_user(self):
        Dashboard = self.env["spreadsheet.dashboard"]
        Group = self.env["spreadsheet.dashboard.group"]
        ours = set(self.dashboards.values())
        for user_xmlid, expected in AUDIENCE.items():
            user = self.users[user_xmlid]
            with self.subTest(user=user.login):
                # x2many values are cached across users in one transaction; a request starts afresh
                self.env.invalidate_all()
                seen = set(Dashboard.with_user(user).search([("dashboard_group_id", "=", self.group.id)]))
                self.assertEqual(seen, {self.dashboards[x] for x in expected})
                # what the Dashboards app asks for its side panel (it drops empty groups)
                panel = Group.with_user(user).web_search_read(
                    [("published_dashboard_ids", "!=", False)],
                    {"name": {}, "published_dashboard_ids": {"fields": {"name": {}}}},
                )["records"]
                shown = {
                    dashboard["id"]
                    for group in panel
                    if group["id"] == self.group.id
                    for dashboard in group["published_dashboard_ids"]
                }
                self.assertEqual(shown, {self.dashboards[x].id for x in expected})
                for xmlid in expected:
                    result = self.dashboards[xmlid].with_user(user).get_readonly_dashboard()
                    self.assertNotIn("is_sample", result)
                    self.assertEqual(result["snapshot"]["pivots"], self.data[xmlid]["pivots"])
                for xmlid in set(self.dashboards) - expected:
                    self.assertFalse(self.dashboards[xmlid].with_user(user).has_access("read"))
                self.assertLessEqual(seen, ours)

    def test_demo_data_fills_every_source_for_its_readers(self):
        """Each reader of a dashboard reads every one of its data sources (no AccessError) and
        finds data in the demo database (relative dates taken on DEMO_TODAY)."""
        for xmlid, data in self.data.items():
            readers = [self.users[u] for u, seen in AUDIENCE.items() if xmlid in seen]
            self.assertTrue(readers)
            for kind, name, model_name, domain, groupbys, measures, columns, _order in data_sources(data):
                evaluated = eval_domain(domain, DEMO_TODAY)
                for user in readers:
                    with self.subTest(dashboard=xmlid, source=name, user=user.login):
                        model = self.env[model_name].with_user(user)
                        self.assertGreater(model.search_count(evaluated), 0, f"{kind} {name}: no data")
                        if columns:
                            # what the spreadsheet reads, computed columns included
                            rows = model.search_read(evaluated, columns, limit=20)
                        else:
                            specs = [f"{m}:{model._fields[m].aggregator}" for m in measures if m != "__count"]
                            rows = model.read_group(evaluated, specs or ["__count"], groupbys, lazy=False)
                        self.assertTrue(rows)
