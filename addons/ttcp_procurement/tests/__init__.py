from . import test_plan_rules
from . import test_disbursement
from . import test_disbursement_concurrency
from . import test_package_and_contract
from . import test_finance
from . import test_access_rights
from . import test_xlsx_reports
from . import test_workflow_locks
