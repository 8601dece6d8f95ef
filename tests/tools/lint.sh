#!/usr/bin/env bash
# Entry of the pre-commit hooks (.pre-commit-config.yaml):
#   tests/tools/lint.sh ruff FILES...      ruff with ruff.toml
#   tests/tools/lint.sh pylint ADDONS...   pylint with pylint-odoo and .pylintrc
set -euo pipefail
PY="${PENGADUAN_PY:-$(command -v python3)}"
tool=$1
shift
case $tool in
    ruff) exec "$PY" -m ruff check --no-cache --config ruff.toml --output-format=concise "$@" ;;
    pylint) exec "$PY" -m pylint --rcfile=.pylintrc --load-plugins=pylint_odoo "$@" ;;
    *) echo "usage: $0 ruff|pylint PATHS..." >&2; exit 2 ;;
esac
