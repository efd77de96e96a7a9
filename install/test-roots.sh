#!/usr/bin/env bash
# Beyond the README's test command, which stays on Debian 13: the whole suite again in the Debian
# testing root (GIMP 3.2, LibTorch 2.14; build-testing/ and so on), then the Debian package
# built, checked with lintian, installed into a clean copy of each root, used and removed
# (install/test-package.sh). Ends with one line per part and a count of the mounts left under the
# cache folder, which must be 0. Exits non-zero when any part fails.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

status=0
results=()
part() {
    local name=$1
    shift
    say "$name"
    if "$@"; then results+=("passed: $name"); else results+=("FAILED: $name"); status=1; fi
}

part "the whole suite in the testing root" env COLORIZE_MANGA_ROOT=testing install/test.sh
for root in trixie testing; do
    part "the package in the $root root" env COLORIZE_MANGA_ROOT="$root" install/test-package.sh
done

printf '%s\n' "${results[@]}"
left=$(grep -c -- "$CACHE_DIR" /proc/mounts || true)
echo "mounts left under $CACHE_DIR: $left"
[ "$left" = 0 ] || status=1
exit "$status"
