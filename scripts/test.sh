#!/usr/bin/env bash
# `make test`: every check, in order, with the wall time of each stage and a summary at the end.
# System packages are installed in the background while the venv is built. Every stage runs even
# when an earlier one failed (so one run shows all problems); the exit status is non-zero if any
# stage failed. Set FAZHI_TEST_STAGES="lint pytest-sqlite" to run only some stages.
set -uo pipefail
cd "$(dirname "$0")/.."
MAKE=${MAKE:-make}
M=("$MAKE" --no-print-directory)
logs=var/test-logs  # one log per stage; the summary lists the failed tests from them
rm -rf "$logs"
mkdir -p "$logs"
export PYTHONUNBUFFERED=1
results=()
failed=0
t_all=$(date +%s)

stage() {  # stage NAME COMMAND...
  local name=$1 t0 rc secs
  shift
  if [ -n "${FAZHI_TEST_STAGES:-}" ] && [[ " $FAZHI_TEST_STAGES " != *" $name "* ]]; then return 0; fi
  echo
  echo "=== $name ==="
  t0=$(date +%s)
  "$@" 2>&1 | tee "$logs/$name.log"
  rc=${PIPESTATUS[0]}
  secs=$(($(date +%s) - t0))
  if [ $rc = 0 ]; then results+=("$(printf '%-16s %5ss  ok' "$name" "$secs")"); else
    results+=("$(printf '%-16s %5ss  FAILED (exit %s)' "$name" "$secs" "$rc")")
    failed=1
  fi
  return $rc
}

# 1. System packages (background) and the virtualenv (foreground) at the same time.
t0=$(date +%s)
sysdeps_log=$logs/system-deps.log
bash scripts/system-deps.sh >"$sysdeps_log" 2>&1 &
sysdeps_pid=$!
stage venv "${M[@]}" venv || { cat "$sysdeps_log"; wait "$sysdeps_pid"; printf '%s\n' "${results[@]}"; exit 1; }
wait "$sysdeps_pid"
sysdeps_rc=$?
cat "$sysdeps_log"
results+=("$(printf '%-16s %5ss  %s' "system-deps" "$(($(date +%s) - t0))" "$([ $sysdeps_rc = 0 ] && echo ok || echo "FAILED (exit $sysdeps_rc)")")")
[ $sysdeps_rc = 0 ] || failed=1

# 2. Static checks.
stage lint "${M[@]}" lint
stage typecheck "${M[@]}" typecheck
stage migrations "${M[@]}" migrations-check
# 3. Tests: SQLite, then a throw-away PostgreSQL; the fuzzing stage; then the browser (own stage, no xdist).
stage pytest-sqlite "${M[@]}" pytest-sqlite
stage pytest-postgres "${M[@]}" pytest-postgres
# 4. The API fuzzed (schemathesis over the committed schema, a few examples per operation): no 5xx.
stage fuzz "${M[@]}" fuzz
stage browser "${M[@]}" browser

echo
echo "=== summary (wall time per stage) ==="
printf '%s\n' "${results[@]}"
printf '%-16s %5ss\n' "total" "$(($(date +%s) - t_all))"
failures=$(grep -h -E '^(FAILED|ERROR) ' "$logs"/*.log 2>/dev/null | sort -u)
if [ -n "$failures" ]; then
  echo
  echo "=== failed tests (details above and in $logs/) ==="
  echo "$failures"
fi
if [ $failed != 0 ]; then
  echo "make test: FAILED"
  exit 1
fi
echo "make test: all checks passed"
