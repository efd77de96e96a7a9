#!/usr/bin/env bash
# Builds the character art of the default model's training pages: people, faces, hands,
# clothing, animals, food and things, drawn by other hands than the clip art, from emoji sets
# in the npm registry whose licenses allow training on them and shipping the weights:
#
#   @iconify-json/fluent-emoji       Microsoft Fluent Emoji, shaded (gradients)   MIT
#   @iconify-json/fluent-emoji-flat  the same drawings, flat                      MIT
#   @iconify-json/noto               Google Noto Emoji                            Apache-2.0
#   @iconify-json/streamline-emojis  Streamline Emojis                            CC-BY-4.0
#
# Twemoji is not among them: it is the held-out source (data/build-heldout.sh). Flags and
# symbols are left out (the sets' own categories); at most --per-set drawings of each set are
# kept, chosen by a hash of the name. Each is rendered on a transparent page, longest side
# 512 px. The train/validation split goes by the drawing's name without its skin tone, the
# same as build-dataset.sh's 5 %, so a drawing and its variants in every set fall on one side.
#
# Usage: data/build-emoji-art.sh [--per-set N] [OUT_DIR]
#   OUT_DIR  default ${COLORIZE_MANGA_CACHE:-$HOME/.cache/colorize-manga}/emoji-art; gets
#            png/SET__NAME.png, drawings.tsv (id, split, PNG relative to OUT_DIR, "-": no line
#            art of its own) and SOURCES.txt. build-dataset.sh --extra-drawings takes it.
#            validation-drawings/ holds the validation split alone on white, for `mangacolor eval`.
#   Needs npm with node and rsvg-convert (Debian: npm, librsvg2-bin); runs on the host, since
#   the build root has no npm. Pinned versions give the same drawings; reruns skip done work.
set -euo pipefail
source "$(dirname "$0")/svg-drawings.sh"

sets="fluent-emoji@1.2.7 fluent-emoji-flat@1.2.6 noto@1.2.9 streamline-emojis@1.2.4"
# fluent-emoji has no categories of its own: it takes those of its flat twin.
categories_from="fluent-emoji:fluent-emoji-flat"
per_set=800
size=512
validation_percent=5
cache=${COLORIZE_MANGA_CACHE:-$HOME/.cache/colorize-manga}
while [ $# -gt 0 ]; do
    case $1 in
        --per-set) per_set=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "build-emoji-art: unknown option $1" >&2; exit 2 ;;
        *) out=$1; shift ;;
    esac
done
out=${out:-$cache/emoji-art}
need_commands build-emoji-art npm node rsvg-convert xargs
out=$(drawings_folder "$out")

for set in $sets; do
    name=${set%@*}
    [ -f "$out/npm/$name/package/icons.json" ] && continue
    mkdir -p "$out/npm/$name"
    (cd "$out/npm/$name" && npm pack --silent "@iconify-json/$set" >/dev/null && tar xzf ./*.tgz)
done

# Writes svg/SET__NAME.svg for the chosen drawings and prints "id<TAB>split" for each.
SETS="$sets" CATEGORIES_FROM="$categories_from" PER_SET=$per_set PERCENT=$validation_percent \
OUT=$out node -e '
const fs = require("fs"), crypto = require("crypto");
const out = process.env.OUT, perSet = +process.env.PER_SET, percent = +process.env.PERCENT;
const borrowed = Object.fromEntries(process.env.CATEGORIES_FROM.split(" ").map(p => p.split(":")));
const keptCategories = /^(People|Smiley|Smileys|Animals|Food|Activit|Travel|Objects)/;
const hash = text => crypto.createHash("md5").update(text).digest().readUInt32BE(0);
const read = (set, file) => JSON.parse(fs.readFileSync(`${out}/npm/${set}/package/${file}`));
const lines = [];
for (const set of process.env.SETS.split(" ").map(s => s.split("@")[0])) {
    const icons = read(set, "icons.json");
    const categories = read(borrowed[set] || set, "metadata.json").categories;
    const names = Object.entries(categories).filter(([c]) => keptCategories.test(c))
        .flatMap(([, list]) => list).filter(n => icons.icons[n]);
    const chosen = [...new Set(names)].sort((a, b) => hash(a) - hash(b)).slice(0, perSet);
    for (const name of chosen.sort()) {
        const icon = icons.icons[name];
        const w = icon.width || icons.width || 16, h = icon.height || icons.height || 16;
        const id = `${set}__${name}`;
        fs.writeFileSync(`${out}/svg/${id}.svg`, `<svg xmlns="http://www.w3.org/2000/svg" ` +
            `xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 ${w} ${h}" ` +
            `width="${w}" height="${h}">${icon.body}</svg>\n`);
        const base = name.replace(/-(medium-)?(dark|light|medium)$/, "")
                         .replace(/-(medium-)?(dark|light|medium)-skin-tone$/, "");
        lines.push(`${id}\t${hash(base) % 100 < percent ? "validation" : "train"}`);
    }
}
process.stdout.write(lines.join("\n") + "\n");
' > "$out/chosen.tsv"

render_chosen_drawings "$out" "$size"
{
    echo "Character art for Colorize Manga's training pages, made by data/build-emoji-art.sh."
    echo "Flags and symbols left out; at most $per_set drawings a set, rendered $size px."
    for set in $sets; do
        name=${set%@*}
        license=$(node -p "require('$out/npm/$name/package/info.json').license.spdx")
        echo "  npm @iconify-json/$set: $(grep -c "^${name}__" "$out/chosen.tsv") drawings," \
            "license $license (sha256 $(sha256sum "$out/npm/$name"/*.tgz | cut -c1-64))"
    done
    echo "Split: $(cut -f2 "$out/chosen.tsv" | sort | uniq -c | tr '\n' ' ')"
} > "$out/SOURCES.txt"
cat "$out/SOURCES.txt"
