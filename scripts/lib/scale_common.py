"""Shared plumbing of ``scripts/generate_scale_data.py`` and ``scripts/bench.py``.

Both scripts are plain ``python3`` programs that bootstrap Odoo themselves: the options they
do not know (``-d``, ``--db_host``, ``-r``, ``-w``, ``--addons-path``, ...) go to Odoo's own
option parser, so they take the same database options as ``odoo-bin``.
"""

import io
import json
import os
import sys
import time
from contextlib import contextmanager
from datetime import date, datetime

import odoo
from odoo import SUPERUSER_ID, api

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCALE_PARAM = "ttcp.scale_data"


def default_addons_path():
    """The suite's addons, then Odoo's own addons folders (as scripts/lib/addons_path.py)."""
    root = os.path.dirname(os.path.abspath(odoo.__file__))
    candidates = [os.path.join(root, "addons"), os.path.join(os.path.dirname(root), "addons")]
    found = [c for c in candidates if os.path.isfile(os.path.join(c, "web", "__manifest__.py"))]
    return ",".join([os.path.join(REPO, "addons")] + found)


def odoo_registry(odoo_args):
    """Parse ``odoo_args`` as odoo-bin would and return the registry of the ``-d`` database."""
    if not any(arg.startswith("--addons-path") for arg in odoo_args):
        odoo_args = [*odoo_args, f"--addons-path={default_addons_path()}"]
    odoo.tools.config.parse_config(odoo_args)
    dbname = odoo.tools.config["db_name"]
    if not dbname:
        sys.exit("Give the database with -d DB.")
    if "," in dbname:
        sys.exit("Give one database.")
    return odoo.modules.registry.Registry(dbname)


@contextmanager
def odoo_env(odoo_args):
    """A superuser environment on a fresh cursor, committed when the block ends normally."""
    registry = odoo_registry(odoo_args)
    with registry.cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {})


class Timer:
    """Named wall-clock steps, printed as they end."""

    def __init__(self):
        self.start = time.perf_counter()
        self.steps = []

    @contextmanager
    def step(self, name):
        began = time.perf_counter()
        yield
        elapsed = time.perf_counter() - began
        self.steps.append((name, elapsed))
        print(f"  {name}: {elapsed:.1f} s", flush=True)

    def total(self):
        return time.perf_counter() - self.start


def reserve_ids(cr, table, count):
    """``count`` consecutive ids of ``table``'s sequence, taken now (first id returned)."""
    if count <= 0:
        return 0
    cr.execute(f"SELECT nextval('{table}_id_seq')")
    first = cr.fetchone()[0]
    cr.execute(f"SELECT setval('{table}_id_seq', %s)", [first + count - 1])
    return first


def _copy_text(value):
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy_rows(cr, table, columns, rows, audit=True):
    """COPY ``rows`` (tuples in ``columns`` order) into ``table``; None is NULL.

    ``audit`` adds create/write uid and date (the superuser, now)."""
    columns = list(columns)
    if audit:
        columns += ["create_uid", "write_uid", "create_date", "write_date"]
        now = datetime.now().replace(microsecond=0)
        tail = (SUPERUSER_ID, SUPERUSER_ID, now, now)
    buf = io.StringIO()
    count = 0
    for row in rows:
        values = tuple(row) + tail if audit else tuple(row)
        buf.write("\t".join(_copy_text(v) for v in values))
        buf.write("\n")
        count += 1
    buf.seek(0)
    cr._obj.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buf)
    return count


def scale_of(env):
    """The scale the database was generated at (None if it was not)."""
    value = env["ir.config_parameter"].sudo().get_param(SCALE_PARAM)
    return float(value) if value else None
