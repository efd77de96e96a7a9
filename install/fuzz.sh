#!/usr/bin/env bash
# A long fuzzing run of the model reader (the test suite runs 60 s of it): builds build-fuzz/
# if needed, then fuzzes for SECONDS (default 1800) on one core. The corpus grows in
# build-fuzz/tests/fuzz/fuzz-corpus and is kept for the next run; a finding stops the run and is
# left in build-fuzz/tests/fuzz/fuzz-findings/.
#
# usage: install/fuzz.sh [SECONDS] [--keep-going]
#   --keep-going: go on after a finding (libFuzzer's fork mode) and collect them all.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

seconds=${1:-1800}
flags=
[ "${2:-}" = --keep-going ] && flags="-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1"
"$PROJECT_DIR/install/build.sh"
seeds=(build-fuzz/tests/fuzz/fuzz-seed-*.mcm)
run_in_toolchain env FUZZER_FLAGS="$flags" tests/fuzz/run-fuzzer.sh build-fuzz/tests/fuzz/fuzz-model-file "$seconds" \
    tests/fuzz/regressions "${seeds[@]}"
