#!/usr/bin/env bash
# pip install the given requirement files quietly with $PY (python3), adding $TTCP_PIP_FLAGS
# (the odoo:18.0 image needs "--user --break-system-packages"). OCA addon wheels require the
# 'odoo' distribution (odoo==18.0.*): where Odoo is importable but pip has no metadata for it
# (a source checkout on PYTHONPATH), requirements.txt is installed with --no-deps, so that pip
# does not try to fetch Odoo itself; Odoo's own dependencies are then the machine's business.
# Usage: pip-install.sh requirements.txt [requirements-test.txt ...]
set -euo pipefail
PY=${PY:-${PYTHON:-python3}}
export PIP_ROOT_USER_ACTION=ignore  # the CI machine and root containers run pip as root
# shellcheck disable=SC2206
flags=(-q --disable-pip-version-check ${TTCP_PIP_FLAGS:-})
if "$PY" -c "import importlib.metadata as m; m.version('odoo')" >/dev/null 2>&1; then
    args=()
    for req in "$@"; do args+=(-r "$req"); done
    "$PY" -m pip install "${flags[@]}" "${args[@]}"
else
    echo "pip has no metadata for the importable Odoo: installing $1 without dependencies"
    "$PY" -m pip install "${flags[@]}" --no-deps -r "$1"
    shift
    for req in "$@"; do "$PY" -m pip install "${flags[@]}" -r "$req"; done
fi
