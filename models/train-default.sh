#!/usr/bin/env bash
# Trains the default model from nothing: builds the training pages (data/build-dataset.sh, skipped
# stage by stage when the cache has them), then runs `mangacolor train` with the settings and
# seeds models/default.mcm was made with: 3,500 steps from scratch, then 2,500 more from those
# weights at half the learning rate with a fresh discriminator, each falling to 0 at its end.
# Interrupted, it continues from the last checkpoint when started again. Needs the build tree (install/setup.sh) and the character art, which needs npm
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
first=$(dirname "$output")/first-3500.mcm
mkdir -p "$(dirname "$output")"
train() { "$project/build/core/mangacolor" train "$dataset/train" \
    --validation "$dataset/validation" --set disc_width=16 --batch 8 --crop 256 \
    --checkpoint-every 250 --name "Colorize Manga default" "$@"; }
# Run again, a finished stage resumes at its last step and only loads its pages.
train -o "$first" --steps 3500 --lr-decay-from 2000 --seed 1
train -o "$output" --init-from "$first" --steps 2500 --lr 1e-4 --lr-decay-from 1250 --seed 2
