"""Print the addons path for the suite: our addons, then Odoo's own addons folders."""

import os
import sys

import odoo

here = [os.path.abspath(p) for p in sys.argv[1:]]
root = os.path.dirname(os.path.abspath(odoo.__file__))
candidates = [os.path.join(root, "addons"), os.path.join(os.path.dirname(root), "addons")]
print(",".join(here + [c for c in candidates if os.path.isfile(os.path.join(c, "web", "__manifest__.py"))]))
