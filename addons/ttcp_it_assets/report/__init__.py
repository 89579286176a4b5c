from . import asset_xlsx_common
from . import asset_register_xlsx
from . import sla_performance_xlsx
from . import warranty_ending_xlsx
from . import uncovered_assets_xlsx
