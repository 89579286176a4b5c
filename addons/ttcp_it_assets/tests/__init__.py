from . import test_coverage
from . import test_sla
from . import test_handover
from . import test_import
from . import test_register_and_preventive
from . import test_access
from . import test_portal
from . import test_xlsx
