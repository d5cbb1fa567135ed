#!/usr/bin/env bash
# Installs the Debian packages Fazhi needs when they are missing: PostgreSQL 15 (tests), Chromium
# (browser tests), CJK fonts (documents and PDFs), poppler-utils (PDF checks). Idempotent.
set -euo pipefail
need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -q "Noto Serif CJK" || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -q "AR PL UKai" || need+=(fonts-arphic-ukai)
command -v pdftotext >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "缺少系统软件包：${need[*]}。请以 root 运行：apt-get install -y ${need[*]}" >&2; exit 1
  fi
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
