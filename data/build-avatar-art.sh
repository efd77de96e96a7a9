#!/usr/bin/env bash
# Builds character portraits for the default model's training pages: heads and shoulders with
# skin, hair, eyes, mouths and clothes of every colour, drawn by eight illustrators as DiceBear
# avatar styles (npm, each style CC BY 4.0 by its author; DiceBear's code MIT). Each seed gives
# another character in the style's palettes, so the faces, hair and clothes that emoji and clip
# art hold few of come in any number:
#
#   @dicebear/adventurer  Lisa Wischofsky     @dicebear/micah      Micah Lanier
#   @dicebear/big-ears    The Visual Team     @dicebear/miniavs    Webpixels
#   @dicebear/big-smile   Ashley Seo          @dicebear/personas   Draftbit
#   @dicebear/dylan       Natalia Spivak      @dicebear/toon-head  Johan Melin
#
# Styles under other terms ("free for personal and commercial use": avataaars, bottts) are left
# out, and so are the black-and-white ones (lorelei, notionists, open-peeps). Rendered with no
# background on a transparent page, longest side 512 px; the train/validation split goes by a
# hash of the seed (5 % validation).
#
# Usage: data/build-avatar-art.sh [--per-style N] [OUT_DIR]
#   OUT_DIR  default ${COLORIZE_MANGA_CACHE:-$HOME/.cache/colorize-manga}/avatar-art; gets the
#            same files as data/build-emoji-art.sh (png/, drawings.tsv, validation-drawings/,
#            SOURCES.txt), for build-dataset.sh --extra-drawings.
#   Needs npm with node and rsvg-convert (Debian: npm, librsvg2-bin); runs on the host, since
#   the build root has no npm. The pinned version gives the same drawings; reruns skip done work.
set -euo pipefail
source "$(dirname "$0")/svg-drawings.sh"

version=9.4.3
styles="adventurer big-ears big-smile dylan micah miniavs personas toon-head"
per_style=250
size=512
validation_percent=5
cache=${COLORIZE_MANGA_CACHE:-$HOME/.cache/colorize-manga}
while [ $# -gt 0 ]; do
    case $1 in
        --per-style) per_style=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "build-avatar-art: unknown option $1" >&2; exit 2 ;;
        *) out=$1; shift ;;
    esac
done
out=${out:-$cache/avatar-art}
need_commands build-avatar-art npm node rsvg-convert xargs
out=$(drawings_folder "$out")

packages="@dicebear/core@$version"
for style in $styles; do packages+=" @dicebear/$style@$version"; done
[ -d "$out/npm/node_modules/@dicebear/core" ] ||
    # shellcheck disable=SC2086  # a word list
    npm install --silent --no-audit --no-fund --prefix "$out/npm" $packages

# Writes svg/dicebear-STYLE__N.svg for seeds 0 .. per_style - 1 and prints "id<TAB>split".
STYLES="$styles" PER_STYLE=$per_style PERCENT=$validation_percent OUT=$out \
NODE_PATH="$out/npm/node_modules" node -e '
const fs = require("fs"), crypto = require("crypto");
const { createAvatar } = require("@dicebear/core");
const out = process.env.OUT, perStyle = +process.env.PER_STYLE, percent = +process.env.PERCENT;
const hash = text => crypto.createHash("md5").update(text).digest().readUInt32BE(0);
const lines = [];
for (const name of process.env.STYLES.split(" ")) {
    const style = require(`@dicebear/${name}`);
    for (let n = 0; n < perStyle; ++n) {
        const seed = `${name}-${n}`, id = `dicebear-${name}__${n}`;
        const file = `${out}/svg/${id}.svg`;
        if (!fs.existsSync(file))
            fs.writeFileSync(file, createAvatar(style, { seed, backgroundColor: [] }).toString());
        lines.push(`${id}\t${hash(seed) % 100 < percent ? "validation" : "train"}`);
    }
}
process.stdout.write(lines.join("\n") + "\n");
' > "$out/chosen.tsv"

render_chosen_drawings "$out" "$size"
{
    echo "Character portraits for Colorize Manga's training pages, made by data/build-avatar-art.sh."
    echo "$per_style seeds a style, no background, rendered $size px."
    for style in $styles; do
        meta=$(NODE_PATH="$out/npm/node_modules" node -p \
            "const m = require('@dicebear/$style').meta; m.creator + ', ' + m.license.name + ', ' + m.source")
        echo "  npm @dicebear/$style@$version: $(grep -c "^dicebear-${style}__" "$out/chosen.tsv")" \
            "drawings; $meta"
    done
    echo "Split: $(cut -f2 "$out/chosen.tsv" | sort | uniq -c | tr '\n' ' ')"
} > "$out/SOURCES.txt"
cat "$out/SOURCES.txt"
