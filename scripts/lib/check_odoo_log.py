"""Fail when Odoo logs show a warning, an error, a traceback, a skipped or a failed test.

Usage: check_odoo_log.py [--counts FILE] LOG [LOG...]

Any logger counts, not only odoo.addons.ttcp_*: Odoo's core warns on an addon's behalf
(odoo.models, odoo.fields, odoo.modules.loading, odoo.addons.base.models.ir_ui_view...),
and Odoo logs nothing at WARNING on a clean install of its own addons. Lines that are about
the machine rather than the suite are listed in IGNORED, each with its reason.

Writes "<passed> <failed>" of Odoo's test runner to FILE (from the install log's
"N failed, M error(s) of T tests" summary). Exits 1 on any problem, listing it.
"""

import re
import sys

# Lines that are not about the suite and that Odoo prints on a healthy run.
IGNORED = [
    # Odoo refuses nothing when run as root but says so; CI machines run as root.
    re.compile(r"Running as user 'root' is a security risk"),
    # Debian's wkhtmltopdf is built without the patched Qt that the official Docker image
    # ships; rendering a PDF then warns that header/footer switches are ignored.
    re.compile(r"wkhtmltopdf: The switch --header-spacing, is not support using unpatched qt"),
]
LEVEL = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (WARNING|ERROR|CRITICAL) ")
# A skipped test is not a pass (a browser tour that found no Chromium, say).
SKIPPED = re.compile(r" INFO \S+ odoo\.addons\.\S+: skipped ")
SUMMARY = re.compile(r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests")


def main(argv):
    counts_file = None
    if argv[:1] == ["--counts"]:
        counts_file, argv = argv[1], argv[2:]
    problems, passed, failed, seen_summary = [], 0, 0, False
    for path in argv:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                if any(p.search(line) for p in IGNORED):
                    continue
                match = SUMMARY.search(line)
                if match:
                    seen_summary = True
                    bad = int(match.group(1)) + int(match.group(2))
                    failed += bad
                    passed += int(match.group(3)) - bad
                if LEVEL.match(line) or line.startswith("Traceback") or SKIPPED.search(line):
                    problems.append(f"{path}:{number}: {line.rstrip()[:300]}")
    if not seen_summary:
        problems.append("no test summary in the logs: Odoo's test runner ran no test")
    if counts_file:
        with open(counts_file, "w", encoding="utf-8") as handle:
            handle.write(f"{passed} {failed}\n")
    print(f"Odoo test runner: {passed} tests passed, {failed} failed or in error")
    if problems:
        print(f"{len(problems)} problem(s) in the Odoo logs:")
        for problem in problems[:60]:
            print("  " + problem)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
