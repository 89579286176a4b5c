"""Benchmark the users' main operations on generated data, ORM against raw SQL (issue 11).

Usage (a plain python3 program that bootstraps Odoo; unknown options go to Odoo)::

    export PGPASSWORD=odoo
    python3 scripts/bench.py -d scale_db --db_host=localhost -r odoo -w odoo \\
        [--only NAME,NAME] [--runs 3] [--profile NAME --profile-out FILE]

It refuses a database without generated data (``ir.config_parameter`` ``ttcp.scale_data``,
set by scripts/generate_scale_data.py). Each operation runs once to warm up, then ``--runs``
times (once only when the warm-up took more than ``--slow`` seconds); the median is printed::

    BENCH <name> orm_ms=<n> sql_ms=<n> ratio=<orm/sql> queries=<n> [rss_mib=<n>]

``queries`` counts the SQL statements of one ORM run (``env.cr.sql_log_count``); ``rss_mib``
is the growth of the resident memory during the ORM run (sampled every 10 ms). Before each
run the ORM cache is emptied, as for a new request. Writes (the contract state change, the
cron methods) run in a savepoint, flushed, then rolled back. The SQL side computes the same
figures in as few statements as it can (for crons: the records the cron acts on). Every
operation runs as the superuser, in the agency's time zone.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import threading
import time
from datetime import date

import psutil
import xlsxwriter
from lxml import etree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from lib.scale_common import odoo_env, scale_of  # noqa: E402

from odoo import fields  # noqa: E402

TZ = "Asia/Ho_Chi_Minh"


# ----------------------------------------------------------------------
# Views as the web client reads them
# ----------------------------------------------------------------------
def view_spec(model, view_type, view_ref=None):
    """The ``web_read`` specification of a view: its fields, display names of many2ones,
    and the fields of the lists inside one2many/many2many fields."""
    options = {}
    views = model.get_views([(model.env.ref(view_ref).id if view_ref else False, view_type)], options)
    arch = etree.fromstring(views["views"][view_type]["arch"])
    return _spec_of(model, arch)


def _spec_of(model, node):
    spec = {}
    for field_node in node.iter("field"):
        # Only the fields of this level (not those of a sub-view).
        parent, nested = field_node.getparent(), False
        while parent is not None and parent is not node:
            if parent.tag == "field":
                nested = True
                break
            parent = parent.getparent()
        if nested:
            continue
        name = field_node.get("name")
        field = model._fields.get(name)
        if field is None:
            continue
        if field.type == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif field.type in ("one2many", "many2many"):
            sub = field_node.find("list")
            comodel = model.env[field.comodel_name]
            spec[name] = {"fields": _spec_of(comodel, sub) if sub is not None else {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def list_fields(model, view_ref):
    return list(view_spec(model, "list", view_ref))


# ----------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------
class RssSampler:
    """Peak resident memory growth while a block runs (a thread samples every 10 ms)."""

    def __init__(self):
        self.process = psutil.Process()

    def __enter__(self):
        self.base = self.peak = self.process.memory_info().rss
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self):
        while self.running:
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.01)

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)

    @property
    def growth_mib(self):
        return (self.peak - self.base) / 1024 / 1024


class Bench:
    def __init__(self, env, runs, slow, profile=None, profile_out=None):
        self.env = env(context=dict(env.context, tz=TZ, lang="en_US"))
        self.cr = env.cr
        self.runs = runs
        self.slow = slow
        self.profile = profile
        self.profile_out = profile_out
        self.today = fields.Date.context_today(self.env["res.users"])
        self.year = self.today.year
        self.results = []

    def _once(self, func, write=False, rss=False):
        env, cr = self.env, self.cr
        env.invalidate_all()
        if write:
            cr.execute("SAVEPOINT bench_write")
        count = cr.sql_log_count
        sampler = RssSampler() if rss else None
        began = time.perf_counter()
        try:
            if sampler:
                with sampler:
                    func()
                    env.flush_all()
            else:
                func()
                env.flush_all()
            elapsed = (time.perf_counter() - began) * 1000
            queries = cr.sql_log_count - count
        finally:
            if write:
                cr.execute("ROLLBACK TO SAVEPOINT bench_write")
                env.invalidate_all(flush=False)
        return elapsed, queries, (sampler.growth_mib if sampler else None)

    def _sql_once(self, func):
        began = time.perf_counter()
        func()
        return (time.perf_counter() - began) * 1000

    def run(self, name, orm, sql, write=False, rss=False):
        if self.profile == name:
            self._profile(name, orm, write)
        warm, _q, _r = self._once(orm, write, rss)
        runs = 1 if warm > self.slow * 1000 else self.runs
        measured = [self._once(orm, write, rss) for _ in range(runs)]
        orm_ms = statistics.median(m[0] for m in measured)
        queries = statistics.median(m[1] for m in measured)
        rss_mib = max(m[2] for m in measured) if rss else None
        self._sql_once(sql)
        sql_ms = statistics.median(self._sql_once(sql) for _ in range(self.runs))
        ratio = orm_ms / sql_ms if sql_ms else float("inf")
        line = f"BENCH {name} orm_ms={orm_ms:.0f} sql_ms={sql_ms:.1f} ratio={ratio:.1f} queries={queries:.0f}"
        if rss:
            line += f" rss_mib={rss_mib:.0f}"
        if runs == 1:
            line += " runs=1"
        print(line, flush=True)
        self.results.append((name, orm_ms, sql_ms, ratio, queries, rss_mib))

    def _profile(self, name, orm, write):
        profiler = cProfile.Profile()
        profiler.enable()
        self._once(orm, write)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        stats.print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
        if self.profile_out:
            with open(self.profile_out, "w") as handle:
                handle.write(out.getvalue())
        else:
            print(out.getvalue())

    def summary(self):
        total_orm = sum(r[1] for r in self.results)
        total_sql = sum(r[2] for r in self.results)
        slowest = max(self.results, key=lambda r: r[1]) if self.results else None
        print(
            f"SUMMARY operations={len(self.results)} orm_total_ms={total_orm:.0f} "
            f"sql_total_ms={total_sql:.1f} "
            f"ratio={total_orm / total_sql if total_sql else 0:.1f} "
            f"slowest={slowest[0] if slowest else '-'}({slowest[1] if slowest else 0:.0f} ms)",
            flush=True,
        )


# ----------------------------------------------------------------------
# The operations
# ----------------------------------------------------------------------
FORECAST_SQL = """
    WITH plans AS (
        SELECT cp.id, cp.investment_project_id, cp.funding_source_id, cp.year, cp.amount,
               cp.amount_disbursed, cp.disbursement_deadline
          FROM ttcp_capital_plan cp
         WHERE {where}
    ), scheduled AS (
        SELECT p.id, COALESCE(sum(m.amount), 0) AS amount
          FROM plans p
          JOIN ttcp_contract c ON c.investment_project_id = p.investment_project_id
                              AND c.funding_source_id = p.funding_source_id
                              AND c.state NOT IN ('draft', 'cancelled')
          JOIN ttcp_contract_milestone m ON m.contract_id = c.id AND NOT COALESCE(m.is_done, false)
                                        AND m.planned_date >= GREATEST(%(today)s, make_date(p.year, 1, 1))
                                        AND m.planned_date <= p.disbursement_deadline
         WHERE p.disbursement_deadline >= %(today)s
         GROUP BY p.id
    )
    SELECT p.id, p.investment_project_id, p.year, p.funding_source_id, p.amount, p.amount_disbursed,
           p.disbursement_deadline, COALESCE(s.amount, 0) AS scheduled,
           LEAST(p.amount, p.amount_disbursed + COALESCE(s.amount, 0)) AS forecast,
           p.amount - LEAST(p.amount, p.amount_disbursed + COALESCE(s.amount, 0)) AS gap
      FROM plans p LEFT JOIN scheduled s ON s.id = p.id
"""


def operations(bench):  # noqa: C901 (one closure per operation, in the order printed)
    env, cr = bench.env, bench.cr
    today, year = bench.today, bench.year
    Plan = env["ttcp.capital.plan"]
    Analysis = env["ttcp.disbursement.analysis"]
    Request = env["maintenance.request"]
    Contract = env["ttcp.contract"]
    Package = env["ttcp.bid.package"]
    Equipment = env["maintenance.equipment"]
    Project = env["ttcp.investment.project"]

    plan_spec = view_spec(Plan, "list", "ttcp_procurement.capital_plan_view_list_finance")
    plan_fields = list(plan_spec)

    def plans_of_year():
        Plan.search_read([("year", "=", year)], plan_fields)

    # What the list shows besides the figures: the project and source names, in the list's
    # order (year, then the project's and the source's own orders), and the total count.
    named_sql = """
        SELECT f.*, ip.code, ip.name, fs.name, count(*) OVER () AS total
          FROM ({forecast}) f
          JOIN ttcp_investment_project ip ON ip.id = f.investment_project_id
          JOIN ttcp_funding_source fs ON fs.id = f.funding_source_id
         WHERE {where}
         ORDER BY f.year DESC, ip.start_year DESC, ip.code, fs.sequence, fs.name->>'en_US' {limit}
    """

    def plans_of_year_sql():
        cr.execute(
            named_sql.format(
                forecast=FORECAST_SQL.format(where="cp.year = %(year)s"), where="TRUE", limit=""
            ),
            {"year": year, "today": today},
        )
        cr.fetchall()

    bench.run("capital_plans_year_forecast", plans_of_year, plans_of_year_sql)

    def forecast_short():
        Plan.web_search_read([("forecast_short", "=", True)], plan_spec, limit=80)

    def forecast_short_sql():
        cr.execute(
            named_sql.format(
                forecast=FORECAST_SQL.format(where="cp.disbursement_deadline >= %(today)s"),
                where="f.gap >= 0.5",
                limit="LIMIT 80",
            ),
            {"today": today},
        )
        cr.fetchall()

    bench.run("filter_forecast_short_page80", forecast_short, forecast_short_sql)

    measures = ["plan_amount:sum", "scheduled_amount:sum", "paid_amount:sum"]

    def analysis_pivot():
        Analysis.read_group(
            [("year", "=", year)], measures, ["investment_project_id", "date:month"], lazy=False
        )

    def analysis_pivot_sql():
        cr.execute(
            """
            SELECT project, date_trunc('month', day), sum(plan), sum(scheduled), sum(paid), count(*) FROM (
                SELECT cp.investment_project_id AS project, make_date(cp.year, 1, 1) AS day,
                       cp.amount AS plan, 0.0 AS scheduled, 0.0 AS paid
                  FROM ttcp_capital_plan cp WHERE cp.year = %(year)s
                UNION ALL
                SELECT c.investment_project_id, m.planned_date, 0.0, m.amount, 0.0
                  FROM ttcp_contract_milestone m JOIN ttcp_contract c ON c.id = m.contract_id
                 WHERE c.state NOT IN ('draft', 'cancelled')
                   AND EXTRACT(YEAR FROM m.planned_date - INTERVAL '1 month')::int = %(year)s
                UNION ALL
                SELECT d.investment_project_id, d.paid_date, 0.0, 0.0, d.net_amount
                  FROM ttcp_disbursement d WHERE d.state = 'paid' AND d.plan_year = %(year)s
            ) u JOIN ttcp_investment_project ip ON ip.id = u.project
             GROUP BY 1, 2, ip.id ORDER BY ip.start_year DESC, ip.code, 2
            """,
            {"year": year},
        )
        cr.fetchall()

    bench.run("analysis_pivot_project_month", analysis_pivot, analysis_pivot_sql)

    sla_measures = ["breach_count:sum", "response_hours:avg", "resolution_hours:avg"]
    sla_domain = [("resolved_at", "!=", False)]

    def sla_pivot_pair(since=None):
        """The SLA pivot (contractor x month) through read_group and in raw SQL, over the
        resolved requests reported since ``since`` (all history if None)."""
        domain = sla_domain + ([("reported_at", ">=", since)] if since else [])

        def orm():
            Request.read_group(
                domain, sla_measures, ["contractor_partner_id", "reported_at:month"], lazy=False
            )

        def sql():
            cr.execute(
                """
                SELECT contractor_partner_id,
                       date_trunc('month', timezone(%s, timezone('UTC', reported_at))),
                       sum(breach_count), avg(response_hours), avg(resolution_hours), count(*)
                  FROM maintenance_request
                 WHERE resolved_at IS NOT NULL AND reported_at >= COALESCE(%s::timestamp, '-infinity')
                 GROUP BY 1, 2
                """,
                [TZ, since],
            )
            cr.fetchall()

        return orm, sql

    sla_pivot, sla_pivot_sql = sla_pivot_pair()
    bench.run("sla_pivot_contractor_month", sla_pivot, sla_pivot_sql)

    def sla_aggregate():
        # The same groups without read_group's formatting (month labels, group domains):
        # what the database part of the pivot costs through the ORM.
        Request._read_group(sla_domain, ["contractor_partner_id", "reported_at:month"], sla_measures)

    bench.run("sla_pivot_aggregate_only", sla_aggregate, sla_pivot_sql)
    # What the SLA performance menu opens on: the requests resolved and reported this year.
    bench.run("sla_pivot_this_year", *sla_pivot_pair(f"{year}-01-01"))

    contract_spec = view_spec(Contract, "list")

    def contract_list():
        Contract.web_search_read([], contract_spec, limit=80)
        Contract.search_count([])

    def contract_list_sql():
        cr.execute(
            """
            SELECT c.*, p.name, pk.number, pk.name, ip.code, ip.name
              FROM ttcp_contract c
              JOIN res_partner p ON p.id = c.partner_id
              JOIN ttcp_bid_package pk ON pk.id = c.package_id
              LEFT JOIN ttcp_investment_project ip ON ip.id = c.investment_project_id
             ORDER BY c.sign_date DESC NULLS LAST, c.id DESC LIMIT 80
            """
        )
        cr.fetchall()
        cr.execute("SELECT count(*) FROM ttcp_contract")
        cr.fetchall()

    bench.run("contract_list_80_count", contract_list, contract_list_sql)

    report = env.ref("ttcp_it_assets.action_report_asset_register_xlsx")

    def asset_register():
        content, _kind = env["ir.actions.report"]._render_xlsx(report.report_name, None, {"domain": []})
        io.BytesIO(content)

    def asset_register_sql():
        cr.execute(
            """
            SELECT e.asset_code, e.name->>'en_US', cat.name->>'en_US', e.serial_no, e.model, d.complete_name,
                   emp.name, s.complete_name, e.asset_state, sc.number || ' - ' || sc.name,
                   ip.code || ' - ' || ip.name, e.acceptance_date, e.warranty_end,
                   mc.number || ' - ' || mc.name,
                   CASE WHEN e.warranty_end >= %(today)s AND e.maintenance_contract_id IS NOT NULL THEN 'both'
                        WHEN e.warranty_end >= %(today)s THEN 'warranty'
                        WHEN e.maintenance_contract_id IS NOT NULL THEN 'contract' ELSE 'none' END,
                   e.ip_address, e.mac_address
              FROM maintenance_equipment e
              LEFT JOIN maintenance_equipment_category cat ON cat.id = e.category_id
              LEFT JOIN hr_department d ON d.id = e.department_id
              LEFT JOIN hr_employee emp ON emp.id = e.employee_id
              LEFT JOIN ttcp_site s ON s.id = e.site_id
              LEFT JOIN ttcp_contract sc ON sc.id = e.source_contract_id
              LEFT JOIN ttcp_investment_project ip ON ip.id = e.investment_project_id
              LEFT JOIN ttcp_contract mc ON mc.id = e.maintenance_contract_id
             WHERE e.active
             ORDER BY d.complete_name, s.complete_name, cat.name->>'en_US', e.asset_code
            """,
            {"today": today},
        )
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True})
        # The same cells as the export writes: bordered text and dates, styled blanks.
        text = workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        day = workbook.add_format({"border": 1, "num_format": "dd/mm/yyyy", "valign": "top"})
        sheet = workbook.add_worksheet("Register")
        for row, values in enumerate(cr.fetchall(), start=4):
            for col, value in enumerate(values):
                if value is None or value == "":
                    sheet.write_blank(row, col, None, text)
                elif isinstance(value, date):
                    sheet.write_datetime(row, col, value, day)
                else:
                    sheet.write_string(row, col, str(value), text)
        for groupby in ("department_id", "site_id", "category_id"):
            cr.execute(
                f"SELECT {groupby}, asset_state, count(*) FROM maintenance_equipment "
                "WHERE active GROUP BY 1, 2"
            )
            counts = workbook.add_worksheet(groupby)
            for row, values in enumerate(cr.fetchall()):
                for col, value in enumerate(values):
                    counts.write(row, col, value)
        workbook.close()

    bench.run("asset_register_xlsx", asset_register, asset_register_sql, rss=True)

    # The maintenance contract in force that covers the most assets, moved to its next state.
    cr.execute(
        """
        SELECT c.id, c.state FROM ttcp_contract c
          JOIN maintenance_equipment e ON e.maintenance_contract_id = c.id
         WHERE c.is_maintenance AND c.state = 'in_progress'
         GROUP BY c.id ORDER BY count(*) DESC LIMIT 1
        """
    )
    row = cr.fetchone()
    if row:
        contract = Contract.browse(row[0])

        def contract_state():
            contract.write({"state": "accepted"})

        def contract_state_sql():
            cr.execute("SAVEPOINT bench_sql")
            cr.execute("UPDATE ttcp_contract SET state = 'accepted' WHERE id = %s", [contract.id])
            cr.execute(
                """
                WITH c AS (
                    SELECT id, row_number() OVER (ORDER BY effective_date DESC, id DESC) AS rk,
                           (SELECT array_agg(x.maintenance_equipment_category_id)
                              FROM maintenance_equipment_category_ttcp_contract_rel x
                             WHERE x.ttcp_contract_id = t.id) AS cats,
                           (SELECT array_agg(cs.parent_path) FROM ttcp_contract_ttcp_site_rel x
                              JOIN ttcp_site cs ON cs.id = x.ttcp_site_id
                         WHERE x.ttcp_contract_id = t.id) AS paths
                      FROM ttcp_contract t
                     WHERE is_maintenance AND state IN ('signed', 'in_progress', 'accepted')
                       AND effective_date <= %(d)s AND (end_date IS NULL OR end_date >= %(d)s)
                ), best AS (
                    SELECT DISTINCT ON (e.id) e.id AS asset_id, c.id AS contract_id
                      FROM maintenance_equipment e LEFT JOIN ttcp_site s ON s.id = e.site_id
                      JOIN c ON (c.cats IS NOT NULL OR c.paths IS NOT NULL)
                       AND (c.cats IS NULL OR e.category_id = ANY (c.cats))
                       AND (c.paths IS NULL OR EXISTS (SELECT 1 FROM unnest(c.paths) p
                                                        WHERE s.parent_path LIKE p || '%%'))
                     WHERE e.maintenance_contract_id = %(contract)s AND e.asset_state != 'retired'
                     ORDER BY e.id, c.rk
                )
                UPDATE maintenance_equipment e SET maintenance_contract_id = b.contract_id
                  FROM best b WHERE b.asset_id = e.id
                """,
                {"d": today, "contract": contract.id},
            )
            cr.execute("ROLLBACK TO SAVEPOINT bench_sql")

        bench.run("contract_state_write_coverage", contract_state, contract_state_sql, write=True)

    # Other users' main reads.
    cr.execute(
        "SELECT investment_project_id FROM ttcp_capital_plan GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    )
    project = Project.browse(cr.fetchone()[0])
    project_spec = view_spec(Project, "form")

    def project_form():
        project.web_read(project_spec)

    def project_form_sql():
        cr.execute(
            """
            SELECT p.*, d.complete_name, o.name FROM ttcp_investment_project p
              LEFT JOIN hr_department d ON d.id = p.department_id LEFT JOIN res_partner o ON o.id = p.owner_id
             WHERE p.id = %(id)s
            """,
            {"id": project.id},
        )
        cr.fetchall()
        cr.execute(
            "SELECT * FROM ttcp_project_decision WHERE investment_project_id = %(id)s", {"id": project.id}
        )
        cr.fetchall()
        cr.execute(
            "SELECT *, sum(amount) OVER (), sum(amount_disbursed) OVER () FROM ttcp_capital_plan "
            "WHERE investment_project_id = %(id)s",
            {"id": project.id},
        )
        cr.fetchall()

    bench.run("project_form_read", project_form, project_form_sql)

    package_spec = view_spec(Package, "list")

    def package_list():
        Package.web_search_read([], package_spec, limit=80)
        Package.search_count([])

    def package_list_sql():
        cr.execute(
            """
            SELECT pk.*, sp.name, ip.code FROM ttcp_bid_package pk
              JOIN ttcp_selection_plan sp ON sp.id = pk.plan_id
              LEFT JOIN ttcp_investment_project ip ON ip.id = pk.investment_project_id
             ORDER BY pk.plan_id, pk.sequence, pk.id LIMIT 80
            """
        )
        cr.fetchall()
        cr.execute("SELECT count(*) FROM ttcp_bid_package")
        cr.fetchall()

    bench.run("package_list_80_count", package_list, package_list_sql)

    incident_spec = view_spec(Request, "list", "ttcp_it_assets.maintenance_request_view_list_incidents")

    def incident_list():
        Request.web_search_read([], incident_spec, limit=80)
        Request.search_count([])

    def incident_list_sql():
        cr.execute(
            """
            SELECT r.*, e.name, p.name, d.complete_name FROM maintenance_request r
              LEFT JOIN maintenance_equipment e ON e.id = r.equipment_id
              LEFT JOIN res_partner p ON p.id = r.contractor_partner_id
              LEFT JOIN hr_department d ON d.id = r.department_id
             ORDER BY r.id DESC LIMIT 80
            """
        )
        cr.fetchall()
        cr.execute("SELECT count(*) FROM maintenance_request")
        cr.fetchall()

    bench.run("incident_list_80_count", incident_list, incident_list_sql)

    registry_fields = list_fields(Equipment, None)

    def registry_grouped():
        Equipment.web_read_group([], registry_fields, ["department_id"], limit=80, lazy=True)

    def registry_grouped_sql():
        cr.execute(
            """
            SELECT e.department_id, d.complete_name, count(*) FROM maintenance_equipment e
              LEFT JOIN hr_department d ON d.id = e.department_id WHERE e.active GROUP BY 1, 2
             ORDER BY 2 LIMIT 80
            """
        )
        cr.fetchall()

    bench.run("registry_grouped_by_department", registry_grouped, registry_grouped_sql)

    # The daily crons (ir.cron records of the three addons), in a savepoint.
    def cron_projects():
        Project._cron_check_deadlines()

    def cron_projects_sql():
        cr.execute(
            """
            SELECT p.id FROM ttcp_investment_project p
             WHERE p.active AND p.stage NOT IN ('closed', 'cancelled')
               AND (p.next_step_due < %(today)s OR EXISTS (
                    SELECT 1 FROM project_milestone m WHERE m.project_id = p.project_id
                       AND m.deadline < %(today)s AND NOT m.is_reached))
            """,
            {"today": today},
        )
        cr.fetchall()

    bench.run("cron_project_deadlines", cron_projects, cron_projects_sql, write=True)

    def cron_packages():
        Package._cron_due_activities()

    def cron_packages_sql():
        soon = fields.Date.add(today, days=2)
        cr.execute(
            """
            SELECT id FROM ttcp_bid_package WHERE state = 'awarded'
               AND (result_notice_due <= %(soon)s OR contract_signing_due <= %(soon)s)
            """,
            {"soon": soon},
        )
        cr.fetchall()
        cr.execute(
            "SELECT id FROM ttcp_selection_plan WHERE state = 'approved' AND published_date IS NULL "
            "AND publication_due <= %(soon)s",
            {"soon": soon},
        )
        cr.fetchall()

    bench.run("cron_package_deadlines", cron_packages, cron_packages_sql, write=True)

    def cron_forecast():
        Plan._cron_forecast_activities()

    bench.run("cron_forecast_activities", cron_forecast, forecast_short_sql_all(cr, today), write=True)

    def cron_clawback():
        Contract._cron_advance_clawback_activities()

    def cron_clawback_sql():
        cr.execute(
            """
            SELECT c.id, sum(d.amount) FILTER (WHERE d.effective_type = 'advance')
                         - sum(d.advance_recovery_amount),
                   min(d.paid_date) FILTER (WHERE d.disbursement_type = 'advance'),
                   max(d.paid_date) FILTER (WHERE d.advance_recovery_amount > 0)
              FROM ttcp_contract c JOIN ttcp_disbursement d ON d.contract_id = c.id AND d.state = 'paid'
             WHERE c.state NOT IN ('draft', 'cancelled', 'liquidated') AND c.advance_outstanding > 0
               AND d.paid_date <= %(today)s
             GROUP BY c.id
            """,
            {"today": today},
        )
        cr.fetchall()

    bench.run("cron_advance_clawback", cron_clawback, cron_clawback_sql, write=True)

    def cron_sla():
        Request._cron_check_sla_breaches()

    def cron_sla_sql():
        cr.execute(
            """
            SELECT id FROM maintenance_request
             WHERE NOT COALESCE(sla_breached, false) AND resolved_at IS NULL
               AND ((response_due < now() AT TIME ZONE 'UTC' AND responded_at IS NULL)
                    OR resolution_due < now() AT TIME ZONE 'UTC')
            """
        )
        cr.fetchall()

    bench.run("cron_sla_breaches", cron_sla, cron_sla_sql, write=True)

    def cron_coverage():
        Equipment._cron_refresh_coverage()

    def cron_coverage_sql():
        cr.execute(
            """
            WITH c AS (
                SELECT id, row_number() OVER (ORDER BY effective_date DESC, id DESC) AS rk,
                       (SELECT array_agg(x.maintenance_equipment_category_id)
                          FROM maintenance_equipment_category_ttcp_contract_rel x
                         WHERE x.ttcp_contract_id = t.id) AS cats,
                       (SELECT array_agg(cs.parent_path) FROM ttcp_contract_ttcp_site_rel x
                          JOIN ttcp_site cs ON cs.id = x.ttcp_site_id
                         WHERE x.ttcp_contract_id = t.id) AS paths
                  FROM ttcp_contract t
                 WHERE is_maintenance AND state IN ('signed', 'in_progress', 'accepted')
                   AND effective_date <= %(d)s AND (end_date IS NULL OR end_date >= %(d)s)
            )
            SELECT DISTINCT ON (e.id) e.id, c.id
              FROM maintenance_equipment e LEFT JOIN ttcp_site s ON s.id = e.site_id
              JOIN c ON (c.cats IS NOT NULL OR c.paths IS NOT NULL)
               AND (c.cats IS NULL OR e.category_id = ANY (c.cats))
               AND (c.paths IS NULL OR EXISTS (SELECT 1 FROM unnest(c.paths) p
                                                WHERE s.parent_path LIKE p || '%%'))
             WHERE e.active AND e.asset_state != 'retired'
             ORDER BY e.id, c.rk
            """,
            {"d": today},
        )
        cr.fetchall()

    bench.run("cron_refresh_coverage", cron_coverage, cron_coverage_sql, write=True)


def forecast_short_sql_all(cr, today):
    def run():
        cr.execute(
            f"SELECT * FROM ({FORECAST_SQL.format(where='cp.disbursement_deadline >= %(today)s')}) f "
            "WHERE f.gap >= 0.5",
            {"today": today},
        )
        cr.fetchall()

    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--slow", type=float, default=20.0, help="warm-up seconds above which one run is kept"
    )
    parser.add_argument("--only", help="comma-separated operation names")
    parser.add_argument("--profile", help="operation to run once under cProfile first")
    parser.add_argument("--profile-out", help="file for the profile (else printed)")
    args, odoo_args = parser.parse_known_args()
    with odoo_env(odoo_args) as env:
        scale = scale_of(env)
        if scale is None:
            sys.exit(f"{env.cr.dbname} holds no generated data: run scripts/generate_scale_data.py first.")
        bench = Bench(env, args.runs, args.slow, args.profile, args.profile_out)
        if args.only:
            wanted = set(args.only.split(","))
            original = bench.run

            def only(name, *a, **kw):
                if name in wanted:
                    original(name, *a, **kw)

            bench.run = only
        print(f"Benchmark of {env.cr.dbname}, generated at scale {scale}, today {bench.today}", flush=True)
        operations(bench)
        bench.summary()
        env.cr.rollback()


if __name__ == "__main__":
    main()
