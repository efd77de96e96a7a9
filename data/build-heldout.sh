#!/usr/bin/env bash
# Builds a held-out evaluation set: drawings from a source the default model never trains on,
# from the npm registry, to measure how its colours carry over to art unlike its training data
# (`mangacolor eval HELDOUT --kinds gray,screentone,line-art`). Two sources:
#   twemoji   Twemoji (@twemoji/svg), graphics CC-BY 4.0: flat shapes without outlines
#   openmoji  OpenMoji (@iconify-json/openmoji), CC BY-SA 4.0: flat colours inside black
#             outlines, as manga is drawn (its license is not one the weights could ship
#             under, so it is for evaluation only in any case)
#   avataaars character portraits by Pablo Stanley (@dicebear/avataaars, "free for personal
#             and commercial use"): heads and shoulders with skin, hair, clothes and
#             accessories, by another illustrator than the eight avatar styles trained on
#
# Usage: data/build-heldout.sh [--source twemoji|openmoji|avataaars] [--count N] [OUT_DIR]
#   OUT_DIR  default ${COLORIZE_MANGA_CACHE:-$HOME/.cache/colorize-manga}/heldout/SOURCE
#   Of the emoji sets, keeps people, faces, hands, clothing, animals and food (no flags,
#   symbols or signs) and picks N of them (default 150) by a hash of the file name; of the
#   portraits, N seeds. Renders each on white paper, 448 x 448. Needs npm, node and rsvg-convert (Debian: npm, librsvg2-bin); the same pinned
#   version gives the same pages.
set -euo pipefail
source "$(dirname "$0")/svg-drawings.sh"

source=twemoji
count=150
size=512
cache=${COLORIZE_MANGA_CACHE:-$HOME/.cache/colorize-manga}
while [ $# -gt 0 ]; do
    case $1 in
        --source) source=$2; shift 2 ;;
        --count) count=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "build-heldout: unknown option $1" >&2; exit 2 ;;
        *) out=$1; shift ;;
    esac
done
case $source in
    twemoji) package=@twemoji/svg version=15.0.0
        credit="Twemoji by Twitter, Inc. and other contributors, graphics licensed CC-BY 4.0" ;;
    openmoji) package=@iconify-json/openmoji version=1.2.29
        credit="OpenMoji by the OpenMoji contributors (HfG Schwäbisch Gmünd), CC BY-SA 4.0" ;;
    avataaars) package=@dicebear/avataaars version=9.4.3
        credit="Avataaars by Pablo Stanley, free for personal and commercial use" ;;
    *) echo "build-heldout: --source is twemoji, openmoji or avataaars, not '$source'" >&2
       exit 2 ;;
esac
out=${out:-$cache/heldout/$source}
work=$cache/$source
need_commands build-heldout npm node rsvg-convert md5sum

mkdir -p "$work" "$out"
if [ "$source" = avataaars ]; then
    [ -d "$work/node_modules/$package" ] || npm install --silent --no-audit --no-fund \
        --prefix "$work" "@dicebear/core@$version" "$package@$version"
elif [ ! -d "$work/package" ]; then
    (cd "$work" && npm pack --silent "$package@$version" >/dev/null && tar xzf ./*.tgz)
fi

# True when code point $1 (hex) is a subject kept: people, faces, hands, clothing, animals, food.
in_subjects() {
    local cp=$((16#$1))
    ((cp >= 0x1F466 && cp <= 0x1F487)) || ((cp >= 0x1F9D1 && cp <= 0x1F9DF)) ||
        ((cp >= 0x1F600 && cp <= 0x1F64F)) || ((cp >= 0x1F44A && cp <= 0x1F462)) ||
        ((cp >= 0x1F400 && cp <= 0x1F43F)) || ((cp >= 0x1F980 && cp <= 0x1F9AE)) ||
        ((cp >= 0x1F345 && cp <= 0x1F37F)) || ((cp >= 0x1F950 && cp <= 0x1F96F))
}

# The drawings as SVG files in $work/svg/, named by their code points (twemoji's own names).
if [ "$source" = openmoji ] && [ ! -d "$work/svg" ]; then
    mkdir -p "$work/svg.partial"
    DIR="$work" node -e '
        const fs = require("fs"), dir = process.env.DIR;
        const icons = JSON.parse(fs.readFileSync(`${dir}/package/icons.json`));
        const chars = JSON.parse(fs.readFileSync(`${dir}/package/chars.json`));
        const size = icons.width || 72;
        for (const [code, name] of Object.entries(chars))
            if (icons.icons[name]) fs.writeFileSync(`${dir}/svg.partial/${code}.svg`,
                `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" ` +
                `width="${size}" height="${size}">${icons.icons[name].body}</svg>\n`);'
    mv "$work/svg.partial" "$work/svg"
fi
[ "$source" = twemoji ] && svg_dir=$work/package || svg_dir=$work/svg

if [ "$source" = avataaars ]; then
    # Seeds 0 .. N - 1, no background; the portraits are their own subject.
    mkdir -p "$svg_dir"
    DIR="$svg_dir" COUNT=$count NODE_PATH="$work/node_modules" node -e '
        const fs = require("fs"), { createAvatar } = require("@dicebear/core");
        const style = require("@dicebear/avataaars");
        for (let n = 0; n < +process.env.COUNT; ++n)
            fs.writeFileSync(`${process.env.DIR}/avataaars-${String(n).padStart(3, "0")}.svg`,
                createAvatar(style, { seed: `heldout-${n}`, backgroundColor: [] }).toString());'
    find "$svg_dir" -maxdepth 1 -name '*.svg' -printf '%f\n' | sort | head -n "$count" > "$out/.chosen"
else
    find "$svg_dir" -maxdepth 1 -name '*.svg' -printf '%f\n' | sort |
        while read -r file; do
            if in_subjects "${file%%[-.]*}"; then echo "$(echo "$file" | md5sum | cut -c1-8) $file"; fi
        done | sort | awk -v n="$count" 'NR <= n' | cut -d' ' -f2 > "$out/.chosen"
fi

rendered=0
while read -r file; do
    png=$out/${file%.svg}.png
    [ -e "$png" ] || rsvg-convert -w $((size * 7 / 8)) -h $((size * 7 / 8)) -a -b white \
        "$svg_dir/$file" -o "$png.partial"
    [ -e "$png" ] || mv "$png.partial" "$png"
    rendered=$((rendered + 1))
done < "$out/.chosen"
cat > "$out/SOURCES.txt" <<EOT
Held-out evaluation drawings for Colorize Manga (never used for training or validation).
Source: npm package $package $version, $credit.
$rendered drawings, rendered on white by data/build-heldout.sh.
EOT
echo "build-heldout: $rendered drawings in $out"
