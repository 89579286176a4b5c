"""Benchmark of the streamed XLSX exports of ttcp_procurement (printed figures, no assertion).

Run as an Odoo shell script on a database where ttcp_procurement is installed (with or
without demo data):

    python3 -m odoo shell -d DB --db_host=... -r ... -w ... --addons-path=... \\
        --log-level=warn < scripts/bench_xlsx_export.py

In the shell's transaction it inserts N signed contracts and, for each, a paid advance and
a paid payment that recovers part of it (2 N disbursements, by SQL so that creating them
costs next to no memory in this process), then renders the contract register and the
advances-outstanding (08.a/SDTƯ) exports over the N contracts, and prints for each the
time, the file size and the process's peak RSS (resource.getrusage). Everything is rolled
back at the end. For comparison it then renders the register once more with the whole
recordset in one batch and without xlsxwriter's constant-memory mode (the peak RSS is a
high-water mark, so that run comes last). Settings from the environment:
TTCP_BENCH_N (20000), TTCP_BENCH_COMPARE=0 to skip the comparison run.
"""

import io
import os
import resource
import time
from unittest.mock import patch

N = int(os.environ.get("TTCP_BENCH_N", "20000"))
COMPARE = os.environ.get("TTCP_BENCH_COMPARE", "1") != "0"

env = env  # noqa: F821, PLW0127 (given by odoo shell)
cr = env.cr


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mib():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def setup():
    """One recurrent-budget plan, package and contractor to hang the contracts on."""
    source = env.ref("ttcp_projects.funding_source_state_recurrent")
    plan = env["ttcp.selection.plan"].create({"name": "Benchmark plan", "budget_type": "recurrent"})
    package = env["ttcp.bid.package"].create(
        {
            "plan_id": plan.id,
            "number": "BENCH",
            "name": "Benchmark package",
            "package_field": "goods",
            "price": 1_000_000_000,
            "funding_source_id": source.id,
            "selection_method": "direct_appointment",
            "contract_type": "lump_sum",
        }
    )
    partner = env["res.partner"].create({"name": "Benchmark contractor JSC", "is_company": True})
    env.flush_all()
    return package, partner


def insert_rows(package, partner):
    """N contracts and 2 N paid disbursements, with the stored totals the ORM would compute."""
    cr.execute(
        """
        INSERT INTO ttcp_contract (
            number, name, package_id, partner_id, company_id, funding_source_id, contract_type,
            sign_date, effective_date, end_date, value, value_in_force,
            advance_amount, advance_guarantee_ref, advance_guarantee_amount, advance_guarantee_expiry,
            amount_paid, advance_paid, advance_recovered, advance_outstanding, payment_rate,
            warranty_months, state, create_uid, create_date, write_uid, write_date)
        SELECT 'BENCH-' || lpad(i::text, 6, '0'), 'Benchmark contract ' || i, %(package)s, %(partner)s,
               %(company)s, %(source)s, 'lump_sum',
               DATE '2025-01-01' + (i %% 300), DATE '2025-01-01' + (i %% 300), DATE '2026-12-31',
               1000000000 + i, 1000000000 + i,
               200000000, 'BL-' || i, 200000000, DATE '2026-12-31',
               300000000, 200000000, 60000000, 140000000, 300000000.0 / (1000000000 + i) * 100,
               12, 'in_progress', 1, now(), 1, now()
          FROM generate_series(1, %(n)s) AS i
        RETURNING id
        """,
        {
            "package": package.id,
            "partner": partner.id,
            "company": package.company_id.id,
            "source": package.funding_source_id.id,
            "n": N,
        },
    )
    ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        """
        INSERT INTO ttcp_disbursement (
            name, contract_id, partner_id, company_id, disbursement_type, amount,
            advance_recovery_amount, net_amount, request_date, paid_date, state,
            create_uid, create_date, write_uid, write_date)
        SELECT c.number || ' / ' || t.kind, c.id, c.partner_id, c.company_id, t.kind, t.amount,
               t.recovered, t.amount - t.recovered, t.day, t.day, 'paid', 1, now(), 1, now()
          FROM ttcp_contract c
         CROSS JOIN (VALUES ('advance', 200000000, 0, DATE '2025-03-10'),
                            ('payment', 300000000, 60000000, DATE '2025-09-15'))
               AS t(kind, amount, recovered, day)
         WHERE c.id = ANY(%s)
        """,
        [ids],
    )
    return ids


def render(label, xmlid, ids, data=None):
    env.invalidate_all()
    rss_before = current_rss_mib()
    start = time.perf_counter()
    content, _kind = env["ir.actions.report"]._render_xlsx(xmlid, ids, data or {})
    seconds = time.perf_counter() - start
    rows = None
    try:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
        rows = sheet.max_row
    except ImportError:
        pass
    print(
        f"{label:<48} {seconds:6.1f} s  {len(content) / 1024:7.0f} KiB  rows {rows}  "
        f"RSS {rss_before:.0f} -> {current_rss_mib():.0f} MiB, peak {peak_rss_mib():.0f} MiB"
    )


try:
    package, partner = setup()
    start = time.perf_counter()
    ids = insert_rows(package, partner)
    print(
        f"N = {N}: {len(ids)} contracts and {2 * len(ids)} paid disbursements inserted in "
        f"{time.perf_counter() - start:.1f} s; peak RSS {peak_rss_mib():.0f} MiB"
    )
    register = "ttcp_procurement.action_report_contract_register_xlsx"
    render("contract register (streamed, batches of 1000)", register, ids)
    render(
        "advances outstanding 08.a/SDTU (streamed)",
        "ttcp_procurement.action_report_advance_outstanding_xlsx",
        ids,
        {"date": "2025-12-31"},
    )
    if COMPARE:
        from odoo.addons.ttcp_procurement.report import xlsx_common

        model = type(env["report.ttcp_procurement.contract_register_xlsx"])
        with (
            patch.object(xlsx_common, "BATCH", len(ids)),
            patch.object(model, "get_workbook_options", lambda self: {}),
        ):
            render("contract register (one batch, in-memory workbook)", register, ids)
finally:
    cr.rollback()
    print("rolled back")
