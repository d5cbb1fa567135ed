#!/usr/bin/env bash
# Prints the path of a Python 3.11 interpreter (Fazhi pins Django 5.2 LTS on 3.11).
# Order: $PYTHON, python3.11, python3, pyenv's 3.11.x installs, the usual system paths.
set -uo pipefail
is311() { "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info[:2] != (3, 11))' >/dev/null 2>&1; }
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
candidates+=(python3.11 python3)
for d in "${PYENV_ROOT:-${HOME:-/root}/.pyenv}"/versions/3.11*/bin/python3.11 /root/.pyenv/versions/3.11*/bin/python3.11 \
  /usr/local/bin/python3.11 /usr/bin/python3.11; do
  candidates+=("$d")
done
for c in "${candidates[@]}"; do
  p=$(command -v "$c" 2>/dev/null) || continue
  if is311 "$p"; then
    # A pyenv shim may point elsewhere later; resolve to the real interpreter now.
    "$p" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done
echo "找不到 Python 3.11：请安装 python3.11（例如 apt-get install python3.11-venv 或 pyenv install 3.11），或设置 PYTHON=/path/to/python3.11" >&2
exit 1
