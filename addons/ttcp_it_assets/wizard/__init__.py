from . import asset_register_wizard
from . import asset_register_wizard_line
from . import asset_import_wizard
from . import asset_report_wizard
from . import request_time_correction
