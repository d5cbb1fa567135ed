#!/usr/bin/env bash
# `make demo`: one background-task worker (django-tasks-db `db_worker`) beside the development
# server; Ctrl-C stops both. Usage: scripts/demo-serve.sh BIN_DIR ADDR
set -euo pipefail
bin=$1
addr=$2
# --no-reload: under FAZHI_DEBUG the autoreloader would run the worker in a child process that a
# kill of the parent leaves behind
"$bin/fazhi" db_worker --queue-name default --no-reload &
worker=$!
trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT INT TERM
"$bin/fazhi" serve "$addr"
