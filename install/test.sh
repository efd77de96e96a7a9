#!/usr/bin/env bash
# The README's second command: install what is missing, build, and run every test.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

"$PROJECT_DIR/install/deps.sh"
"$PROJECT_DIR/install/build.sh"

say "running the tests"
status=0
run_in_toolchain meson test -C build --print-errorlogs "$@" || status=$?

# One closing count line for people and CI, from meson's own log of this run.
if [ -f build/meson-logs/testlog.json ]; then
    awk -F'"result": "' 'NF > 1 { split($2, r, "\""); n[r[1]]++ }
        END { printf "%d passed, %d failed, %d skipped\n", n["OK"] + 0,
              n["FAIL"] + n["TIMEOUT"] + n["ERROR"] + n["UNEXPECTEDPASS"] + 0, n["SKIP"] + 0 }' \
        build/meson-logs/testlog.json
fi
exit "$status"
