"""Benchmark: the contract register XLSX export on many contracts (printed figures, no assertion).

Run inside an Odoo shell on a database with ttcp_procurement installed (demo data is enough):
    python3 -m odoo shell -d DB --addons-path=... < scripts/bench_xlsx_export.py
It creates N draft contracts in the current transaction, renders the export, prints the time,
the file size and the process's peak memory, then rolls everything back.
"""

import os
import resource
import time

N = int(os.environ.get("TTCP_BENCH_CONTRACTS", "20000"))

package = env["ttcp.bid.package"].search([], limit=1)  # noqa: F821 (odoo shell)
partner = env["res.partner"].search([("is_company", "=", True)], limit=1)  # noqa: F821
assert package and partner, "needs the ttcp_procurement demo data"
rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
env["ttcp.contract"].create(  # noqa: F821
    [
        {
            "number": f"BENCH-{i:06d}",
            "name": f"Benchmark contract {i}",
            "package_id": package.id,
            "partner_id": partner.id,
            "value": 1_000_000 + i,
        }
        for i in range(N)
    ]
)
env.flush_all()  # noqa: F821
created = time.perf_counter() - start
contracts = env["ttcp.contract"].search([])  # noqa: F821
env.invalidate_all()  # noqa: F821
rss_mid = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
content, _kind = env["ir.actions.report"]._render_xlsx(  # noqa: F821
    "ttcp_procurement.action_report_contract_register_xlsx", contracts.ids, {}
)
rendered = time.perf_counter() - start
rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"contracts: {len(contracts)}; created in {created:.1f} s; export rendered in {rendered:.1f} s")
print(f"xlsx size: {len(content) / 1024:.0f} KiB")
before, created_mib, after = (round(value / 1024) for value in (rss_before, rss_mid, rss_after))
print(f"peak RSS (MiB): before {before}, after creating {created_mib}, after export {after}")
env.cr.rollback()  # noqa: F821
