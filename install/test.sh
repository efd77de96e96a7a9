#!/usr/bin/env bash
# The README's second command: install what is missing, build, and run every test: the whole
# suite in build/, the library's tests again under AddressSanitizer + UndefinedBehaviorSanitizer
# (build-sanitize/), and 60 s of fuzzing the model reader (build-fuzz/). Arguments go to the
# first `meson test` (e.g. a test's name); then only that part runs. COLORIZE_MANGA_ROOT=testing
# runs it all in the Debian testing root instead (GIMP 3.2, LibTorch 2.14; see lib.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

"$PROJECT_DIR/install/deps.sh"
"$PROJECT_DIR/install/build.sh" "$([ $# -eq 0 ] && echo all || echo main)"

main=$(build_dir) sanitize=$(build_dir sanitize) fuzz=$(build_dir fuzz)
status=0
say "running the tests in $main/"
run_in_toolchain meson test -C "$main" --print-errorlogs "$@" || status=$?
logs=("$main/meson-logs/testlog.json")
if [ $# -eq 0 ]; then
    say "running the library's tests under AddressSanitizer + UndefinedBehaviorSanitizer"
    # The sanitizers' options are built into the sanitized programs
    # (core/cli/sanitizer_defaults.cpp), so a test run by hand behaves the same. Sanitized code
    # runs a few times slower: a longer timeout.
    run_in_toolchain env ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer \
        meson test -C "$sanitize" --print-errorlogs --timeout-multiplier 3 || status=$?
    say "fuzzing the model reader"
    run_in_toolchain meson test -C "$fuzz" --print-errorlogs || status=$?
    logs+=("$sanitize/meson-logs/testlog.json" "$fuzz/meson-logs/testlog.json")
fi

# One closing count line for people and CI, from meson's own logs of this run.
awk -F'"result": "' 'NF > 1 { split($2, r, "\""); n[r[1]]++ }
    END { printf "%d passed, %d failed, %d skipped\n", n["OK"] + 0,
          n["FAIL"] + n["TIMEOUT"] + n["ERROR"] + n["UNEXPECTEDPASS"] + 0, n["SKIP"] + 0 }' \
    "${logs[@]}" 2>/dev/null || true
exit "$status"
