from . import xlsx_common
from . import selection_plan_xlsx
from . import contract_register_xlsx
from . import disbursement_monthly_xlsx
from . import advance_outstanding_xlsx
from . import treasury_forms
