#!/usr/bin/env bash
# Builds the held-out evaluation set: drawings from a source the default model never trains on
# (Twemoji, graphics CC-BY 4.0, from the npm registry), to measure how its colours carry over to
# art unlike its training data (`mangacolor eval HELDOUT --kinds gray,screentone,line-art`).
#
# Usage: data/build-heldout.sh [--count N] [OUT_DIR]
#   OUT_DIR  default ${COLORIZE_MANGA_CACHE:-$HOME/.cache/colorize-manga}/heldout/twemoji
#   Keeps people, faces, hands, clothing, animals and food (no flags, symbols or signs), picks
#   N of them (default 150) by a hash of the file name, and renders each on white paper,
#   448 x 448. Needs npm and rsvg-convert (Debian: npm, librsvg2-bin); the same pinned version
#   gives the same pages.
set -euo pipefail

package=@twemoji/svg
version=15.0.0
count=150
size=512
cache=${COLORIZE_MANGA_CACHE:-$HOME/.cache/colorize-manga}
while [ $# -gt 0 ]; do
    case $1 in
        --count) count=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "build-heldout: unknown option $1" >&2; exit 2 ;;
        *) out=$1; shift ;;
    esac
done
out=${out:-$cache/heldout/twemoji}
work=$cache/twemoji
for command in npm rsvg-convert md5sum; do
    command -v "$command" >/dev/null || { echo "build-heldout: $command is missing" >&2; exit 1; }
done

mkdir -p "$work" "$out"
if [ ! -d "$work/package" ]; then
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

find "$work/package" -maxdepth 1 -name '*.svg' -printf '%f\n' | sort |
    while read -r file; do
        if in_subjects "${file%%[-.]*}"; then echo "$(echo "$file" | md5sum | cut -c1-8) $file"; fi
    done | sort | awk -v n="$count" 'NR <= n' | cut -d' ' -f2 > "$out/.chosen"

rendered=0
while read -r file; do
    png=$out/${file%.svg}.png
    [ -e "$png" ] || rsvg-convert -w $((size * 7 / 8)) -h $((size * 7 / 8)) -a -b white \
        "$work/package/$file" -o "$png.partial"
    [ -e "$png" ] || mv "$png.partial" "$png"
    rendered=$((rendered + 1))
done < "$out/.chosen"
cat > "$out/SOURCES.txt" <<EOT
Held-out evaluation drawings for Colorize Manga (never used for training or validation).
Source: npm package $package $version ($(sha256sum "$work"/*.tgz | cut -c1-64)), Twemoji by
Twitter, Inc. and other contributors, graphics licensed CC-BY 4.0. $rendered drawings of people,
faces, hands, clothing, animals and food, rendered on white by data/build-heldout.sh.
EOT
echo "build-heldout: $rendered drawings in $out"
