from . import legal_rule
from . import funding_source
from . import investment_project
from . import project_decision
from . import capital_plan
from . import capital_plan_adjustment
from . import progress_report
from . import project_task
