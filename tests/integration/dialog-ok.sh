#!/usr/bin/env bash
# The interactive path as a person takes it: gimp-3.0 under Xvfb opens the Colorize Manga
# dialog on an RGB page, a press of Return in the dialog (xdotool) runs it with OK, and the
# Script-Fu that opened the dialog then checks that a colorized layer was added above the
# untouched source. Exits 77 (skipped) without GIMP 3, Xvfb or xdotool.
#
# usage: dialog-ok.sh PLUGIN_EXE MODEL.mcm
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/gimp-sandbox.sh"
require_gui xdotool

plugin_exe=$1
use_default_model "$2"
make_gimp_sandbox "$plugin_exe"
log=$sandbox/gimp.log

run_dialog="$(cat "$here/lib.scm")
(let* ((image (make-page PRECISION-U8-NON-LINEAR))
       (source (page-layer image)))
  (gimp-image-convert-rgb image)
  (let ((before (samples source)))
    (plug-in-colorize-manga #:run-mode RUN-INTERACTIVE #:image image
                            #:drawables (vector source))
    (check \"OK added a layer\" (= (vector-length (gimp-image-get-layers image)) 2))
    (check \"the source pixels are unchanged\" (equal? (samples source) before))
    (done)))"

# In the X session: wait for the dialog, focus it, press Return (the dialog's default button
# is OK), then wait for the script to finish.
# shellcheck disable=SC2016  # expanded by the bash that runs inside xvfb-run
press_ok='
    gimp-3.0 -n -d -f --batch-interpreter=plug-in-script-fu-eval -b "$1" >"$2" 2>&1 &
    gimp=$!
    window=
    for _ in $(seq 90); do
        window=$(xdotool search --name "^Colorize Manga$" 2>/dev/null | head -1 || true)
        [ -n "$window" ] && break
        sleep 1
    done
    if [ -n "$window" ]; then
        sleep 3
        xdotool windowfocus --sync "$window"
        xdotool key Return
        for _ in $(seq 60); do
            grep -q "^DONE$" "$2" && break
            sleep 1
        done
    fi
    kill "$gimp"
'
timeout 180 xvfb-run -a -s "-screen 0 1280x1024x24" bash -c "$press_ok" press \
    "$run_dialog" "$log" || true
cat "$log"
if grep -q '^FAIL:' "$log" || ! grep -q '^DONE$' "$log"; then
    echo "FAILED: the dialog did not run to the end, or a check failed"
    exit 1
fi
echo "PASSED"
