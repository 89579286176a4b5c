from . import project_cancel_wizard
