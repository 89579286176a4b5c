"""Load test of a running ttcp-odoo (issue 11): simulated users over HTTP, bounded in users,
requests and time, on the loopback interface only.

    python3 scripts/load_test.py --url http://127.0.0.1:8069 --db ttcp_scale --users 50 --duration 300

Each simulated user logs in as one of three users (password = login; on a database filled by
generate_scale_data.py, which has no demo users, they are created first as the admin; the
users log in one after the other over ``--ramp-up`` seconds) and
repeats its journey, pausing ``--think`` seconds between two (3-8 s by default), until the
time is up or the request budget is spent:

- board (``board.manager``): the projects list, a project's form, the board dashboard;
- finance (``finance.officer``): the year's capital plans with their forecast and the filter
  "forecast misses the plan"; a payment request of 1,000,000 ₫ on a contract shared with the
  other finance users: create, submit to the Treasury, record the payment. The rules refuse
  some on purpose (paid beyond the work accepted, beyond the year's plan, two users on the same
  contract): those are counted as business refusals, not errors;
- technician (``giangan.technician``): the portal's incident list, an incident, a note, respond
  and resolve an open incident.

It prints p50/p95/p99 per request kind, the error and refusal counts, then checks as the admin
that every contract's paid total equals the sum of its paid disbursements and that no capital
plan is over-disbursed (exit code 1 when a check fails or a request failed).
"""

import argparse
import random
import re
import statistics
import sys
import threading
import time
from collections import defaultdict

import requests

ROLES = [
    ("board", "board.manager", 0.4),
    ("finance", "finance.officer", 0.3),
    ("technician", "giangan.technician", 0.3),
]
BUSINESS_ERRORS = ("odoo.exceptions.ValidationError", "odoo.exceptions.UserError")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(int)
        self.refusals = defaultdict(int)
        self.samples = {}
        self.requests = 0

    def record(self, kind, seconds, error=None, refused=False):
        with self.lock:
            self.requests += 1
            self.times[kind].append(seconds * 1000)
            if refused:
                self.refusals[kind] += 1
            elif error:
                self.errors[kind] += 1
                self.samples.setdefault(kind, error)


class Client:
    """One logged-in session talking JSON-RPC and the portal pages."""

    def __init__(self, url, db, login, stats, password=None):
        self.url, self.stats = url, stats
        self.session = requests.Session()
        response = self.session.post(
            f"{url}/web/session/authenticate",
            json={"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": password or login}},
            timeout=60,
        )
        if not response.json().get("result"):
            raise SystemExit(f"cannot log in as {login}")

    def call(self, kind, model, method, *args, **kwargs):
        start = time.perf_counter()
        error, refused, result = None, False, None
        try:
            payload = {
                "jsonrpc": "2.0",
                "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
            }
            response = self.session.post(
                f"{self.url}/web/dataset/call_kw/{model}/{method}", json=payload, timeout=120
            )
            data = response.json()
            if "error" in data:
                name = data["error"].get("data", {}).get("name", "")
                refused = name in BUSINESS_ERRORS
                error = data["error"].get("data", {}).get("message", str(data["error"]))[:200]
            else:
                result = data["result"]
        except (requests.RequestException, ValueError) as exc:
            error = repr(exc)[:200]
        self.stats.record(kind, time.perf_counter() - start, error, refused)
        return None if error else result

    def page(self, kind, path, data=None):
        start = time.perf_counter()
        error, text = None, ""
        try:
            if data is None:
                response = self.session.get(f"{self.url}{path}", timeout=120)
            else:
                response = self.session.post(f"{self.url}{path}", data=data, timeout=120)
            text = response.text
            if response.status_code >= 400:
                error = f"HTTP {response.status_code}"
            elif "?error=" in response.url:
                self.stats.record(kind, time.perf_counter() - start, "refused", refused=True)
                return text
        except requests.RequestException as exc:
            error = repr(exc)[:200]
        self.stats.record(kind, time.perf_counter() - start, error)
        return text


def board_journey(client, rng, ctx):
    projects = client.call(
        "board: projects list",
        "ttcp.investment.project",
        "web_search_read",
        [],
        specification={"code": {}, "name": {}, "stage": {}, "next_step_due": {}, "total_investment": {}},
        limit=80,
    )
    if projects and projects.get("records"):
        project = rng.choice(projects["records"])
        client.call(
            "board: project form",
            "ttcp.investment.project",
            "web_read",
            [project["id"]],
            specification={
                "code": {},
                "name": {},
                "stage": {},
                "next_step": {},
                "next_step_due": {},
                "package_count": {},
                "contract_count": {},
                "disbursement_count": {},
                "decision_ids": {"fields": {"number": {}, "date": {}, "amount": {}}},
            },
        )
    if ctx.get("dashboard_id"):
        client.call(
            "board: dashboard", "spreadsheet.dashboard", "get_readonly_dashboard", [ctx["dashboard_id"]]
        )


def finance_journey(client, rng, ctx):
    year = time.gmtime().tm_year
    client.call(
        "finance: forecast of the year",
        "ttcp.capital.plan",
        "web_search_read",
        [("year", "=", year)],
        specification={
            "investment_project_id": {"fields": {"display_name": {}}},
            "amount": {},
            "amount_disbursed": {},
            "amount_scheduled": {},
            "forecast_rate": {},
            "forecast_gap": {},
        },
        limit=80,
    )
    client.call(
        "finance: forecast misses the plan",
        "ttcp.capital.plan",
        "web_search_read",
        [("forecast_short", "=", True)],
        specification={"amount": {}, "forecast_gap": {}},
        limit=80,
    )
    if not ctx["contracts"]:
        return
    contract_id = rng.choice(ctx["contracts"])
    new_id = client.call(
        "finance: payment request",
        "ttcp.disbursement",
        "create",
        {
            "contract_id": contract_id,
            "disbursement_type": "payment",
            "amount": 1_000_000,
            "treasury_request_number": f"LOAD-{rng.randrange(10**9)}",
        },
    )
    if new_id:
        if client.call("finance: submit", "ttcp.disbursement", "action_submit", [new_id]) is not None:
            client.call("finance: pay", "ttcp.disbursement", "action_pay", [new_id])


def technician_journey(client, rng, ctx):
    listing = client.page("technician: portal list", "/my/incidents?filterby=open")
    ids = [int(i) for i in re.findall(r"/my/incidents/(\d+)\"", listing)]
    if not ids:
        return
    incident = rng.choice(ids)
    page = client.page("technician: incident", f"/my/incidents/{incident}")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    if not token:
        return
    action = rng.choice(["note", "respond", "resolve"])
    client.page(
        f"technician: {action}",
        f"/my/incidents/{incident}/update",
        {
            "csrf_token": token.group(1),
            "action": action,
            "contractor_note": f"load test {rng.randrange(1000)}",
        },
    )


JOURNEYS = {"board": board_journey, "finance": finance_journey, "technician": technician_journey}


def _xmlid(admin, xmlid):
    module, name = xmlid.split(".")
    rows = admin.call(
        "prepare", "ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)], ["res_id"]
    )
    return rows[0]["res_id"] if rows else None


def ensure_users(admin):
    """The three logins of ``ROLES`` (password = login). A database filled by
    generate_scale_data.py has no demo users: they are created here, the technician as a
    portal user of the contractor with the most open incidents."""
    existing = {
        u["login"]
        for u in admin.call(
            "prepare",
            "res.users",
            "search_read",
            [("login", "in", [login for _r, login, _s in ROLES])],
            ["login"],
        )
        or []
    }
    groups = {
        "board": "ttcp_projects.group_board_manager",
        "finance": "ttcp_projects.group_finance",
        "technician": "ttcp_it_assets.group_asset_contractor",
    }
    for role, login, _share in ROLES:
        if login in existing:
            continue
        vals = {
            "name": f"Load test {role}",
            "login": login,
            "password": login,
            "tz": "Asia/Ho_Chi_Minh",
            "groups_id": [(6, 0, [_xmlid(admin, groups[role])])],
        }
        if role == "technician":
            busiest = admin.call(
                "prepare",
                "maintenance.request",
                "read_group",
                [("stage_id.done", "=", False), ("contract_id", "!=", False)],
                ["contractor_partner_id"],
                ["contractor_partner_id"],
                orderby="contractor_partner_id_count desc",
                limit=1,
            )
            if not busiest:
                raise SystemExit("no open incident under a contract: nothing for a technician to do")
            vals["parent_id"] = busiest[0]["contractor_partner_id"][0]
        if not admin.call("prepare", "res.users", "create", vals):
            raise SystemExit(f"could not create the user {login}")
        print(f"created {login}")


def prepare(url, db, admin_password):
    """Shared contracts with room for payments, and the board dashboard's id, read as admin."""
    admin = Client(url, db, "admin", Stats(), password=admin_password)
    ensure_users(admin)
    contracts = admin.call(
        "prepare",
        "ttcp.contract",
        "search_read",
        [("state", "in", ["signed", "in_progress", "accepted"]), ("investment_project_id", "!=", False)],
        ["id", "accepted_value", "amount_paid"],
        limit=2000,
    )
    shared = [c["id"] for c in contracts or [] if c["accepted_value"] - c["amount_paid"] > 10_000_000][:20]
    dashboards = admin.call(
        "prepare",
        "ir.model.data",
        "search_read",
        [("module", "=", "ttcp_dashboards"), ("name", "=", "dashboard_board")],
        ["res_id"],
    )
    return admin, {"contracts": shared, "dashboard_id": dashboards[0]["res_id"] if dashboards else None}


def check_totals(admin):
    """Every contract's paid total equals its paid disbursements; no plan is over-disbursed."""
    problems = []
    contracts = admin.call(
        "check", "ttcp.contract", "search_read", [], ["id", "number", "amount_paid", "advance_paid"]
    )
    paid = admin.call(
        "check",
        "ttcp.disbursement",
        "read_group",
        [("state", "=", "paid")],
        ["amount:sum", "advance_recovery_amount:sum"],
        ["contract_id", "effective_type"],
        lazy=False,
    )
    # Advances apart, every paid type (payment, final payment, retention release) is work paid.
    by_contract = defaultdict(lambda: {"payment": 0.0, "advance": 0.0})
    for group in paid or []:
        if group["contract_id"] and group["effective_type"]:
            kind = "advance" if group["effective_type"] == "advance" else "payment"
            by_contract[group["contract_id"][0]][kind] += group["amount"]
    for contract in contracts or []:
        sums = by_contract[contract["id"]]
        if (
            abs(sums["payment"] - contract["amount_paid"]) > 0.5
            or abs(sums["advance"] - contract["advance_paid"]) > 0.5
        ):
            problems.append(
                f"contract {contract['number']}: paid {contract['amount_paid']} vs disbursements {sums}"
            )
    plans = admin.call(
        "check", "ttcp.capital.plan", "search_read", [], ["display_name", "amount", "amount_disbursed"]
    )
    for plan in plans or []:
        if plan["amount_disbursed"] > plan["amount"] + 0.5:
            problems.append(
                f"plan {plan['display_name']}: disbursed {plan['amount_disbursed']} > {plan['amount']}"
            )
    return problems, len(contracts or []), len(plans or [])


def report_totals(admin):
    """Print the totals check; return the inconsistencies found."""
    problems, n_contracts, n_plans = check_totals(admin)
    print(
        f"totals checked: {n_contracts} contracts, {n_plans} capital plans: {len(problems)} inconsistencies"
    )
    for problem in problems[:20]:
        print("  " + problem)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=300, help="seconds")
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--admin-password", default="admin")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--think",
        default="3,8",
        help="a user's pause between two journeys, seconds 'min,max' (default 3,8: reading a page)",
    )
    parser.add_argument(
        "--ramp-up",
        type=float,
        default=30.0,
        help="seconds over which the users log in (a login hashes the password: ~1.7 s of CPU)",
    )
    parser.add_argument("--check-only", action="store_true", help="only check the totals")
    args = parser.parse_args()
    think = tuple(float(x) for x in args.think.split(","))
    if not re.match(r"^http://(127\.0\.0\.1|localhost)(:\d+)?/?$", args.url):
        raise SystemExit("the load test talks to the loopback interface only (http://127.0.0.1:PORT)")
    if not 1 <= args.users <= 200 or not 1 <= args.duration <= 3600:
        raise SystemExit("at most 200 users and one hour")

    if args.check_only:
        admin = Client(args.url, args.db, "admin", Stats(), password=args.admin_password)
        sys.exit(1 if report_totals(admin) else 0)
    admin, ctx = prepare(args.url, args.db, args.admin_password)
    print(f"shared contracts: {len(ctx['contracts'])}, board dashboard: {ctx['dashboard_id']}")
    stats = Stats()
    deadline = time.monotonic() + args.duration
    roles = [role for role, _login, _share in ROLES]
    weights = [share for _role, _login, share in ROLES]
    logins = {role: login for role, login, _share in ROLES}

    def user(index):
        rng = random.Random(args.seed * 1000 + index)
        role = rng.choices(roles, weights)[0] if index >= len(roles) else roles[index]
        client = Client(args.url, args.db, logins[role], stats)
        while time.monotonic() < deadline and stats.requests < args.max_requests:
            JOURNEYS[role](client, rng, ctx)
            time.sleep(rng.uniform(*think))  # think time

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(args.users)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
        time.sleep(args.ramp_up / args.users)
    for thread in threads:
        thread.join(timeout=max(0, deadline - time.monotonic()) + 180)
    elapsed = time.monotonic() - started

    print(
        f"\n{args.users} users, think time {think[0]:g}-{think[1]:g} s, {elapsed:.0f} s, "
        f"{stats.requests} requests ({stats.requests / elapsed:.1f}/s)"
    )
    print(f"{'request':40} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'refused':>8}")
    for kind in sorted(stats.times):
        values = sorted(stats.times[kind])
        quantiles = statistics.quantiles(values, n=100) if len(values) > 1 else values * 99
        print(
            f"{kind:40} {len(values):6d} {statistics.median(values):8.0f} {quantiles[94]:8.0f} "
            f"{quantiles[98]:8.0f} {stats.errors[kind]:7d} {stats.refusals[kind]:8d}"
        )
    errors = sum(stats.errors.values())
    print(f"errors: {errors}, business refusals: {sum(stats.refusals.values())}")
    for kind, sample in stats.samples.items():
        print(f"  first error of {kind}: {sample}")
    problems = report_totals(admin)
    sys.exit(1 if errors or problems else 0)


if __name__ == "__main__":
    main()
