"""Screenshots of what each kind of user sees, in Vietnamese, for the README.

Run it against a demo database served by ``scripts/run-demo.sh`` (its users read Vietnamese):

    bash scripts/run-demo.sh &                       # http://localhost:8069, database ttcp_demo
    python3 scripts/take_screenshots.py --url http://localhost:8069 --db ttcp_demo

It logs in as each demo user (password = login), opens each page in headless Chromium (the
distribution's ``chromium``), waits until the page has drawn its data and writes the PNG files
to ``docs/screenshots/``. It only talks to the URL given (loopback by default).
"""

import argparse
import base64
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import requests
import websocket

ROOT = Path(__file__).resolve().parents[1]

# (login, path or (model xmlid, record xmlid, action), selector to wait for, file name)
SHOTS = [
    (
        "board.manager",
        "/odoo/action-ttcp_projects.investment_project_action",
        ".o_kanban_record",
        "project_kanban",
    ),
    (
        "board.manager",
        ("ttcp_projects.demo_project_portal", "ttcp_projects.investment_project_action"),
        ".o_form_view .o-form-buttonbox",
        "project_form",
    ),
    ("board.manager", "/odoo/action-ttcp_procurement.bid_package_action", ".o_data_row", "package_list"),
    ("board.manager", "/odoo/action-ttcp_projects.overdue_item_action", ".o_group_header", "overdue_panel"),
    (
        "board.manager",
        "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action?dashboard_id={dashboard_board}",
        ".o-dashboard-clickable-cell",
        "dashboard_board",
    ),
    (
        "finance.officer",
        ("ttcp_procurement.demo_contract_portal_13", "ttcp_procurement.contract_action"),
        ".o_form_view .o_statusbar_buttons",
        "contract_form",
    ),
    (
        "finance.officer",
        "/odoo/action-ttcp_procurement.capital_plan_action_finance",
        ".o_data_row",
        "finance_forecast",
    ),
    (
        "finance.officer",
        "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action?dashboard_id={dashboard_finance}",
        ".o-dashboard-clickable-cell",
        "dashboard_finance",
    ),
    (
        "asset.manager",
        "/odoo/action-ttcp_it_assets.action_asset_registry",
        ".o_group_header",
        "asset_registry",
    ),
    (
        "asset.manager",
        "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action?dashboard_id={dashboard_it_assets}",
        ".o-dashboard-clickable-cell",
        "dashboard_it_assets",
    ),
]


class Browser:
    """Headless Chromium driven through the DevTools protocol."""

    def __init__(self, width, height, port=9333):
        self.profile = tempfile.mkdtemp(prefix="ttcp_shots_")
        self.process = subprocess.Popen(
            [
                shutil.which("chromium") or shutil.which("google-chrome") or "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}",
                "--hide-scrollbars",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(50):
            try:
                tabs = requests.get(f"http://127.0.0.1:{port}/json", timeout=2).json()
                page = next(t for t in tabs if t["type"] == "page")
                break
            except (requests.RequestException, StopIteration):
                time.sleep(0.3)
        else:
            raise SystemExit("Chromium did not start")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.call("Network.enable")

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            data = json.loads(self.ws.recv())
            if data.get("id") == self.next_id:
                return data.get("result")

    def wait_for(self, selector, timeout=60):
        expression = f"document.querySelectorAll({json.dumps(selector)}).length"
        for _ in range(timeout):
            result = self.call("Runtime.evaluate", expression=expression)
            if result and result["result"].get("value", 0) > 0:
                return True
            time.sleep(1)
        return False

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def rpc(session, url, model, method, *args, **kwargs):
    payload = {"jsonrpc": "2.0", "params": {"model": model, "method": method, "args": args, "kwargs": kwargs}}
    response = session.post(f"{url}/web/dataset/call_kw", json=payload, timeout=60).json()
    if "error" in response:
        raise SystemExit(f"{model}.{method}: {response['error']['data']['message']}")
    return response["result"]


def res_id_of(session, url, xmlid):
    module, name = xmlid.split(".", 1)
    rows = rpc(
        session,
        url,
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        ["res_id"],
    )
    if not rows:
        raise SystemExit(f"no record {xmlid}")
    return rows[0]["res_id"]


def login(url, db, user, password=None):
    session = requests.Session()
    response = session.post(
        f"{url}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": user, "password": password or user}},
        timeout=60,
    )
    if not response.json().get("result"):
        raise SystemExit(f"cannot log in as {user}: {response.text[:200]}")
    return session


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default="ttcp_demo")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--only", nargs="*", help="file names (without .png) to take")
    parser.add_argument("--admin-password", default="admin", help="to look the demo records up by xmlid")
    args = parser.parse_args()
    if not args.url.startswith(("http://localhost", "http://127.0.0.1")):
        raise SystemExit("screenshots are taken from a local demo server only")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    sessions = {}
    dashboards = {}
    admin = login(args.url, args.db, "admin", args.admin_password)
    browser = Browser(args.width, args.height)
    try:
        for user, target, selector, name in SHOTS:
            if args.only and name not in args.only:
                continue
            session = sessions.get(user) or sessions.setdefault(user, login(args.url, args.db, user))
            if not dashboards and "{dashboard" in str(target):
                for key in ("dashboard_board", "dashboard_finance", "dashboard_it_assets"):
                    dashboards[key] = res_id_of(admin, args.url, f"ttcp_dashboards.{key}")
            if isinstance(target, tuple):
                record, action = target
                path = f"/odoo/action-{action}/{res_id_of(admin, args.url, record)}"
            else:
                path = target.format(**dashboards)
            browser.call("Network.clearBrowserCookies")
            host = args.url.split("//", 1)[1].split(":", 1)[0].split("/", 1)[0]
            browser.call(
                "Network.setCookie",
                name="session_id",
                value=session.cookies["session_id"],
                domain=host,
                path="/",
            )
            browser.call("Page.navigate", url=f"{args.url}{path}")
            if not browser.wait_for(selector):
                print(f"{name}: '{selector}' never appeared on {path}; screenshot taken anyway")
            time.sleep(2)
            shot = browser.call("Page.captureScreenshot", format="png")
            (out / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))
            print(f"{name}.png  ({user}, {path})")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
