#!/usr/bin/env bash
# Fine-tuning into a models folder that is full, then read-only: each attempt fails with a
# message that says so, and the models already there are byte for byte what they were. The
# folder is a small tmpfs in a mount namespace of the test's own (read-only holds for root too).
# Exits 77 (skipped) without GIMP 3 or when no mount namespace can be made here.
#
# usage: finetune-unwritable.sh PLUGIN_EXE BASE_MODEL.mcm COLORED_PAGE.png
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/gimp-sandbox.sh"
require_gimp gimp-console-3
# Root makes a mount namespace; anyone else needs a user namespace with it. In a chroot (the
# build root) "/" is no mount point to make private, but in-root.sh's namespace already is.
unshare_mounts=(unshare --mount --propagation private)
[ "$(id -u)" = 0 ] || unshare_mounts=(unshare --user --map-root-user --mount)
if ! "${unshare_mounts[@]}" true 2>/dev/null; then
    unshare_mounts=(unshare --mount --propagation unchanged)
    [ "$(id -u)" = 0 ] && [ "$(stat -c %d:%i /)" != "$(stat -c %d:%i /proc/1/root/. 2>/dev/null)" ] ||
        { echo "SKIP: cannot make a mount namespace"; exit 77; }
fi

plugin_exe=$1
use_default_model "$2"
make_gimp_sandbox "$plugin_exe"
pages=$sandbox/pages models=$GIMP3_DIRECTORY/colorize-manga/models
mkdir -p "$pages" "$models"
cp "$3" "$pages/colored-1.png"
cp "$3" "$pages/colored-2.png"

finetune() {  # NAME: one fine-tune step through gimp-console; prints GIMP's output
    timeout 120 gimp-console-3 -i -n -d -f --quit --batch-interpreter=plug-in-script-fu-eval \
        -b "(plug-in-colorize-manga-finetune #:run-mode RUN-NONINTERACTIVE
              #:colored-pages \"$pages\" #:model-name \"$1\" #:steps 1)" 2>&1 || true
}

finetune Palette >/dev/null
[ -f "$models/Palette.mcm" ] || { echo "FAILED: the first fine-tune saved no model"; exit 1; }
cp -a "$models" "$sandbox/models-before"

export -f finetune
# Room for what is there and a little more, which the filler then takes.
size_kb=$(( $(du -sk "$sandbox/models-before" | cut -f1) + 256 ))
export pages models sandbox size_kb
# shellcheck disable=SC2016  # expanded by the bash inside the namespace
"${unshare_mounts[@]}" bash -euc '
    mount -t tmpfs -o size="${size_kb}k" tmpfs "$models"
    cp -a "$sandbox/models-before/." "$models/"
    dd if=/dev/zero of="$models/.filler" bs=4k 2>/dev/null || true  # until the folder is full
    echo "== full"
    finetune Second >"$sandbox/full.log"
    rm "$models/.filler"
    mount -o remount,ro "$models"
    echo "== read-only"
    finetune Second >"$sandbox/read-only.log"
    mkdir "$sandbox/models-after"
    cp -a "$models/." "$sandbox/models-after/"
'
cat "$sandbox/full.log" "$sandbox/read-only.log"

status=0
fail() { echo "FAIL: $*"; status=1; }
grep -q "No space left on device" "$sandbox/full.log" || fail "no message about the full folder"
grep -q "Read-only file system" "$sandbox/read-only.log" || fail "no message about the read-only folder"
diff -r "$sandbox/models-before" "$sandbox/models-after" || fail "the models folder changed"
[ "$status" = 0 ] && echo "PASSED" || echo "FAILED"
exit "$status"
