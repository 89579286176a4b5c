from . import disbursement_reverse_wizard
