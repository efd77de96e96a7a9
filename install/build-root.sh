#!/usr/bin/env bash
# Create (or bring up to date) a cached Debian root: Debian 13 (trixie) on hosts older than it,
# or Debian testing (forky) with COLORIZE_MANGA_ROOT=testing (see lib.sh).
#
# A fresh root is bootstrapped into "$ROOT_DIR.new" and renamed only when complete, so an
# interrupted run never leaves a half-made root in use. Package-list changes are applied
# with apt inside the existing root; nothing is deleted while anything is mounted in it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || die "building the Debian $ROOT_SUITE root needs root (debootstrap, chroot)"
mkdir -p "$CACHE_DIR"
exec 9>"$CACHE_DIR/.lock"
flock 9 # one builder at a time

want=$(package_list | sort | sha256sum | cut -d' ' -f1)

if [ ! -f "$ROOT_DIR/.complete" ]; then
    command -v debootstrap >/dev/null || { say "installing debootstrap"; apt-get install -y -q debootstrap >/dev/null; }
    remove_root_safely "$ROOT_DIR.new" # left by an interrupted run
    remove_root_safely "$ROOT_DIR"     # incomplete, so never used
    mirror=$(host_debian_mirror)
    say "bootstrapping Debian $ROOT_SUITE into $ROOT_DIR (about a minute)"
    # An older debootstrap may not know the newest suite by name; it is made like sid.
    script=/usr/share/debootstrap/scripts/$ROOT_SUITE
    [ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid
    debootstrap --variant=minbase "$ROOT_SUITE" "$ROOT_DIR.new" "$mirror" "$script" \
        >"$CACHE_DIR/debootstrap-$ROOT_NAME.log" 2>&1 ||
        die "debootstrap failed; see $CACHE_DIR/debootstrap-$ROOT_NAME.log"
    printf 'deb %s %s main\n' "$mirror" "$ROOT_SUITE" >"$ROOT_DIR.new/etc/apt/sources.list"
    # Testing's Release files expire within a week; a mirror snapshot older than that is still
    # what this root is built from.
    [ "$ROOT_SUITE" = trixie ] ||
        echo 'Acquire::Check-Valid-Until "false";' >"$ROOT_DIR.new/etc/apt/apt.conf.d/99valid-until"
    # Daemons must not start inside the root during package installation.
    printf '#!/bin/sh\nexit 101\n' >"$ROOT_DIR.new/usr/sbin/policy-rc.d"
    chmod +x "$ROOT_DIR.new/usr/sbin/policy-rc.d"
    mv "$ROOT_DIR.new" "$ROOT_DIR"
    touch "$ROOT_DIR/.complete"
fi

if [ "$(cat "$ROOT_DIR/.packages" 2>/dev/null)" != "$want" ]; then
    say "installing the Debian $ROOT_SUITE packages into the root (a few minutes the first time)"
    # shellcheck disable=SC2046
    "$PROJECT_DIR/install/in-root.sh" /bin/bash -c '
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q && apt-get install -y -q --no-install-recommends "$@"
    ' apt $(package_list) >"$CACHE_DIR/apt-$ROOT_NAME.log" 2>&1 ||
        die "apt-get inside the root failed; see $CACHE_DIR/apt-$ROOT_NAME.log"
    printf '%s\n' "$want" >"$ROOT_DIR/.packages"
fi
say "Debian $ROOT_SUITE root ready: $ROOT_DIR"
