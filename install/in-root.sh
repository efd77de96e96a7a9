#!/usr/bin/env bash
# Run a command inside the cached Debian 13 root, in the clone's own path.
#
# The mounts (/proc, /sys, /dev, the clone, the cache's work folder, a private /tmp) are made inside a new mount
# namespace (`unshare --mount`, private propagation), so they vanish with the command, on
# success, failure or Ctrl-C alike; `--kill-child` takes the command down if unshare dies.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[ $# -gt 0 ] || die "usage: $0 COMMAND [ARG...]"
[ -f "$ROOT_DIR/.complete" ] || die "no build root at $ROOT_DIR; run install/build-root.sh first"
[ "$(id -u)" = 0 ] || die "entering the build root needs root (unshare --mount, chroot)"

workdir=$(pwd)
# Long-lived data (training pages, checkpoints) lives outside the clone and outside the root,
# seen at the same path inside; scripts find it through COLORIZE_MANGA_CACHE.
work_dir="$CACHE_DIR/work"
mkdir -p "$work_dir"
# Inside, the command runs from the same absolute path as outside, so build trees stay valid.
exec unshare --mount --propagation private --fork --kill-child -- \
    /bin/bash -euc "$(declare -f mount_system_dirs)"'
        root=$1 project=$2 workdir=$3 work_dir=$4; shift 4
        mount_system_dirs "$root"
        mkdir -p "$root$project"
        mount --bind "$project" "$root$project"
        mkdir -p "$root$work_dir"
        mount --bind "$work_dir" "$root$work_dir"
        exec chroot "$root" /usr/bin/env -i \
            HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}" COLORIZE_MANGA_CACHE="$work_dir" \
            CCACHE_DIR="$work_dir/ccache" \
            /bin/bash -c "cd \"\$0\" && exec \"\$@\"" "$workdir" "$@"
    ' in-root "$ROOT_DIR" "$PROJECT_DIR" "$workdir" "$work_dir" "$@"
