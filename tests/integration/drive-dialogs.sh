#!/usr/bin/env bash
# The interactive path as a person takes it: runs a Script-Fu test file in gimp-3 under Xvfb
# and answers the dialogs it opens with key presses (xdotool). The file checks the outcome as
# run-gimp.sh's files do. Exits 77 (skipped) without GIMP 3, Xvfb or xdotool.
#
# usage: drive-dialogs.sh PLUGIN_EXE MODEL.mcm FILE.scm [WINDOW KEY]...
#   each WINDOW KEY pair, in order: wait for a window whose title matches the regular
#   expression WINDOW, give it a moment, focus it and press KEY (Return: the default button,
#   OK or Close; Escape: Cancel). The pair "pause SECONDS" waits instead.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/gimp-sandbox.sh"
require_gui xdotool

plugin_exe=$1
use_default_model "$2"
test_file=$3
shift 3
make_gimp_sandbox "$plugin_exe" file-png
work_dir=$sandbox/work
mkdir "$work_dir"
log=$sandbox/gimp.log
script="(define test-dir \"$here\") (define work-dir \"$work_dir\") $(cat "$here/lib.scm" "$test_file")"

# shellcheck disable=SC2016  # expanded by the bash that runs inside xvfb-run
answer_dialogs='
    script=$1 log=$2
    shift 2
    gimp-3 -n -d -f --batch-interpreter=plug-in-script-fu-eval -b "$script" >"$log" 2>&1 &
    gimp=$!
    while [ $# -ge 2 ]; do
        if [ "$1" = pause ]; then
            sleep "$2"
            shift 2
            continue
        fi
        window=
        for _ in $(seq 90); do
            window=$(xdotool search --name "$1" 2>/dev/null | head -1 || true)
            [ -n "$window" ] && break
            sleep 1
        done
        [ -n "$window" ] || { echo "FAIL: no window \"$1\" appeared"; break; }
        echo "pressing $2 in \"$1\""
        sleep 3
        xdotool windowfocus --sync "$window" key "$2"
        shift 2
    done
    for _ in $(seq 120); do
        grep -q "^DONE$" "$log" && break
        sleep 1
    done
    kill "$gimp"
'
timeout 300 xvfb-run -a -s "-screen 0 1280x1024x24" bash -c "$answer_dialogs" answer \
    "$script" "$log" "$@" >"$sandbox/answers.log" 2>&1 || true
cat "$log" "$sandbox/answers.log"
if grep -q '^FAIL:' "$log" "$sandbox/answers.log" || ! grep -q '^DONE$' "$log"; then
    echo "FAILED: the script did not run to the end, or a check failed"
    exit 1
fi
echo "PASSED"
