#!/usr/bin/env bash
# Installs the Debian packages Fazhi needs when they are missing: PostgreSQL 15 (tests), Chromium
# (browser tests; libatomic1 for Playwright's driver), CJK fonts (documents and PDFs), poppler-utils
# (PDF checks). Idempotent: when everything is present it does nothing (no apt-get update), so it is
# cheap to call on every run. Needs root (or passwordless sudo) only when something is missing.
set -euo pipefail

installed() {  # dpkg-query, not `fc-list | grep -q` (SIGPIPE under pipefail gives false negatives)
  local status
  status=$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)
  [ "$status" = installed ]
}

# `system-deps.sh` installs everything `make test` needs; `system-deps.sh demo` only what the running
# site needs (fonts and pango for the PDF documents the demo publishes).
profile=${1:-test}
need=()
if [ "$profile" != demo ]; then
  [ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  # Playwright's bundled node driver links libatomic; minimal images lack it.
  installed libatomic1 || [ -e /usr/lib/x86_64-linux-gnu/libatomic.so.1 ] || need+=(libatomic1)
fi
installed fonts-noto-cjk || need+=(fonts-noto-cjk)
installed fonts-arphic-ukai || need+=(fonts-arphic-ukai)
installed fonts-arphic-uming || need+=(fonts-arphic-uming)  # 仿宋-style body face of the annual report (GB/T 9704)
installed libpangoft2-1.0-0 || need+=(libpangoft2-1.0-0)  # WeasyPrint (PDF documents)
[ ${#need[@]} -gt 0 ] || exit 0

if ! command -v apt-get >/dev/null; then
  echo "缺少系统软件包：${need[*]}。本机没有 apt-get，请手工安装（Debian/Ubuntu 包名）。" >&2
  exit 1
fi
SUDO=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    echo "缺少系统软件包：${need[*]}。请以 root 运行：apt-get update && apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
echo "system-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Refresh the font cache so WeasyPrint and Chromium see the new CJK fonts at once.
if command -v fc-cache >/dev/null; then "${SUDO[@]}" fc-cache -s >/dev/null 2>&1 || true; fi
echo "system-deps: done"
