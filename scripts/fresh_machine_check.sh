#!/usr/bin/env bash
# Proof on a really fresh machine: a bare Debian 12 (debootstrap --variant=minbase) chroot gets the committed tree
# (a git clone) with ../shared beside it, runs README.md's set-up lines as written, then its two commands:
# `uv run pytest` with LibreOffice and Xvfb required, and `uv run fzbg` started under Xvfb with Qt's xcb platform
# (it quits once its window is shown). Prints each result; exits non-zero if any failed.
#
# Run as root. FRESH_MACHINE_DIR (default /var/tmp/fzbg-fresh-machine) holds the chroot, made anew on every run;
# a debootstrap tarball there (bookworm-minbase.tgz, from `debootstrap --make-tarball`) saves the download.
# The machine's own network settings are passed in: resolv.conf, and its CA bundle (named by SSL_CERT_FILE,
# PIP_CERT and REQUESTS_CA_BUNDLE) for networks that inspect HTTPS.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=${FRESH_MACHINE_DIR:-/var/tmp/fzbg-fresh-machine}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
root=$work/root
host_ca=${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}

[ "$(id -u)" = 0 ] || { echo "run as root: it uses debootstrap, mount and chroot" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "debootstrap is not installed (apt-get install debootstrap)" >&2; exit 2; }

unmount_all() {
  for mount in dev/shm dev/pts dev sys proc; do
    mountpoint -q "$root/$mount" 2>/dev/null && { umount "$root/$mount" || umount -l "$root/$mount"; }
  done
  return 0
}
trap unmount_all EXIT INT TERM

mkdir -p "$work"
unmount_all
rm -rf "$root"
echo "== debootstrap Debian 12 minbase into $root"
if [ -f "$work/bookworm-minbase.tgz" ]; then
  debootstrap --variant=minbase --unpack-tarball="$work/bookworm-minbase.tgz" bookworm "$root" "$mirror" >"$work/debootstrap.log"
else
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log"
fi

mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount --bind /dev "$root/dev"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
mount -t tmpfs -o mode=1777 shm "$root/dev/shm"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
ca_env=()
if [ -f "$host_ca" ]; then
  cp -L "$host_ca" "$root/usr/local/share/host-ca.pem"
  ca_env=(SSL_CERT_FILE=/usr/local/share/host-ca.pem PIP_CERT=/usr/local/share/host-ca.pem
          REQUESTS_CA_BUNDLE=/usr/local/share/host-ca.pem)
fi

# The committed tree, as a clone gets it, and the shared sample reports beside it.
git clone -q --no-hardlinks "$repo" "$root/root/fzbg"
[ -d "$repo/../shared" ] && cp -rL "$repo/../shared" "$root/root/shared"

# README's set-up lines: the fenced block after the fresh-machine-setup marker, word for word.
awk '/fresh-machine-setup/ {found=1; next} found && /^```/ {if (inside) exit; inside=1; next} inside' \
  "$repo/README.md" >"$root/root/setup.sh"
[ -s "$root/root/setup.sh" ] || { echo "README.md has no fresh-machine-setup block" >&2; exit 2; }

cat >"$root/root/check.sh" <<'INNER'
set -uo pipefail
cd /root/fzbg
echo "== README set-up:"; cat /root/setup.sh
set -e
source /root/setup.sh
set +e
echo "== python: $(command -v python3) $(python3 --version 2>&1); uv: $(uv --version)"
echo "== uv run pytest (LibreOffice and Xvfb required)"
FZBG_REQUIRE_LIBREOFFICE=1 FZBG_REQUIRE_XVFB=1 uv run pytest -p no:cacheprovider 2>&1 | tail -25
tests=${PIPESTATUS[0]}
echo "== uv run fzbg under Xvfb, xcb platform"
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3>/root/display 2>/dev/null &
xvfb=$!
for _ in $(seq 600); do [ -s /root/display ] && break; sleep 0.1; done
DISPLAY=:$(head -1 /root/display) QT_QPA_PLATFORM=xcb FZBG_QUIT_AFTER_SHOW=1 timeout 300 uv run fzbg 2>&1 | tail -20
window=${PIPESTATUS[0]}
kill "$xvfb"
echo "RESULT tests exit $tests; window exit $window"
[ "$tests" = 0 ] && [ "$window" = 0 ]
INNER

echo "== in the chroot (clean environment)"
set +e
env -i HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${ca_env[@]}" \
  chroot "$root" /bin/bash /root/check.sh
status=$?
set -e
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'): fresh Debian 12 check $([ $status = 0 ] && echo PASSED || echo FAILED)"
exit $status
