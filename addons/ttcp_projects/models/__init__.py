from . import workflow_mixin
from . import legal_rule_consumer  # before legal_rule, which imports investment_project
from . import legal_rule
from . import resource_calendar
from . import funding_source
from . import investment_project
from . import project_decision
from . import capital_plan
from . import capital_plan_adjustment
from . import progress_report
from . import project_task
from . import resource_calendar_leaves
from . import hr_department
from . import res_users
from . import res_currency
from . import overdue_item
from . import mail_tracking_value
from . import project_project
