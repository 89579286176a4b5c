from . import test_dashboards
from . import test_dashboard_tours
