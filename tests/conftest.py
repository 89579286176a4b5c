"""Suite-level tests, run by pytest-odoo against the database scripts/run-tests.sh built."""
