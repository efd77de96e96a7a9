#!/usr/bin/env bash
# Run a command in a throwaway copy of the cached build root that sees nothing of this clone: for
# testing what a package installs (install/test-package.sh). The copy is an overlay whose writable
# layer lives in memory; it, and every mount it needs, exists only in a private mount namespace,
# so it vanishes with the command and the cached root is never changed.
#
# usage: in-clean-root.sh INPUT_DIR COMMAND [ARG...]
#   INPUT_DIR is seen read-only at /srv/input (the .deb, test files); the command runs there.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[ $# -gt 1 ] || die "usage: $0 INPUT_DIR COMMAND [ARG...]"
[ -f "$ROOT_DIR/.complete" ] || die "no build root at $ROOT_DIR; run install/build-root.sh first"
[ "$(id -u)" = 0 ] || die "entering the build root needs root (unshare --mount, chroot)"
input=$(realpath "$1")
shift

scratch=$(mktemp -d)
status=0
unshare --mount --propagation private --fork --kill-child -- /bin/bash -euc "$(declare -f mount_system_dirs)"'
    root=$1 scratch=$2 input=$3; shift 3
    mount -t tmpfs tmpfs "$scratch"
    mkdir "$scratch/upper" "$scratch/work" "$scratch/copy"
    mount -t overlay overlay \
        -o "lowerdir=$root,upperdir=$scratch/upper,workdir=$scratch/work" "$scratch/copy"
    copy=$scratch/copy
    mount_system_dirs "$copy"
    mkdir -p "$copy/srv/input"
    mount --bind "$input" "$copy/srv/input"
    mount -o remount,bind,ro "$copy/srv/input"
    exec chroot "$copy" /usr/bin/env -i \
        HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        LANG=C.UTF-8 TERM="${TERM:-dumb}" DEBIAN_FRONTEND=noninteractive \
        /bin/bash -c "cd /srv/input && exec \"\$@\"" in-clean-root "$@"
' in-clean-root "$ROOT_DIR" "$scratch" "$input" "$@" || status=$?
# The memory layer was mounted in the namespace only: here the folder is empty.
rmdir "$scratch"
exit "$status"
