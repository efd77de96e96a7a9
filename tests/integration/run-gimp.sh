#!/usr/bin/env bash
# Runs Script-Fu test files in a headless GIMP 3 that sees the built plug-in. Passes when GIMP
# ran the files to the end (they print "DONE") and no check printed a "FAIL:" line.
# Exits 77 (skipped) when gimp-console-3 is not installed.
#
# usage: run-gimp.sh PLUGIN_EXE [--model MODEL.mcm] [--expect TEXT] [--reject TEXT]
#                    [--with PLUG_IN]... FILE.scm...
#   --model   the default model for this run (COLORIZE_MANGA_MODEL)
#   --expect  text GIMP must print, e.g. an error message
#   --reject  text GIMP must not print, e.g. the start of a LibTorch backtrace
#   --with    a system plug-in the test needs besides Script-Fu (e.g. file-png to write pages)
# The files can use `test-dir`, the folder of this script, and `work-dir`, an empty folder of
# their own (removed afterwards).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/gimp-sandbox.sh"
require_gimp gimp-console-3

plugin_exe=$1
shift
expected=
rejected=
system_plugins=()
while [ $# -gt 0 ]; do
    case $1 in
        --model) use_default_model "$2"; shift 2 ;;
        --expect) expected=$2; shift 2 ;;
        --reject) rejected=$2; shift 2 ;;
        --with) system_plugins+=("$2"); shift 2 ;;
        *) break ;;
    esac
done
make_gimp_sandbox "$plugin_exe" "${system_plugins[@]}"
# A folder for the test's files, with two empty subfolders (Script-Fu cannot make folders).
work_dir=$sandbox/work
mkdir -p "$work_dir/pages" "$work_dir/hints"

status=0
output=$(timeout 120 gimp-console-3 -i -n -d -f --quit \
    --batch-interpreter=plug-in-script-fu-eval \
    -b "(define test-dir \"$here\") (define work-dir \"$work_dir\") $(cat "$here/lib.scm" "$@")" 2>&1) || status=$?
printf '%s\n' "$output"

if [ "$status" = 124 ]; then
    echo "FAILED: GIMP did not finish within 120 s"
    exit 1
fi
if grep -q '^FAIL:' <<<"$output" || ! grep -q '^DONE$' <<<"$output"; then
    echo "FAILED: a check failed or the script stopped early (exit status $status)"
    exit 1
fi
if [ -n "$expected" ] && ! grep -qF -- "$expected" <<<"$output"; then
    echo "FAILED: GIMP did not print \"$expected\""
    exit 1
fi
if [ -n "$rejected" ] && grep -qF -- "$rejected" <<<"$output"; then
    echo "FAILED: GIMP printed \"$rejected\""
    exit 1
fi
echo "PASSED"
