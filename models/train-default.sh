#!/usr/bin/env bash
# Trains the default model from nothing: builds the training pages (data/build-dataset.sh, skipped
# stage by stage when the cache has them), then runs `mangacolor train` with the settings and
# seed models/default.mcm was made with. Interrupted, it continues from its checkpoint when
# started again. Needs the build tree (install/setup.sh) and the character art, which needs npm
# and so is made first, on the host (data/build-emoji-art.sh). On hosts older than Debian 13:
#   COLORIZE_MANGA_CACHE=~/.cache/colorize-manga/work data/build-emoji-art.sh
#   install/in-root.sh models/train-default.sh [OUTPUT_MODEL]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
project=$(dirname "$here")
cache=${COLORIZE_MANGA_CACHE:-$HOME/.cache/colorize-manga}
dataset=$cache/dataset
output=${1:-$cache/train-default/default.mcm}
emoji_art=$cache/emoji-art/drawings.tsv
[ -s "$emoji_art" ] || { echo "train-default: no $emoji_art: run data/build-emoji-art.sh" \
    "(on the host, with COLORIZE_MANGA_CACHE=$cache)" >&2; exit 1; }

meson compile -C "$project/build" core/mangacolor:executable compose-pages measure-drawings
"$project/data/build-dataset.sh" --extra-drawings "$emoji_art" --line-art-share 0.35 "$dataset"
mkdir -p "$(dirname "$output")"
"$project/build/core/mangacolor" train "$dataset/train" --validation "$dataset/validation" \
    -o "$output" --set disc_width=16 --steps 3500 --lr-decay-from 2000 --batch 8 --crop 256 \
    --checkpoint-every 250 --seed 1 --name "Colorize Manga default"
