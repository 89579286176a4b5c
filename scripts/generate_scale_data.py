"""Fill a database with national-scale TTCP data, for the benchmarks (issue 11).

Usage (a plain python3 program: it bootstraps Odoo itself; every option it does not know
goes to Odoo's option parser, as for odoo-bin)::

    export PGPASSWORD=odoo
    python3 scripts/generate_scale_data.py -d scale_db --db_host=localhost -r odoo -w odoo \\
        --scale 0.1 [--seed 11] [--sample 40]

The database must have ttcp_projects, ttcp_procurement and ttcp_it_assets installed (demo
data allowed) and must not hold generated data yet (the ``ttcp.scale_data`` parameter).

``--scale 1`` is the national target: 500 projects, 2,500 capital plans, 5,000 bid packages,
10,000 contracts, 20,000 milestones, 200,000 disbursements, 100,000 assets and 300,000
maintenance requests (plus their selection plans, bids, decisions, acceptances, contractors,
employees and sites). Years run 2019-2026.

How it works:

1. Reference data that is small and fixed (sites, contractors, employees) is created
   through the ORM.
2. The volume is written with ``COPY``, every related stored field filled with the value the
   ORM would give (company, project, partner, plan year...). The figures obey the rules the
   addons enforce: work paid never exceeds the value accepted on the payment date, which
   never exceeds the contract value; advances are recovered before work paid reaches 80 %
   of the contract value; each payment lies in its capital plan's window and a plan is
   never disbursed beyond its amount (plans are sized from what was paid against them).
3. Stored computed fields:
   * of the small models (projects, capital plans, selection plans, packages, bids,
     contracts, milestones) by the ORM itself: ``env.add_to_compute`` on every record, then
     one flush (measured per model, printed);
   * of the large ones (disbursements, assets, requests) in SQL or in Python with the
     addons' own rules: disbursement names and net amounts, asset warranty ends, maintenance
     coverage (the ``_find_maintenance_contracts`` precedence), request contracts (coverage on
     the reporting day, else the supplier under warranty), SLA due times and working hours
     (the calendars' own work intervals from ``_work_intervals_batch``, walked the way
     ``plan_hours`` and ``get_work_hours_count`` walk them), request counts.
4. A random sample of every model is recomputed by the ORM in a savepoint and compared
   field by field with what is stored; any difference stops the script (exit 1) and
   nothing is committed.
5. ``ir.config_parameter`` ``ttcp.scale_data`` is set to the scale.

Not generated: contract amendments, capital plan adjustments, reversals, handovers,
progress reports, messages and activities.
"""

import argparse
import bisect
import math
import os
import random
import sys
from collections import defaultdict
from datetime import date, datetime, timedelta

import pytz
from dateutil.relativedelta import relativedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from lib.scale_common import SCALE_PARAM, Timer, copy_rows, odoo_env, reserve_ids, scale_of  # noqa: E402

from odoo import SUPERUSER_ID, fields  # noqa: E402
from odoo.tools import float_compare  # noqa: E402

NATIONAL = {
    "projects": 500,
    "plans_per_project": 5,
    "packages_per_project": 10,
    "contracts_per_package": 2,
    "milestones_per_contract": 2,
    "disbursements": 200_000,
    "assets": 100_000,
    "requests": 300_000,
}
FIRST_YEAR, LAST_YEAR = 2019, 2026
PREFIX = "SCL"
LOCAL_TZ = pytz.timezone("Asia/Ho_Chi_Minh")
DISBURSEMENT_LABELS = {
    "advance": "Advance",
    "payment": "Payment",
    "final": "Final payment",
    "retention_release": "Retention release",
    "reversal": "Reversal",
}
PROVINCES = (
    "Hà Nội, Hồ Chí Minh, Hải Phòng, Đà Nẵng, Cần Thơ, Huế, An Giang, Bắc Ninh, Cà Mau, Cao Bằng, "
    "Đắk Lắk, Điện Biên, Đồng Nai, Đồng Tháp, Gia Lai, Hà Tĩnh, Hưng Yên, Khánh Hòa, Lai Châu, "
    "Lâm Đồng, Lạng Sơn, Lào Cai, Nghệ An, Ninh Bình, Phú Thọ, Quảng Ngãi, Quảng Ninh, Quảng Trị, "
    "Sơn La, Tây Ninh, Thái Nguyên, Thanh Hóa, Tuyên Quang, Vĩnh Long"
).split(", ")
CONTRACTOR_WORDS = (
    "Viễn thông, Công nghệ, Tin học, Giải pháp số, Hệ thống thông tin, An ninh mạng, Dữ liệu, "
    "Phần mềm, Thiết bị số, Hạ tầng số, Điện tử, Truyền thông"
).split(", ")
PROJECT_SUBJECTS = (
    "Hệ thống quản lý văn bản, Cơ sở dữ liệu thanh tra, Trung tâm dữ liệu, Hệ thống tiếp công dân, "
    "Nền tảng chia sẻ dữ liệu, Hệ thống giám sát an toàn thông tin, Cổng thông tin điện tử, "
    "Hệ thống họp trực tuyến, Hệ thống xử lý đơn thư, Hạ tầng mạng diện rộng, Hệ thống sao lưu dự phòng, "
    "Hệ thống kê khai tài sản thu nhập"
).split(", ")
MODELS_BY_KIND = {
    "desktop": ["Dell OptiPlex 7010", "HP ProDesk 400 G9", "Lenovo ThinkCentre M70"],
    "laptop": ["Dell Latitude 5440", "HP ProBook 450 G10", "Lenovo ThinkPad T14"],
    "server": ["Dell PowerEdge R750", "HPE ProLiant DL380 Gen11", "Lenovo ThinkSystem SR650"],
    "switch": ["Cisco Catalyst 9300", "Aruba 6300M", "Juniper EX4400"],
    "router": ["Cisco ISR 4451", "Juniper MX204"],
    "firewall": ["Fortinet FortiGate 600F", "Palo Alto PA-3410", "Check Point 6600"],
    "load_balancer": ["F5 BIG-IP i5800", "Citrix ADC MPX"],
    "storage": ["Dell PowerStore 1200T", "NetApp AFF A250"],
    "printer": ["HP LaserJet M406dn", "Canon imageRUNNER 2630"],
    "usb_token": ["Viettel-CA token", "VNPT-CA token"],
    "video_conference": ["Polycom Studio X50", "Cisco Room Kit"],
    "software_licence": ["Microsoft 365 E3", "Kaspersky Endpoint Security", "VMware vSphere"],
    "other": ["Generic device"],
}
NETWORKED = {"desktop", "laptop", "server", "switch", "router", "firewall", "load_balancer", "storage"}


def money(value, unit=1_000_000):
    """A round amount (to the million by default), at least one unit."""
    return max(unit, int(round(value / unit)) * unit)


def rand_date(rng, start, end):
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


class Generator:
    def __init__(self, env, scale, seed, timer):
        self.env = env
        self.cr = env.cr
        self.scale = scale
        self.rng = random.Random(seed)
        self.timer = timer
        self.today = fields.Date.context_today(env["res.users"])
        self.now = fields.Datetime.now()
        self.company = env.ref("base.main_company")
        self.vnd = env.ref("base.VND")
        self.agency_calendar = env.ref("ttcp_projects.resource_calendar_state_agency")
        self.n_projects = max(2, round(NATIONAL["projects"] * scale))

    def ids(self, table, count):
        first = reserve_ids(self.cr, table, count)
        return list(range(first, first + count))

    # ------------------------------------------------------------------
    # Reference data (ORM)
    # ------------------------------------------------------------------
    def reference_data(self):
        env, rng = self.env, self.rng
        self.departments = env["hr.department"].search(
            [("id", "child_of", env["hr.department"].search([("name", "=", "Thanh tra Chính phủ")]).ids)]
        )
        if not self.departments:
            self.departments = env["hr.department"].search([("company_id", "in", [self.company.id, False])])
        self.department_ids = self.departments.ids
        Site = env["ttcp.site"]
        root = Site.create({"name": "Trụ sở Thanh tra Chính phủ (quy mô)", "code": f"{PREFIX}-HQ"})
        provinces = Site.create(
            [
                {"name": f"Thanh tra tỉnh {name}", "code": f"{PREFIX}-P{i:02d}", "parent_id": root.id}
                for i, name in enumerate(PROVINCES)
            ]
        )
        rooms = []
        for site in root | provinces:
            for j, label in enumerate(("Phòng máy chủ", "Khối văn phòng")):
                rooms.append({"name": label, "code": f"{site.code}-{j}", "parent_id": site.id})
        self.sites = root | provinces | Site.create(rooms)
        self.province_sites = root | provinces
        n_contractors = 30 + round(120 * self.scale)
        self.contractors = env["res.partner"].create(
            [
                {
                    "name": f"Công ty {rng.choice(('Cổ phần', 'TNHH'))} {rng.choice(CONTRACTOR_WORDS)} "
                    f"{PREFIX} {i:03d}",
                    "is_company": True,
                }
                for i in range(n_contractors)
            ]
        )
        n_employees = 40 + round(260 * self.scale)
        self.employees = env["hr.employee"].create(
            [
                {"name": f"Cán bộ {PREFIX} {i:04d}", "department_id": rng.choice(self.department_ids)}
                for i in range(n_employees)
            ]
        )
        self.categories = env["maintenance.equipment.category"].search([])
        self.team = env["maintenance.team"].search([("company_id", "in", [self.company.id, False])], limit=1)
        self.sources = env["ttcp.funding.source"].search([("budget_type", "=", "project")])
        self.managers = env["res.users"].search([("share", "=", False), ("id", "!=", 1)]).ids
        env.flush_all()

    # ------------------------------------------------------------------
    # Projects, decisions, capital plans (plans are sized after the payments)
    # ------------------------------------------------------------------
    def projects(self):
        rng = self.rng
        self.project_rows = []
        ids = self.ids("ttcp_investment_project", self.n_projects)
        decisions = []
        for i, pid in enumerate(ids):
            first = rng.choices((2019, 2020, 2021, 2022), weights=(10, 20, 30, 40))[0]
            last = first + NATIONAL["plans_per_project"] - 1
            if last < LAST_YEAR:
                stage = rng.choices(("warranty", "settlement", "closed"), weights=(3, 3, 4))[0]
            else:
                stage = "implementation"
            group = rng.choices(("a", "b", "c"), weights=(5, 35, 60))[0]
            total = money(rng.lognormvariate(math.log(40e9 if group == "c" else 150e9), 0.6))
            handover = date(last, 12, rng.randint(1, 20)) if stage != "implementation" else None
            settlement_file = None
            if stage in ("settlement", "closed"):
                settlement_file = handover + timedelta(days=rng.randint(60, 150))
            if settlement_file and settlement_file > self.today:
                settlement_file = None
                stage = "warranty"
            project = {
                "id": pid,
                "code": f"{PREFIX}-{i + 1:04d}",
                "first": first,
                "last": last,
                "source": rng.choices(self.sources.ids, weights=[4] + [1] * (len(self.sources) - 1))[0],
                "department": rng.choice(self.department_ids),
                "total": total,
            }
            self.project_rows.append(project)
            self._project_decisions(decisions, project, stage, total, handover)
            project["row"] = (
                pid,
                project["code"],
                f"{rng.choice(PROJECT_SUBJECTS)} giai đoạn {first}-{last} ({i + 1})",
                True,
                rng.choices(("investment", "procurement", "maintenance"), weights=(7, 2, 1))[0],
                group,
                self.company.id,
                self.vnd.id,
                self.company.partner_id.id,
                project["department"],
                rng.choice(self.managers),
                first,
                last,
                stage,
                date(last, 12, 28) if stage != "implementation" else date(first, 3, 1),
                handover,
                settlement_file,
            )
        copy_rows(
            self.cr,
            "ttcp_investment_project",
            "id code name active project_type project_group company_id currency_id owner_id "
            "department_id manager_id start_year end_year stage stage_date handover_date "
            "settlement_file_date".split(),
            (p["row"] for p in self.project_rows),
        )
        copy_rows(
            self.cr,
            "ttcp_project_decision",
            "investment_project_id company_id decision_type number date signer amount".split(),
            decisions,
        )

    def _project_decisions(self, decisions, project, stage, total, handover):
        first, pid = project["first"], project["id"]
        steps = [
            ("policy", date(first - 1, 6, 15), None),
            ("investment", date(first - 1, 10, 20), total),
            ("design", date(first - 1, 12, 10), None),
            ("selection_plan", date(first, 1, 5), None),
        ]
        if stage == "closed":
            steps.append(("settlement", handover + timedelta(days=200), money(total * 0.93)))
        for n, (kind, day, amount) in enumerate(steps):
            decisions.append(
                (
                    pid,
                    self.company.id,
                    kind,
                    f"{n + 1}{pid}/QĐ-TTCP",
                    min(day, self.today),
                    "Tổng TTCP",
                    amount,
                )
            )

    # ------------------------------------------------------------------
    # Selection plans, packages, bids, contracts, milestones, acceptances
    # ------------------------------------------------------------------
    def procurement(self):
        rng, cr = self.rng, self.cr
        projects = self.project_rows
        plan_ids = self.ids("ttcp_selection_plan", len(projects))
        n_packages = len(projects) * NATIONAL["packages_per_project"]
        package_ids = iter(self.ids("ttcp_bid_package", n_packages))
        contract_ids = iter(self.ids("ttcp_contract", n_packages * NATIONAL["contracts_per_package"]))
        plans, packages, bids, self.contracts = [], [], [], []
        for project, plan_id in zip(projects, plan_ids, strict=True):
            approval = date(project["first"], 1, rng.randint(5, 20))
            project["selection_plan"] = plan_id
            plans.append(
                (
                    plan_id,
                    f"KHLCNT {project['code']}",
                    project["id"],
                    "project",
                    self.company.id,
                    self.vnd.id,
                    f"{plan_id}/QĐ-KHLCNT",
                    approval,
                    "Chánh Văn phòng",
                    "approved",
                    approval + timedelta(days=3),
                )
            )
            for seq in range(NATIONAL["packages_per_project"]):
                self._package(project, plan_id, next(package_ids), seq, packages, bids, contract_ids)
        copy_rows(
            cr,
            "ttcp_selection_plan",
            "id name investment_project_id budget_type company_id currency_id decision_number "
            "approval_date approver state published_date".split(),
            plans,
        )
        copy_rows(
            cr,
            "ttcp_bid_package",
            "id plan_id investment_project_id budget_type company_id sequence number name package_field "
            "price funding_source_id selection_method procedure international online contract_type "
            "duration_days purchase_option_percent bid_validity_days state notice_number "
            "documents_approved_date published_date closing_date evaluated_date awarded_date "
            "contracted_date done_date".split(),
            packages,
        )
        copy_rows(
            cr,
            "ttcp_bid",
            "package_id company_id partner_id price evaluated_price technical_score abnormally_low "
            "bid_security_amount bid_security_expiry result".split(),
            bids,
        )
        self._write_contracts()

    def _package(self, project, plan_id, package_id, seq, packages, bids, contract_ids):
        rng = self.rng
        field = rng.choices(
            ("goods", "non_consulting", "consulting", "mixed", "works"), weights=(40, 25, 20, 10, 5)
        )[0]
        method = rng.choices(
            ("open_bidding", "direct_appointment", "competitive_shopping", "online_quotation"),
            weights=(45, 30, 15, 10),
        )[0]
        price = money(rng.lognormvariate(math.log(2.5e9), 1.0), 1_000_000)
        winner = rng.choice(self.contractors.ids)
        first, last = project["first"], project["last"]
        year_end = min(date(last, 12, 31), self.today)
        contracts = []
        for k in range(NATIONAL["contracts_per_package"]):
            contracts.append(self._contract(project, package_id, next(contract_ids), field, price, winner, k))
        signed = [c for c in contracts if c["sign"]]
        sign = min((c["sign"] for c in signed), default=rand_date(rng, date(first, 3, 1), year_end))
        awarded = sign - timedelta(days=rng.randint(5, 20))
        dates = [awarded - timedelta(days=d) for d in (45, 35, 20, 10)] + [awarded]
        live = [c for c in contracts if c["state"] not in ("draft", "cancelled")]
        if live and all(c["state"] == "liquidated" for c in live):
            state, done = "done", max(c["liquidation"] for c in live)
        elif live:
            state, done = "contracted", None
        else:
            state, done = "awarded", None
        secured = method in ("open_bidding", "competitive_shopping")
        packages.append(
            (
                package_id,
                plan_id,
                project["id"],
                "project",
                self.company.id,
                seq + 1,
                str(seq + 1),
                f"Gói thầu số {seq + 1}: {field.replace('_', ' ')} {project['code']}",
                field,
                price,
                project["source"],
                method,
                "one_stage_one_envelope",
                False,
                True,
                rng.choice(("lump_sum", "fixed_unit_price", "time_based")),
                rng.choice((90, 180, 270, 365)),
                0.0,
                90,
                state,
                f"IB{package_id:08d}" if secured else None,
                *dates,
                sign if state in ("contracted", "done") else None,
                done,
            )
        )
        bid_price = max(c["value"] for c in contracts)
        bids.append((package_id, self.company.id, winner, bid_price, bid_price, 85.0, False, 0, None, "won"))
        if secured:
            loser = rng.choice(self.contractors.ids)
            security = money(price * 0.01, 1000)
            bids.append(
                (
                    package_id,
                    self.company.id,
                    loser,
                    money(bid_price * 1.08, 1000),
                    money(bid_price * 1.08, 1000),
                    80.0,
                    False,
                    security,
                    dates[2] + timedelta(days=120),
                    "lost",
                )
            )

    def _contract(self, project, package_id, contract_id, field, price, winner, k):
        rng = self.rng
        first, last = project["first"], project["last"]
        value = money(price * rng.uniform(0.35, 0.49), 1000)
        state = rng.choices(("draft", "cancelled", "live"), weights=(3, 3, 94))[0]
        window_end = date(last, 12, 31)
        sign = rand_date(rng, date(first, 3, 1), min(date(last, 9, 30), self.today - timedelta(days=20)))
        effective = sign + timedelta(days=rng.randint(0, 10))
        duration = rng.choice((120, 180, 270, 365, 540, 720))
        end = min(effective + timedelta(days=duration), window_end)
        if end <= effective:
            end = effective + timedelta(days=30)
        contract = {
            "id": contract_id,
            "project": project,
            "package": package_id,
            "field": field,
            "partner": winner,
            "value": value,
            "sign": sign,
            "effective": effective,
            "end": end,
            "warranty": rng.choice((12, 24, 36)) if field != "consulting" else 0,
            "liquidation": None,
            "acceptances": [],
            "maintenance": False,
        }
        # Two milestones: 40 % part-way, 60 % at the end.
        m1 = money(value * 0.4, 1000)
        contract["milestones"] = [
            (effective + timedelta(days=int((end - effective).days * 0.4)), m1),
            (end, value - m1),
        ]
        if state == "draft":
            contract.update(state="draft", sign=None, effective=None, end=None)
        elif state == "cancelled":
            contract["state"] = "cancelled"
        else:
            contract["state"] = self._live_state(contract)
        contract["maintenance"] = (
            field == "non_consulting" and contract["state"] != "draft" and rng.random() < 0.35
        )
        self.contracts.append(contract)
        return contract

    def _live_state(self, contract):
        rng, today = self.rng, self.today
        (d1, m1), (d2, m2) = contract["milestones"]
        if d1 <= today - timedelta(days=5):
            contract["acceptances"].append((d1, m1, 0, False))
        if d2 <= today - timedelta(days=5):
            contract["acceptances"].append((d2, m2, 1, True))
            age = (today - d2).days
            if age > 300 and rng.random() < 0.75:
                liquidation = d2 + timedelta(days=rng.choice((20, 30, 40, 60, 100)))
                if liquidation <= today:
                    contract["liquidation"] = liquidation
                    return "liquidated"
            return "warranty" if age > 60 and contract["warranty"] else "accepted"
        if contract["acceptances"] or today - contract["effective"] > timedelta(days=30):
            return "in_progress"
        return "signed"

    def _write_contracts(self):
        rng, cr = self.rng, self.cr
        rows, milestones, acceptances = [], [], []
        milestone_ids = iter(self.ids("ttcp_contract_milestone", 2 * len(self.contracts)))
        acceptance_ids = iter(
            self.ids("ttcp_contract_acceptance", sum(len(c["acceptances"]) for c in self.contracts))
        )
        for c in self.contracts:
            project = c["project"]
            value = c["value"]
            sla = (0, 0)
            if c["maintenance"]:
                sla = (rng.choice((2.0, 4.0, 8.0)), rng.choice((16.0, 24.0, 40.0)))
            elif c["field"] in ("goods", "mixed"):
                # The supplier's warranty service times.
                sla = (8.0, rng.choice((40.0, 80.0)))
            rows.append(
                (
                    c["id"],
                    f"{PREFIX}-HĐ-{c['id']:07d}",
                    f"Hợp đồng {c['field'].replace('_', ' ')} {project['code']}",
                    c["package"],
                    project["id"],
                    project["source"],
                    self.company.id,
                    c["partner"],
                    "lump_sum",
                    c["sign"],
                    c["effective"],
                    c["end"],
                    value,
                    money(value * 0.05, 1000),
                    c["end"] and c["end"] + timedelta(days=30),
                    money(value * 0.15, 1000),
                    f"BL-TU-{c['id']}",
                    money(value * 0.15, 1000),
                    c["end"],
                    c["warranty"],
                    0,
                    c["liquidation"],
                    c["state"],
                    "Không còn nhu cầu" if c["state"] == "cancelled" else None,
                    c["maintenance"],
                    sla[0],
                    sla[1],
                    self.agency_calendar.id,
                    money(value * 0.1, 1000) if c["maintenance"] else 0,
                    "year",
                )
            )
            c["milestone_ids"] = []
            for n, (day, amount) in enumerate(c["milestones"]):
                mid = next(milestone_ids)
                c["milestone_ids"].append(mid)
                milestones.append((mid, c["id"], self.company.id, f"Đợt {n + 1}", day, amount))
            c["acceptance_ids"] = []
            for day, amount, n, final in c["acceptances"]:
                aid = next(acceptance_ids)
                c["acceptance_ids"].append((aid, day, final))
                acceptances.append(
                    (aid, c["id"], self.company.id, f"BB-NT-{aid}", day, amount, c["milestone_ids"][n], final)
                )
        copy_rows(
            cr,
            "ttcp_contract",
            "id number name package_id investment_project_id funding_source_id company_id partner_id "
            "contract_type sign_date effective_date end_date value performance_security_amount "
            "performance_security_expiry advance_amount advance_guarantee_ref advance_guarantee_amount "
            "advance_guarantee_expiry warranty_months warranty_security_amount liquidation_date state "
            "cancel_reason is_maintenance sla_response_hours sla_resolution_hours sla_calendar_id "
            "maintenance_fee maintenance_fee_period".split(),
            rows,
        )
        copy_rows(
            cr,
            "ttcp_contract_milestone",
            "id contract_id company_id name planned_date amount".split(),
            milestones,
        )
        copy_rows(
            cr,
            "ttcp_contract_acceptance",
            "id contract_id company_id number date accepted_value milestone_id is_final".split(),
            acceptances,
        )

    # ------------------------------------------------------------------
    # Disbursements, then the capital plans they are paid against
    # ------------------------------------------------------------------
    def disbursements(self):
        today = self.today
        live = [c for c in self.contracts if c["state"] not in ("draft", "cancelled")]
        target = round(NATIONAL["disbursements"] * self.scale)
        weights = [max(30, (min(c["end"] + timedelta(days=30), today) - c["effective"]).days) for c in live]
        per_unit = max(0, target - len(live)) / max(1, sum(weights))
        self.paid_by_plan = defaultdict(int)
        self.plan_keys = set()
        rows = []
        for c, weight in zip(live, weights, strict=True):
            self._contract_disbursements(c, max(1, round(weight * per_unit)), rows)
        ids = self.ids("ttcp_disbursement", len(rows))
        plan_ids = self._capital_plans()
        out = []
        for did, row in zip(ids, rows, strict=True):
            c, dtype, amount, recovered, request, paid, state, year = row
            project = c["project"]
            plan = plan_ids[(project["id"], year)]
            out.append(
                (
                    did,
                    f"{PREFIX}-HĐ-{c['id']:07d} / {DISBURSEMENT_LABELS[dtype]} / {request}",
                    c["id"],
                    project["id"],
                    c["partner"],
                    self.company.id,
                    project["source"],
                    plan,
                    year,
                    dtype,
                    dtype,
                    amount,
                    recovered,
                    amount - recovered,
                    request,
                    paid,
                    f"{did}/4a-TT",
                    f"KB{did}" if paid else None,
                    "Thiếu hồ sơ" if state == "rejected" else None,
                    state,
                )
            )
        copy_rows(
            self.cr,
            "ttcp_disbursement",
            "id name contract_id investment_project_id partner_id company_id funding_source_id "
            "capital_plan_id plan_year "
            "disbursement_type effective_type amount advance_recovery_amount net_amount request_date "
            "paid_date treasury_request_number treasury_reference rejection_reason state".split(),
            out,
        )
        return len(out)

    def _contract_disbursements(self, c, count, rows):
        """Advance, then payments that follow the acceptances and recover the advance."""
        rng, today = self.rng, self.today
        value, project = c["value"], c["project"]
        last_day = min(date(project["last"], 12, 31), today)
        advance = money(value * 0.1, 1000)
        adv_day = min(c["effective"] + timedelta(days=rng.randint(3, 25)), last_day)
        self._add(rows, c, "advance", advance, 0, adv_day)
        accepted = [(day, amount) for day, amount, _n, _f in c["acceptances"]]
        if not accepted:
            return
        threshold = value * 0.8
        work = recovered = 0
        # Payments are spread from the first acceptance on; before the second acceptance only
        # what the first accepted may be paid.
        start = accepted[0][0]
        stop = max(start, min(last_day, (c["end"] or last_day) + timedelta(days=45)))
        days = sorted(rand_date(rng, start, stop) for _ in range(max(1, count - 1)))
        # What each phase pays: most of the first acceptance before the second, then the rest.
        second = accepted[1][0] if len(accepted) == 2 else None
        phase1 = [d for d in days if second is None or d < second]
        budgets = [accepted[0][1] * rng.uniform(0.75, 0.95), 0.0]
        if second:
            budgets[1] = (accepted[0][1] + accepted[1][1]) * rng.uniform(0.85, 0.98) - budgets[0]
        steps = [budgets[0] / max(1, len(phase1)), budgets[1] / max(1, len(days) - len(phase1))]
        for n, day in enumerate(days):
            cap = sum(a for d, a in accepted if d <= day)
            step = steps[0 if second is None or day < second else 1]
            amount = min(money(step * rng.uniform(0.8, 1.2), 1000), cap - work)
            if amount <= 0:
                self._add(rows, c, "payment", money(step, 1000), 0, day, state="rejected")
                continue
            rec = min(advance, int(advance * (work + amount) / threshold) // 1000 * 1000) - recovered
            if work + amount >= threshold:
                rec = advance - recovered
            rec = max(0, min(rec, amount))
            final = n == len(days) - 1 and len(accepted) == 2 and c["state"] in ("warranty", "liquidated")
            state = "paid"
            roll = rng.random()
            if roll < 0.04:
                state = "rejected"
            elif n == len(days) - 1 and c["state"] == "in_progress" and roll < 0.4:
                state = rng.choice(("draft", "submitted"))
            self._add(rows, c, "final" if final else "payment", amount, rec, day, state=state)
            if state == "paid":
                work += amount
                recovered += rec

    def _add(self, rows, c, dtype, amount, recovered, day, state="paid"):
        request = day - timedelta(days=self.rng.randint(2, 10))
        if request.year != day.year:
            request = date(day.year, 1, 1)
        paid = day if state == "paid" else None
        year = day.year
        self.plan_keys.add((c["project"]["id"], year))
        if state == "paid":
            self.paid_by_plan[(c["project"]["id"], year)] += amount - recovered
        rows.append((c, dtype, amount, recovered, request, paid, state, year))

    def _capital_plans(self):
        """Plans of every project year, sized from what was paid against them."""
        rng, rows, plan_ids = self.rng, [], {}
        keys = []
        for project in self.project_rows:
            for year in range(project["first"], project["last"] + 1):
                keys.append((project, year))
        ids = self.ids("ttcp_capital_plan", len(keys))
        for pid, (project, year) in zip(ids, keys, strict=True):
            paid = self.paid_by_plan.get((project["id"], year), 0)
            if year == LAST_YEAR:
                rate = rng.uniform(0.45, 0.97)
            else:
                rate = rng.uniform(0.7, 1.0)
            allocated = money(paid / rate) if paid else money(rng.uniform(0.5e9, 5e9))
            allocated = max(allocated, paid)
            plan_ids[(project["id"], year)] = pid
            rows.append(
                (
                    pid,
                    project["id"],
                    self.company.id,
                    project["department"],
                    year,
                    project["source"],
                    allocated,
                    f"{pid}/QĐ-KHV",
                    date(year - 1, 12, 20),
                )
            )
        copy_rows(
            self.cr,
            "ttcp_capital_plan",
            "id investment_project_id company_id department_id year funding_source_id amount_allocated "
            "allocation_decision allocation_date".split(),
            rows,
        )
        return plan_ids

    # ------------------------------------------------------------------
    # Assets and maintenance coverage
    # ------------------------------------------------------------------
    def assets(self):
        rng, cr, env = self.rng, self.cr, self.env
        n_assets = round(NATIONAL["assets"] * self.scale)
        ids = self.ids("maintenance_equipment", n_assets)
        sources = [
            c for c in self.contracts if len(c["acceptances"]) == 2 and c["field"] in ("goods", "mixed")
        ]
        categories = [(cat.id, cat.asset_kind or "other") for cat in self.categories]
        employee_dept = {e.id: e.department_id.id for e in self.employees}
        employees = list(employee_dept)
        rows, self.asset_rows = [], {}
        for n, aid in enumerate(ids):
            cat, kind = rng.choice(categories)
            source = rng.choice(sources) if sources and rng.random() < 0.65 else None
            if source:
                acc_id, acc_day, _f = source["acceptance_ids"][-1]
                accepted_on, months = acc_day, source["warranty"]
                warranty_end = (
                    accepted_on + relativedelta(months=months) - timedelta(days=1) if months else None
                )
                effective = accepted_on
                project = source["project"]["id"]
            else:
                acc_id = accepted_on = None
                effective = rand_date(rng, date(2014, 1, 1), self.today)
                months = 0
                warranty_end = effective + relativedelta(months=36) if rng.random() < 0.5 else None
                project = None
            state = rng.choices(
                ("in_use", "in_stock", "under_repair", "lent", "retired"), weights=(72, 9, 4, 3, 12)
            )[0]
            to_employee = kind in ("laptop", "usb_token") and rng.random() < 0.7
            employee = rng.choice(employees) if to_employee else None
            department = None if to_employee else rng.choice(self.department_ids)
            site = rng.choice(self.sites.ids)
            networked = kind in NETWORKED
            self.asset_rows[aid] = {
                "site": site,
                "category": cat,
                "retired": state == "retired",
                "source": source["id"] if source else None,
                "warranty_end": warranty_end,
                "department": department or employee_dept.get(employee),
                "effective": effective,
                "employee": employee,
            }
            rows.append(
                (
                    aid,
                    {"en_US": rng.choice(MODELS_BY_KIND.get(kind, MODELS_BY_KIND["other"]))},
                    f"{PREFIX}-TS-{n + 1:07d}",
                    cat,
                    kind,
                    self.company.id,
                    state != "retired",
                    state,
                    effective,
                    "employee" if to_employee else "department",
                    employee,
                    department,
                    self.today,
                    self.team.id if self.team else None,
                    site,
                    source["id"] if source else None,
                    acc_id,
                    project,
                    accepted_on,
                    months,
                    warranty_end,
                    f"SN{aid:09d}",
                    rng.choice(MODELS_BY_KIND.get(kind, MODELS_BY_KIND["other"])),
                    f"10.{aid // 65536 % 256}.{aid // 256 % 256}.{aid % 256}" if networked else None,
                    ":".join(f"{(aid >> s) & 255:02X}" for s in (40, 32, 24, 16, 8, 0))
                    if networked
                    else None,
                    self.today if state == "retired" else None,
                )
            )
        copy_rows(
            cr,
            "maintenance_equipment",
            "id name asset_code category_id asset_kind company_id active asset_state effective_date "
            "equipment_assign_to employee_id department_id assign_date maintenance_team_id site_id "
            "source_contract_id source_acceptance_id investment_project_id acceptance_date warranty_months "
            "warranty_end serial_no model ip_address mac_address scrap_date".split(),
            rows,
        )
        cr.execute(
            """
            UPDATE maintenance_equipment e
               SET owner_user_id = CASE e.equipment_assign_to
                       WHEN 'employee' THEN (SELECT user_id FROM hr_employee WHERE id = e.employee_id)
                       ELSE (SELECT m.user_id FROM hr_department d JOIN hr_employee m ON m.id = d.manager_id
                              WHERE d.id = e.department_id) END
             WHERE e.id >= %s
            """,
            [ids[0]],
        )
        self._coverage_scopes(ids)
        env.invalidate_all()

    def _coverage_scopes(self, asset_ids):
        """What each maintenance contract covers: a province, categories, or named assets."""
        rng, cr = self.rng, self.cr
        Contract = self.env["ttcp.contract"]
        site_f, cat_f, eq_f = (
            Contract._fields[n]
            for n in ("coverage_site_ids", "coverage_category_ids", "coverage_equipment_ids")
        )
        sites, cats, equipment = [], [], []
        province_ids = self.province_sites.ids
        category_ids = self.categories.ids
        for c in (c for c in self.contracts if c["maintenance"]):
            roll = rng.random()
            if roll < 0.6:
                sites.append((c["id"], rng.choice(province_ids)))
                if rng.random() < 0.5:
                    cats.extend((c["id"], cat) for cat in rng.sample(category_ids, 4))
            elif roll < 0.9:
                cats.extend((c["id"], cat) for cat in rng.sample(category_ids, 3))
            else:
                equipment.extend((c["id"], a) for a in rng.sample(asset_ids, min(len(asset_ids), 40)))
        for field, rows in ((site_f, sites), (cat_f, cats), (eq_f, equipment)):
            copy_rows(cr, field.relation, [field.column1, field.column2], set(rows), audit=False)

    def coverage(self, on_date):
        """SQL of ``_find_maintenance_contracts``: a contract naming the asset wins, else the
        first matching by scope, contracts ordered by effective date then id, descending."""
        self.cr.execute(
            f"""
            WITH c AS (
                SELECT id, company_id, row_number() OVER (ORDER BY effective_date DESC, id DESC) AS rk
                  FROM ttcp_contract
                 WHERE is_maintenance AND state IN ('signed', 'in_progress', 'accepted')
                   AND effective_date <= %(d)s AND (end_date IS NULL OR end_date >= %(d)s)
            ), matches AS ({self._coverage_matches_sql()})
            SELECT DISTINCT ON (m.asset_id) m.asset_id, m.contract_id
              FROM matches m JOIN c ON c.id = m.contract_id
              JOIN maintenance_equipment e ON e.id = m.asset_id
             WHERE e.asset_state != 'retired'
               AND (c.company_id IS NULL OR e.company_id IS NULL OR c.company_id = e.company_id)
             ORDER BY m.asset_id, NOT m.listed, c.rk
            """,
            {"d": on_date},
        )
        return dict(self.cr.fetchall())

    def _coverage_matches_sql(self):
        """(asset_id, contract_id, listed) of every contract of the CTE ``c`` covering an asset,
        by name or by scope (equi-joins: site ancestors from ``parent_path``, categories)."""
        Contract = self.env["ttcp.contract"]
        eq_f, site_f, cat_f = (
            Contract._fields[name]
            for name in ("coverage_equipment_ids", "coverage_site_ids", "coverage_category_ids")
        )
        return f"""
            SELECT r.{eq_f.column2} AS asset_id, r.{eq_f.column1} AS contract_id, true AS listed
              FROM {eq_f.relation} r WHERE r.{eq_f.column1} IN (SELECT id FROM c)
            UNION ALL
            SELECT e.id, x.{site_f.column1}, false
              FROM maintenance_equipment e
              JOIN ttcp_site s ON s.id = e.site_id
              CROSS JOIN LATERAL unnest(string_to_array(rtrim(s.parent_path, '/'), '/')::int[])
                    AS up(site_id)
              JOIN {site_f.relation} x ON x.{site_f.column2} = up.site_id
                                      AND x.{site_f.column1} IN (SELECT id FROM c)
             WHERE NOT EXISTS (SELECT 1 FROM {cat_f.relation} y WHERE y.{cat_f.column1} = x.{site_f.column1})
                OR EXISTS (SELECT 1 FROM {cat_f.relation} y
                            WHERE y.{cat_f.column1} = x.{site_f.column1}
                              AND y.{cat_f.column2} = e.category_id)
            UNION ALL
            SELECT e.id, y.{cat_f.column1}, false
              FROM maintenance_equipment e
              JOIN {cat_f.relation} y ON y.{cat_f.column2} = e.category_id
                                     AND y.{cat_f.column1} IN (SELECT id FROM c)
             WHERE NOT EXISTS (SELECT 1 FROM {site_f.relation} x WHERE x.{site_f.column1} = y.{cat_f.column1})
        """

    def asset_coverage(self):
        covered = self.coverage(self.today)
        self.cr.execute(
            "UPDATE maintenance_equipment SET maintenance_contract_id = NULL "
            "WHERE maintenance_contract_id IS NOT NULL"
        )
        self.cr.execute(
            """
            UPDATE maintenance_equipment e SET maintenance_contract_id = v.contract_id
              FROM unnest(%s::int[], %s::int[]) AS v(asset_id, contract_id)
             WHERE e.id = v.asset_id
            """,
            [list(covered), list(covered.values())],
        )
        return len(covered)

    # ------------------------------------------------------------------
    # Requests
    # ------------------------------------------------------------------
    def requests(self):
        rng, cr, env = self.rng, self.cr, self.env
        n_requests = round(NATIONAL["requests"] * self.scale)
        ids = self.ids("maintenance_request", n_requests)
        calendars = WorkCalendars(env, self.company.resource_calendar_id | self.agency_calendar)
        candidates = self._coverage_candidates()
        stages = env["maintenance.stage"].search([], order="sequence, id")
        new_stage, working_stage = stages[:1].id, stages.filtered(lambda s: not s.done)[1:2].id
        done_stage = stages.filtered("done")[:1].id
        cr.execute("SELECT id, partner_id, sla_response_hours, sla_resolution_hours FROM ttcp_contract")
        contract_info = {cid: (partner, resp, reso) for cid, partner, resp, reso in cr.fetchall()}
        cr.execute("SELECT id, commercial_partner_id FROM res_partner")
        commercial = dict(cr.fetchall())
        cr.execute(
            """SELECT e.id, COALESCE(e.technician_user_id, cat.technician_user_id)
                 FROM maintenance_equipment e
                 JOIN maintenance_equipment_category cat ON cat.id = e.category_id"""
        )
        technician = dict(cr.fetchall())
        cr.execute("SELECT user_id FROM res_company_users_rel WHERE cid = %s", [self.company.id])
        company_users = {u for (u,) in cr.fetchall()}
        cr.execute("SELECT id, user_id FROM hr_employee")
        employee_user = dict(cr.fetchall())
        agency, company_cal = (
            calendars.of(self.agency_calendar),
            calendars.of(self.company.resource_calendar_id),
        )
        asset_ids = list(self.asset_rows)
        now = self.now
        rows = []
        for rid in ids:
            aid = rng.choice(asset_ids)
            asset = self.asset_rows[aid]
            start = datetime.combine(max(asset["effective"], date(FIRST_YEAR, 1, 1)), datetime.min.time())
            span = int((now - start).total_seconds())
            if span <= 3600:
                start, span = now - timedelta(days=30), 30 * 86400
            # Mostly in office hours (local time), some at night.
            reported = start + timedelta(seconds=rng.randrange(span))
            local = reported + timedelta(hours=7)
            if rng.random() < 0.85:
                local = local.replace(hour=rng.randint(7, 17), minute=rng.randint(0, 59), second=0)
            reported = min(local - timedelta(hours=7), now - timedelta(minutes=10))
            corrective = rng.random() < 0.85
            responded = reported + timedelta(minutes=int(rng.expovariate(1 / 180)) + 5)
            resolved = responded + timedelta(minutes=int(rng.expovariate(1 / 1200)) + 10)
            if responded > now or rng.random() < 0.02:
                responded = resolved = None
            elif resolved > now or rng.random() < 0.04:
                resolved = None
            day = (reported + timedelta(hours=7)).date()
            contract = None
            if not asset["retired"]:
                contract = _pick_coverage(candidates.get(aid), day)
            if not contract and asset["source"] and asset["warranty_end"] and asset["warranty_end"] >= day:
                contract = asset["source"]
            partner, resp_h, reso_h = contract_info[contract] if contract else (None, 0, 0)
            response_due = resolution_due = None
            if contract and corrective:
                response_due = agency.plan(resp_h, reported)
                resolution_due = agency.plan(reso_h, reported)
            response_breached = bool(response_due and (responded or resolved or now) > response_due)
            resolution_breached = bool(resolution_due and (resolved or now) > resolution_due)
            cal = agency if contract else company_cal
            stage = done_stage if resolved else working_stage if responded else new_stage
            user = technician.get(aid)
            if user and (user not in company_users or user == SUPERUSER_ID):
                # OdooBot never follows a request: the ORM leaves it to the reporter (here none).
                user = None
            rows.append(
                (
                    rid,
                    f"Sự cố {rid}",
                    self.company.id,
                    day,
                    user,
                    asset["category"],
                    aid,
                    stage,
                    "0",
                    (resolved + timedelta(hours=7)).date() if resolved else None,
                    "normal",
                    False,
                    "corrective" if corrective else "preventive",
                    self.team.id if self.team else None,
                    1,
                    "week",
                    "forever",
                    "text",
                    False,
                    asset["employee"],
                    employee_user.get(asset["employee"]) if asset["employee"] else None,
                    rng.choices(
                        ("hardware", "software", "network", "virus", "other"), weights=(40, 30, 20, 5, 5)
                    )[0],
                    asset["department"],
                    asset["site"],
                    reported,
                    responded,
                    resolved,
                    contract,
                    commercial.get(partner) if partner else None,
                    response_due,
                    resolution_due,
                    response_breached,
                    resolution_breached,
                    response_breached or resolution_breached,
                    1 if response_breached or resolution_breached else 0,
                    cal.hours(reported, responded),
                    cal.hours(reported, resolved),
                    day.strftime("%Y-%m"),
                    0,
                )
            )
        copy_rows(
            cr,
            "maintenance_request",
            "id name company_id request_date user_id category_id equipment_id stage_id priority close_date "
            "kanban_state archive maintenance_type maintenance_team_id repeat_interval repeat_unit "
            "repeat_type instruction_type recurring_maintenance employee_id owner_user_id incident_type "
            "department_id "
            "site_id reported_at responded_at resolved_at contract_id contractor_partner_id response_due "
            "resolution_due response_breached resolution_breached sla_breached breach_count response_hours "
            "resolution_hours month cost".split(),
            rows,
        )
        cr.execute(
            """
            UPDATE maintenance_equipment e
               SET maintenance_count = s.total, maintenance_open_count = s.open
              FROM (SELECT r.equipment_id, count(*) AS total,
                           count(*) FILTER (WHERE NOT COALESCE(st.done, false)
                                              AND NOT COALESCE(r.archive, false))
                           AS open
                      FROM maintenance_request r LEFT JOIN maintenance_stage st ON st.id = r.stage_id
                     WHERE r.equipment_id IS NOT NULL GROUP BY r.equipment_id) s
             WHERE e.id = s.equipment_id
            """
        )
        env.invalidate_all()

    def _coverage_candidates(self):
        """{asset: [(rank, ..., effective, end, contract)] in precedence order}, dates ignored."""
        self.cr.execute(
            f"""
            WITH c AS (
                SELECT id, company_id, effective_date, end_date FROM ttcp_contract
                 WHERE is_maintenance AND state IN ('signed', 'in_progress', 'accepted')
                   AND effective_date IS NOT NULL
            ), matches AS ({self._coverage_matches_sql()})
            SELECT DISTINCT m.asset_id, m.listed, c.effective_date, c.end_date, c.id
              FROM matches m JOIN c ON c.id = m.contract_id
              JOIN maintenance_equipment e ON e.id = m.asset_id
             WHERE c.company_id IS NULL OR e.company_id IS NULL OR c.company_id = e.company_id
            """
        )

        result = defaultdict(list)
        for asset, listed, effective, end, contract in self.cr.fetchall():
            result[asset].append((not listed, -effective.toordinal(), -contract, effective, end, contract))
        for entries in result.values():
            entries.sort()
        return result

    # ------------------------------------------------------------------
    # Stored computed fields of the small models, by the ORM
    # ------------------------------------------------------------------
    ORM_FIELDS = {
        "ttcp.investment.project": [
            "total_investment",
            "total_investment_decision_id",
            "next_step",
            "next_step_due",
            "next_step_basis",
        ],
        "ttcp.contract.milestone": ["is_done", "done_date"],
        "ttcp.contract": [
            "value_in_force",
            "accepted_value",
            "last_acceptance_date",
            "amount_paid",
            "advance_paid",
            "advance_recovered",
            "advance_outstanding",
            "payment_rate",
            "liquidation_due",
            "liquidation_late",
        ],
        "ttcp.capital.plan": [
            "amount",
            "amount_disbursed",
            "disbursement_rate",
            "disbursement_deadline",
            "late_capital_amount",
        ],
        "ttcp.selection.plan": ["package_count", "amount_total", "publication_due"],
        "ttcp.bid.package": [
            "result_notice_due",
            "result_publication_due",
            "contract_signing_due",
            "negotiation_due",
        ],
        "ttcp.bid": ["security_return_due"],
    }

    def orm_computes(self):
        """The ORM's own computes, with the legal rule look-up memoized for this process (the
        rules do not change while the data is generated; ``_find`` runs one query a call)."""
        env = self.env
        Rule = type(env["ttcp.legal.rule"])
        original = Rule._find
        found = {}

        def memoized_find(rules, code, date, **dims):
            key = (code, fields.Date.to_date(date), tuple(sorted(dims.items())))
            if key not in found:
                found[key] = original(rules, code, date, **dims).id
            return rules.browse(found[key]).with_env(rules.env)

        Rule._find = memoized_find
        try:
            for model, fnames in self.ORM_FIELDS.items():
                records = env[model].search([("id", ">=", self.first_ids[model])])
                with self.timer.step(f"ORM recompute {model} ({len(records)} records, {len(fnames)} fields)"):
                    for fname in fnames:
                        env.add_to_compute(records._fields[fname], records)
                    env.flush_all()
                    env.invalidate_all()
        finally:
            Rule._find = original


def _pick_coverage(entries, day):
    """The first contract in force on ``day`` (entries already in precedence order)."""
    if not entries:
        return None
    for _rank, _eff, _id, effective, end, contract in entries:
        if effective <= day and (end is None or end >= day):
            return contract
    return None


class WorkCalendars:
    """The work intervals of calendars over the generated years, from the calendars themselves."""

    def __init__(self, env, calendars):
        self.by_id = {}
        start = pytz.utc.localize(datetime(FIRST_YEAR - 1, 12, 1))
        end = pytz.utc.localize(datetime(LAST_YEAR + 1, 12, 31))
        for calendar in calendars:
            intervals = calendar._work_intervals_batch(start, end)[False]
            self.by_id[calendar.id] = CalendarIntervals(
                [
                    (a.astimezone(pytz.utc).replace(tzinfo=None), b.astimezone(pytz.utc).replace(tzinfo=None))
                    for a, b, _meta in intervals
                ]
            )

    def of(self, calendar):
        return self.by_id[calendar.id]


class CalendarIntervals:
    """``plan_hours`` and ``get_work_hours_count`` on precomputed intervals (naive UTC)."""

    def __init__(self, intervals):
        self.starts = [a for a, _b in intervals]
        self.intervals = intervals

    def _from(self, moment):
        index = bisect.bisect_right(self.starts, moment) - 1
        return max(index, 0)

    def hours(self, start, end):
        if not (start and end):
            return 0.0
        total = 0.0
        intervals = self.intervals
        for index in range(self._from(start), len(intervals)):
            a, b = intervals[index]
            if a >= end:
                break
            a, b = max(a, start), min(b, end)
            if a < b:
                total += (b - a).total_seconds() / 3600
        return total

    def plan(self, hours, start):
        """As ``plan_hours(hours, start, compute_leaves=True)``: 14-day windows from ``start``."""
        if not hours:
            return None
        delta = timedelta(days=14)
        index = self._from(start)
        for n in range(100):
            w_start, w_end = start + delta * n, start + delta * (n + 1)
            while index < len(self.intervals):
                a, b = self.intervals[index]
                if a >= w_end:
                    break
                a, b = max(a, w_start), min(b, w_end)
                if a < b:
                    interval_hours = (b - a).total_seconds() / 3600
                    if hours <= interval_hours:
                        return (a + timedelta(hours=hours)).replace(microsecond=0)
                    hours -= interval_hours
                if self.intervals[index][1] > w_end:
                    break
                index += 1
        return None


# ----------------------------------------------------------------------
# Sample check against the ORM
# ----------------------------------------------------------------------
SAMPLE_SKIP = {"assign_date", "equipment_properties"}


def sample_check(env, first_ids, size, rng):
    """Recompute every stored computed field of a random sample per model; return differences."""
    problems = []
    cr = env.cr
    for model, first in first_ids.items():
        Model = env[model].with_context(active_test=False)
        fnames = [
            name
            for name, field in Model._fields.items()
            if field.store and (field.compute or field.related) and name not in SAMPLE_SKIP
        ]
        cr.execute(f"SELECT id FROM {Model._table} WHERE id >= %s", [first])
        all_ids = [i for (i,) in cr.fetchall()]
        sample = Model.browse(rng.sample(all_ids, min(size, len(all_ids))))
        env.invalidate_all()
        stored = {rec.id: {name: rec[name] for name in fnames} for rec in sample}
        cr.execute("SAVEPOINT scale_sample_check")
        try:
            env.invalidate_all()
            for name in fnames:
                env.add_to_compute(Model._fields[name], sample)
            for rec in sample:
                for name in fnames:
                    field = Model._fields[name]
                    new, old = rec[name], stored[rec.id][name]
                    if not _same(field, old, new, rec):
                        problems.append(f"{model}({rec.id}).{name}: stored {old!r}, ORM computes {new!r}")
            env.flush_all()
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT scale_sample_check")
            env.invalidate_all(flush=False)
        print(f"  sample check {model}: {len(sample)} records x {len(fnames)} fields", flush=True)
    return problems


def _same(field, old, new, record):
    if field.type == "float":
        digits = field.get_digits(record.env)
        if digits:
            return float_compare(old or 0.0, new or 0.0, precision_digits=digits[1]) == 0
        return abs((old or 0.0) - (new or 0.0)) < 1e-6
    if field.type == "monetary":
        return abs((old or 0.0) - (new or 0.0)) < 0.5
    if field.type == "datetime" and old and new:
        return old.replace(microsecond=0) == new.replace(microsecond=0)
    if field.type in ("many2one", "one2many", "many2many"):
        return old.ids == new.ids
    return (old or False) == (new or False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--scale", type=float, default=0.1, help="fraction of national scale (1 = national)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--sample", type=int, default=40, help="records per model in the ORM check")
    args, odoo_args = parser.parse_known_args()
    timer = Timer()
    with odoo_env(odoo_args) as env:
        if scale_of(env) is not None:
            sys.exit(f"{env.cr.dbname} already holds generated data (scale {scale_of(env)}).")
        gen = Generator(env, args.scale, args.seed, timer)
        print(f"Generating scale {args.scale} into {env.cr.dbname} (today {gen.today})", flush=True)
        firsts = {}
        for model, table in (
            ("ttcp.investment.project", "ttcp_investment_project"),
            ("ttcp.capital.plan", "ttcp_capital_plan"),
            ("ttcp.selection.plan", "ttcp_selection_plan"),
            ("ttcp.bid.package", "ttcp_bid_package"),
            ("ttcp.bid", "ttcp_bid"),
            ("ttcp.contract", "ttcp_contract"),
            ("ttcp.contract.milestone", "ttcp_contract_milestone"),
            ("ttcp.contract.acceptance", "ttcp_contract_acceptance"),
            ("ttcp.disbursement", "ttcp_disbursement"),
            ("maintenance.equipment", "maintenance_equipment"),
            ("maintenance.request", "maintenance_request"),
        ):
            # The next id the sequence gives (on a fresh database it was never called).
            env.cr.execute(
                f"SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM {table}_id_seq"
            )
            firsts[model] = env.cr.fetchone()[0]
        gen.first_ids = firsts
        with timer.step("reference data (ORM: sites, contractors, employees)"):
            gen.reference_data()
        with timer.step("projects and decisions (COPY)"):
            gen.projects()
        with timer.step("selection plans, packages, bids, contracts, milestones, acceptances (COPY)"):
            gen.procurement()
        with timer.step("disbursements and capital plans (COPY)"):
            count = gen.disbursements()
            print(f"    {count} disbursements", flush=True)
        env.invalidate_all()
        env.cr.execute("ANALYZE")
        gen.orm_computes()
        with timer.step("assets (COPY) and coverage scopes"):
            gen.assets()
            env.cr.execute("ANALYZE")
        with timer.step("asset coverage today (SQL)"):
            print(f"    {gen.asset_coverage()} assets covered", flush=True)
        with timer.step("requests with contracts, SLA due times and working hours (Python, COPY)"):
            gen.requests()
        with timer.step("ANALYZE"):
            env.cr.execute("ANALYZE")
        generation = timer.total()
        with timer.step("sample check against the ORM"):
            problems = sample_check(env, firsts, args.sample, random.Random(args.seed + 1))
        if problems:
            print(f"SAMPLE CHECK FAILED: {len(problems)} differences", flush=True)
            for line in problems[:60]:
                print("  " + line)
            env.cr.rollback()
            sys.exit(1)
        env["ir.config_parameter"].sudo().set_param(SCALE_PARAM, str(args.scale))
        env.cr.execute(
            "SELECT (SELECT count(*) FROM ttcp_investment_project), "
            "(SELECT count(*) FROM ttcp_capital_plan), "
            "(SELECT count(*) FROM ttcp_bid_package), (SELECT count(*) FROM ttcp_contract), "
            "(SELECT count(*) FROM ttcp_contract_milestone), (SELECT count(*) FROM ttcp_disbursement), "
            "(SELECT count(*) FROM maintenance_equipment), (SELECT count(*) FROM maintenance_request)"
        )
        counts = env.cr.fetchone()
    labels = "projects plans packages contracts milestones disbursements assets requests".split()
    print("Rows now: " + ", ".join(f"{label} {n}" for label, n in zip(labels, counts, strict=True)))
    print(
        f"GENERATED scale={args.scale} generation_s={generation:.1f} "
        f"total_s={timer.total():.1f} sample_check=ok"
    )


if __name__ == "__main__":
    main()
