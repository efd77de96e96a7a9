#!/usr/bin/env bash
# A picture of colour hints at work, as an artist makes it in GIMP: opens a B/W page in
# gimp-console, paints dots on a "Color hints" layer, runs the Colorize Manga filter with that
# layer, and exports page | page with hints | result side by side.
#
# usage: hints-picture.sh PLUGIN_EXE MODEL.mcm PAGE.png OUT.png X,Y,#RRGGBB...
#   each X,Y,#RRGGBB is one dot (radius 6 px) at page pixel X,Y, inside the page (an
#   empty selection would fill the whole layer)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/gimp-sandbox.sh"
require_gimp gimp-console-3

plugin_exe=$1
use_default_model "$2"
page=$(realpath "$3")
out=$(realpath -m "$4")
shift 4
make_gimp_sandbox "$plugin_exe" file-png

dots=
for dot in "$@"; do
    IFS=, read -r x y color <<<"$dot"
    dots+="(paint image hints \"$color\" (ellipse $((x - 6)) $((y - 6)) 12 12)) "
done

timeout 180 gimp-console-3 -i -n -d -f --quit --batch-interpreter=plug-in-script-fu-eval -b "
$(cat "$here/lib.scm")
(let* ((image (gimp-file-load RUN-NONINTERACTIVE \"$page\"))
       (page (page-layer image))
       (width (gimp-image-get-width image))
       (height (gimp-image-get-height image)))
  (if (= (gimp-image-get-base-type image) GRAY) (gimp-image-convert-rgb image))
  (let ((hints (gimp-layer-new image \"Color hints\" width height RGBA-IMAGE 100 LAYER-MODE-NORMAL))
        (picture (gimp-image-new (* 3 width) height RGB)))
    (gimp-image-insert-layer image hints 0 0)
    (gimp-drawable-fill hints FILL-TRANSPARENT)
    $dots
    (gimp-selection-none image)
    (plug-in-colorize-manga #:run-mode RUN-NONINTERACTIVE #:image image
                            #:drawables (vector page) #:hints-layer hints)
    ; page | page with hints | result, each a copy of the image's layers at its place
    (let ((place (lambda (drawable x)
                   (let ((copy (gimp-layer-new-from-drawable drawable picture)))
                     (gimp-image-insert-layer picture copy 0 0)
                     (gimp-layer-set-offsets copy x 0)))))
      (place page 0)
      (place page width)
      (place hints width)
      (place (vector-ref (gimp-image-get-layers image) 1) (* 2 width)))
    (gimp-image-flatten picture)
    (export-png picture \"$out\")))" >"$sandbox/gimp.log" 2>&1 || { cat "$sandbox/gimp.log"; exit 1; }
[ -s "$out" ] || { cat "$sandbox/gimp.log"; echo "FAILED: no picture written to $out"; exit 1; }
echo "wrote $out"
