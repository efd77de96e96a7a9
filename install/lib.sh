# Shared helpers for the install/ scripts. Source it; do not run it.
# shellcheck shell=bash

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PACKAGES_FILE="$PROJECT_DIR/install/packages.txt"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The build roots live outside the clone so that every clone and every CI run reuses them.
CACHE_DIR=${COLORIZE_MANGA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/colorize-manga}
# Which Debian builds and tests: "trixie" (Debian 13: GIMP 3.0, LibTorch 2.6; the default, natively
# where the host has it) or "testing" (GIMP 3.2, LibTorch 2.14; always in a root of its own).
ROOT_NAME=${COLORIZE_MANGA_ROOT:-trixie}
case $ROOT_NAME in
    trixie) ROOT_SUITE=trixie BUILD_SUFFIX="" ;;
    testing) ROOT_SUITE=forky BUILD_SUFFIX=-testing ;;
    *) die "COLORIZE_MANGA_ROOT is trixie or testing, not '$ROOT_NAME'" ;;
esac
ROOT_DIR="$CACHE_DIR/$ROOT_NAME-root"
# Each root builds into folders of its own: build/, build-sanitize/, build-fuzz/ for trixie,
# build-testing/ and so on for testing.
build_dir() { printf 'build%s%s\n' "$BUILD_SUFFIX" "${1:+-$1}"; }

# The packages, without comments or blank lines.
package_list() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$PACKAGES_FILE"; }

# True when this host can install GIMP 3 and LibTorch >= 2.6 from its own archive.
host_has_native_packages() {
    [ "${COLORIZE_MANGA_FORCE_ROOT:-0}" = 1 ] || [ "$ROOT_NAME" != trixie ] && return 1
    command -v apt-cache >/dev/null || return 1
    local gimp torch
    gimp=$(apt-cache policy libgimp-3.0-dev 2>/dev/null | awk '/Candidate:/ {print $2}')
    torch=$(apt-cache policy libtorch-dev 2>/dev/null | awk '/Candidate:/ {print $2}')
    [ -n "$gimp" ] && [ "$gimp" != "(none)" ] || return 1
    [ -n "$torch" ] && [ "$torch" != "(none)" ] || return 1
    dpkg --compare-versions "$torch" ge 2.6
}

# The Debian mirror this host already uses, so the root gets its packages from the same place.
host_debian_mirror() {
    local uri
    uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n 1)
    [ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -n 1)
    [ -n "$uri" ] || die "cannot find a Debian mirror in /etc/apt/sources.list*"
    printf '%s\n' "$uri"
}

# Mounts what a chroot into $1 needs: /proc, a read-only /sys, /dev and an empty /tmp. Called only
# inside a private mount namespace (unshare --mount), so the mounts vanish with it; the scripts
# pass it in with "$(declare -f mount_system_dirs)".
mount_system_dirs() {
    mount -t proc proc "$1/proc"
    mount -t sysfs -o ro sysfs "$1/sys"
    mount --rbind /dev "$1/dev"
    mount -t tmpfs -o mode=1777 tmpfs "$1/tmp"
}

# Fail if anything is mounted at or below $1 in this mount namespace.
assert_nothing_mounted_under() {
    local dir
    dir=$(realpath -m "$1")
    if awk -v d="$dir" '$2 == d || index($2, d "/") == 1 {found=1} END {exit !found}' /proc/mounts; then
        die "something is still mounted under $dir; refusing to touch it (see: grep '$dir' /proc/mounts)"
    fi
}

# Fail if a running process has its root or working directory inside $1.
assert_no_process_inside() {
    local dir pid link
    dir=$(realpath -m "$1")
    for pid in /proc/[0-9]*; do
        for link in "$pid/root" "$pid/cwd"; do
            case "$(readlink "$link" 2>/dev/null)" in
                "$dir" | "$dir"/*) die "process ${pid#/proc/} is still using $dir" ;;
            esac
        done
    done
}

# Delete a build root only when nothing can reach through it into the host.
remove_root_safely() {
    [ -e "$1" ] || return 0
    assert_nothing_mounted_under "$1"
    assert_no_process_inside "$1"
    rm -rf --one-file-system -- "$1"
}

# Runs a command where the toolchain is: natively on Debian 13+, else in the root.
run_in_toolchain() {
    if host_has_native_packages; then
        "$@"
    else
        "$PROJECT_DIR/install/in-root.sh" "$@"
    fi
}
