#!/usr/bin/env bash
# Runs CI (`bash .ci/run`) the way a brand-new machine would: in a minimal Debian 12 chroot that has
# only Python 3.11, git and make (no PostgreSQL, Chromium, fonts …), on a fresh clone of HEAD, with
# ../shared copied beside it. Catches missing system packages that a developer machine hides.
#   sudo bash scripts/fresh-machine-check.sh            # log: var/fresh-machine-check.log
# Needs root and debootstrap (installed with apt when missing). The pristine chroot is cached as
# var/fresh-machine-chroot.tar (about 330 MB); /proc, /dev and /sys are mounted in a private mount
# namespace, so nothing stays mounted when the run ends.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
mkdir -p var
WORK=$(mktemp -d /tmp/fazhi-fresh.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
TAR=$REPO/var/fresh-machine-chroot.tar
LOG=$REPO/var/fresh-machine-check.log
R=$WORK/root

if [ ! -f "$TAR" ]; then
  echo "building a minimal Debian 12 chroot (about a minute)…"
  mkdir -p "$R"
  debootstrap --variant=minbase --include=python3.11,python3.11-venv,python3-distutils,git,make,ca-certificates,procps \
    bookworm "$R" http://deb.debian.org/debian >"$WORK/debootstrap.log" 2>&1 || { tail -n 20 "$WORK/debootstrap.log"; exit 1; }
  printf 'deb http://deb.debian.org/debian bookworm main\ndeb http://deb.debian.org/debian bookworm-updates main\ndeb http://deb.debian.org/debian-security bookworm-security main\n' \
    >"$R/etc/apt/sources.list"
  printf '#!/bin/sh\nexit 101\n' >"$R/usr/sbin/policy-rc.d" && chmod +x "$R/usr/sbin/policy-rc.d"  # apt starts no services
  rm -f "$R"/var/cache/apt/archives/*.deb
  tar -C "$WORK" -cf "$TAR" root
  rm -rf "$R"
fi
tar -C "$WORK" -xf "$TAR"
cp /etc/resolv.conf "$R/etc/resolv.conf"
cp /etc/ssl/certs/ca-certificates.crt "$R/root/host-ca.crt" 2>/dev/null || cp "$R/etc/ssl/certs/ca-certificates.crt" "$R/root/host-ca.crt"  # the host may sit behind a TLS proxy
mkdir -p "$R/work"
git clone -q "$REPO" "$R/work/main"
[ -d "$REPO/../shared" ] && cp -r "$REPO/../shared" "$R/work/shared"

echo "running .ci/run in the chroot (log: $LOG)…"
set +e
R=$R unshare --mount --propagation private bash -c '
  mount -t proc proc "$R/proc" && mount --rbind /dev "$R/dev" && mount -t sysfs sys "$R/sys" || exit 99
  exec chroot "$R" /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PIP_CERT=/root/host-ca.crt SSL_CERT_FILE=/root/host-ca.crt REQUESTS_CA_BUNDLE=/root/host-ca.crt \
    bash -c "cd /work/main && bash .ci/run"
' >"$LOG" 2>&1
rc=$?
set -e
sed -n '/=== summary/,$p' "$LOG"
echo "fresh-machine check: exit $rc"
exit $rc
