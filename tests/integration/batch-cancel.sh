#!/usr/bin/env bash
# Cancel during a batch, as GIMP does it: Cancel on a plug-in's progress closes the plug-in,
# killing it (gimp_plug_in_progress_cancel_callback, app/plug-in/gimpplugin-progress.c). Runs
# the files procedure on 40 pages in gimp-console, kills the plug-in once three pages are out,
# then checks that each page written is whole, that pages not reached have no output, and that
# no input page changed. Exits 77 (skipped) without GIMP 3.
#
# usage: batch-cancel.sh PLUGIN_EXE MODEL.mcm PAGE.png
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/gimp-sandbox.sh"
require_gimp gimp-console-3

use_default_model "$2"
make_gimp_sandbox "$1"
pages=$sandbox/pages colored=$sandbox/colored
mkdir -p "$pages"
for i in $(seq -w 1 40); do cp "$3" "$pages/page-$i.png"; done
inputs_before=$(cd "$pages" && sha256sum -- *)

timeout 120 gimp-console-3 -i -n -d -f --quit --batch-interpreter=plug-in-script-fu-eval -b \
    "(plug-in-colorize-manga-files #:run-mode RUN-NONINTERACTIVE
                                   #:input-folder \"$pages\" #:output-folder \"$colored\")" \
    >"$sandbox/gimp.log" 2>&1 &
gimp=$!
done_pages() { find "$colored" -name 'page-??.png' 2>/dev/null | wc -l; }
for _ in $(seq 600); do
    [ "$(done_pages)" -ge 3 ] && break
    sleep 0.1
done
pkill -KILL -f "^$sandbox/plug-ins/colorize-manga/colorize-manga" || true
wait "$gimp" || true
cat "$sandbox/gimp.log"

status=0
fail() { echo "FAIL: $*"; status=1; }
written=$(done_pages)
echo "pages written before the cancel: $written of 40"
[ "$written" -ge 3 ] || fail "the batch did not get going"
[ "$written" -lt 40 ] || fail "the batch finished before it was cancelled; nothing was tested"
[ "$(cd "$pages" && sha256sum -- *)" = "$inputs_before" ] || fail "an input page changed"
# Each output is a whole PNG: every chunk's CRC holds and it ends with IEND.
python3 - "$colored" <<'PY' || status=1
import pathlib, struct, sys, zlib
for path in sorted(pathlib.Path(sys.argv[1]).glob("page-??.png")):
    data, pos, last = path.read_bytes(), 8, b""
    ok = data[:8] == b"\x89PNG\r\n\x1a\n"
    while ok and pos + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc = data[pos + 8 + length:pos + 12 + length]
        ok = len(crc) == 4 and zlib.crc32(kind + body) == struct.unpack(">I", crc)[0]
        pos, last = pos + 12 + length, kind
    if not ok or last != b"IEND":
        sys.exit(f"FAIL: {path.name} is not a whole PNG")
PY
leftovers=$(find "$colored" -name '*.tmp*' | wc -l)
echo "temporary files left by the killed plug-in: $leftovers"
[ "$status" = 0 ] && echo "PASSED" || echo "FAILED"
exit "$status"
