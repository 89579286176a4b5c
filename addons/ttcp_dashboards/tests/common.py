"""Shared helpers: the dashboards' JSON, their data sources and the evaluation of their domains."""

import json
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import TransactionCase
from odoo.tools import file_open
from odoo.tools.safe_eval import datetime, safe_eval, time

# The demo data is dated around this day (warranties, milestones, SLA breaches, the 2026 plans):
# the data checks evaluate the dashboards' relative domains ("next 60 days", "current year") on it.
DEMO_TODAY = date(2026, 12, 5)

BOARD = "ttcp_dashboards.dashboard_board"
FINANCE = "ttcp_dashboards.dashboard_finance"
ASSETS = "ttcp_dashboards.dashboard_it_assets"
DASHBOARDS = {
    BOARD: "ttcp_dashboards/data/files/ttcp_board_dashboard.json",
    FINANCE: "ttcp_dashboards/data/files/ttcp_finance_dashboard.json",
    ASSETS: "ttcp_dashboards/data/files/ttcp_it_assets_dashboard.json",
}

# Who sees which dashboard (demo users by xmlid).
AUDIENCE = {
    "ttcp_projects.demo_user_board": {BOARD},
    "ttcp_projects.demo_user_board_manager": {BOARD, FINANCE},
    "ttcp_projects.demo_user_leadership": {BOARD, FINANCE},
    "ttcp_projects.demo_user_finance": {FINANCE},
    "ttcp_it_assets.demo_user_asset_manager": {ASSETS},
    "ttcp_it_assets.demo_user_asset_technician": {ASSETS},
    "ttcp_projects.demo_user_department": set(),
    "ttcp_projects.demo_user_rules_admin": set(),
}


def load_dashboard_json(path):
    with file_open(path) as handle:
        return json.load(handle)


def data_sources(data):
    """(kind, name, model, domain, group-bys, measures, list columns, order) of every pivot, list
    and Odoo chart of a dashboard."""
    sources = []
    for pivot in data.get("pivots", {}).values():
        groupbys = [dim["fieldName"] for dim in pivot["rows"] + pivot["columns"]]
        measures = [m["fieldName"] for m in pivot["measures"]]
        sources.append(("pivot", pivot["name"], pivot["model"], pivot["domain"], groupbys, measures, [], []))
    for lst in data.get("lists", {}).values():
        order = [o["name"] for o in lst.get("orderBy", [])]
        sources.append(("list", lst["name"], lst["model"], lst["domain"], [], [], lst["columns"], order))
    for sheet in data["sheets"]:
        for figure in sheet["figures"]:
            chart = figure["data"]
            if figure["tag"] == "chart" and chart["type"].startswith("odoo_"):
                meta = chart["metaData"]
                groupbys = [g.split(":")[0] for g in meta["groupBy"]]
                sources.append(
                    (
                        "chart",
                        chart["title"]["text"],
                        meta["resModel"],
                        chart["searchParams"]["domain"],
                        groupbys,
                        [meta["measure"]],
                        [],
                        [],
                    )
                )
    return sources


def eval_domain(domain, today):
    """A domain of the JSON as the spreadsheet evaluates it: a list, or a string with
    context_today() and relativedelta as Odoo's web client evaluates them."""
    if isinstance(domain, list):
        return domain
    return safe_eval(
        domain,
        {
            "context_today": lambda: today,
            "relativedelta": relativedelta,
            "datetime": datetime,
            "time": time,
        },
    )


class DashboardCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboards = {xmlid: cls.env.ref(xmlid) for xmlid in DASHBOARDS}
        cls.data = {xmlid: load_dashboard_json(path) for xmlid, path in DASHBOARDS.items()}
        cls.group = cls.env.ref("ttcp_dashboards.dashboard_group_it_projects")
        cls.users = {xmlid: cls.env.ref(xmlid) for xmlid in AUDIENCE}
