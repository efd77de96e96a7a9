#!/usr/bin/env bash
# Takes a screenshot of the "Colorize Manga" dialog: starts gimp-3 under Xvfb with the
# sample page and a "Color hints" layer of three dots, opens the dialog, waits for the
# preview, grabs the dialog window with xwd and lets GIMP turn it into a PNG. Exits 77 (skipped) without GIMP 3, Xvfb or xwd.
#
# usage: dialog-screenshot.sh PLUGIN_EXE MODEL.mcm OUT.png
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/gimp-sandbox.sh"
require_gui xwd

plugin_exe=$1
use_default_model "$2"
out=$(realpath -m "$3")
make_gimp_sandbox "$plugin_exe" file-xwd file-png
shot=$sandbox/dialog.xwd

open_dialog="$(cat "$here/lib.scm")
(let ((image (gimp-file-load RUN-NONINTERACTIVE \"$here/../../samples/sample-page.png\")))
  (gimp-image-convert-rgb image)
  (let ((page (page-layer image))
        (hints (gimp-layer-new image \"Color hints\" 1088 1536 RGBA-IMAGE 100 LAYER-MODE-NORMAL)))
    (gimp-image-insert-layer image hints 0 0)
    (gimp-drawable-fill hints FILL-TRANSPARENT)
    (paint image hints \"#d8913f\" (ellipse 536 930 20 20))
    (paint image hints \"#6fa8dc\" (ellipse 600 650 20 20))
    (paint image hints \"#6aa84f\" (ellipse 720 680 20 20))
    (gimp-selection-none image)
    (gimp-display-new image)
    (plug-in-colorize-manga #:run-mode RUN-INTERACTIVE #:image image #:drawables (vector page))))"

# In the X session: wait for the dialog, give the preview time to render, grab the window.
# shellcheck disable=SC2016  # expanded by the bash that runs inside xvfb-run
grab_dialog='
    gimp-3 -n -d -f --batch-interpreter=plug-in-script-fu-eval -b "$1" >"$3.log" 2>&1 &
    gimp=$!
    for _ in $(seq 90); do
        if xwd -silent -name "Colorize Manga" -out "$2" 2>/dev/null; then break; fi
        sleep 1
    done
    sleep 10
    xwd -silent -name "Colorize Manga" -out "$2"
    kill "$gimp"
'
timeout 180 xvfb-run -a -s "-screen 0 1280x1024x24" bash -c "$grab_dialog" grab \
    "$open_dialog" "$shot" "$sandbox/gimp"

timeout 120 gimp-console-3 -i -n -d -f --quit --batch-interpreter=plug-in-script-fu-eval -b "
(script-fu-use-v3)
(let ((image (gimp-file-load RUN-NONINTERACTIVE \"$shot\")))
  (file-png-export #:run-mode RUN-NONINTERACTIVE #:image image #:file \"$out\"))" >/dev/null 2>&1
[ -s "$out" ] || { echo "FAILED: no screenshot written to $out"; exit 1; }
echo "wrote $out"
