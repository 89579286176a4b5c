from . import site
from . import equipment_category
from . import equipment
from . import asset_handover
from . import asset_handover_line
from . import contract
from . import contract_acceptance
from . import maintenance_request
