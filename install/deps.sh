#!/usr/bin/env bash
# Install everything Colorize Manga needs: natively on Debian 13 / Ubuntu 25.04 or newer,
# otherwise into a cached Debian 13 root (see build-root.sh); with COLORIZE_MANGA_ROOT=testing,
# into the Debian testing root.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || die "installing packages needs root; run with sudo"
# Another apt run (another clone's set-up, an upgrade) may hold the package lists for a while.
mkdir -p "$CACHE_DIR"
for attempt in $(seq 30); do
    apt-get update -q >/dev/null 2>"$CACHE_DIR/apt-update.log" && break
    grep -q "Could not get lock" "$CACHE_DIR/apt-update.log" && [ "$attempt" -lt 30 ] ||
        { cat "$CACHE_DIR/apt-update.log" >&2; die "apt-get update failed"; }
    sleep 10
done
if host_has_native_packages; then
    say "installing the Debian packages natively"
    # shellcheck disable=SC2046
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(package_list)
else
    [ "$ROOT_NAME" = trixie ] && say "this host lacks GIMP 3 / LibTorch 2.6: using a Debian 13 build root"
    "$PROJECT_DIR/install/build-root.sh"
fi
