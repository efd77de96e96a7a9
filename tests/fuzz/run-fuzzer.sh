#!/usr/bin/env bash
# Runs the model-file fuzzer: first each file in REGRESSIONS once (each made an earlier run
# fail, and was fixed), then SECONDS of fuzzing from the seeds and from the corpus earlier runs
# grew in the build folder. Fails on a finding; the input is left in fuzz-findings/ beside the
# fuzzer, to be fixed and then added to REGRESSIONS.
#
# usage: run-fuzzer.sh FUZZER SECONDS REGRESSIONS_DIR SEED...
#   FUZZER_FLAGS in the environment: more libFuzzer flags, e.g. "-fork=1 -ignore_crashes=1" to
#   go on after a finding and collect them all.
set -euo pipefail
fuzzer=$1 seconds=$2 regressions=$3
shift 3
build=$(cd "$(dirname "$fuzzer")" && pwd)
corpus=$build/fuzz-corpus findings=$build/fuzz-findings
mkdir -p "$corpus" "$findings"
cp "$@" "$corpus"/

here=$(cd "$(dirname "$0")" && pwd)
# A sanitizer report of undefined behaviour fails the run like a crash does.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# LibTorch is built without frame pointers: only the slow unwinder sees its frames, which the
# leak suppressions match (about a fifth of the speed, and reports worth reading).
export ASAN_OPTIONS=fast_unwind_on_malloc=0
export LSAN_OPTIONS=suppressions=$here/lsan.supp
symbolizer=/usr/bin/llvm-symbolizer
[ -x "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=$symbolizer
# Within the cap (kMaxWeightBytes) a model may take a few hundred MB; more is a finding.
limits=(-rss_limit_mb=1024 -malloc_limit_mb=1024 -timeout=30)

shopt -s nullglob
known=("$regressions"/*)
if [ ${#known[@]} -gt 0 ]; then
    echo "== ${#known[@]} inputs that once failed"
    "$fuzzer" "${limits[@]}" "${known[@]}"
fi
echo "== fuzzing for $seconds s (corpus: $corpus)"
# shellcheck disable=SC2086  # FUZZER_FLAGS is a list of flags
"$fuzzer" "${limits[@]}" -max_total_time="$seconds" -max_len=262144 -print_final_stats=1 \
    -artifact_prefix="$findings/" ${FUZZER_FLAGS:-} "$corpus"
