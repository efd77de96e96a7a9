#!/usr/bin/env bash
# Trains the default model from nothing: builds the training pages (data/build-dataset.sh, skipped
# stage by stage when the cache has them), then runs `mangacolor train` with the settings and
# seeds models/default.mcm was made with: 3,500 steps from scratch on clip art and emoji, 2,500
# more from those weights at half the learning rate with a fresh discriminator, then 4,000 more
# the same way on pages that also hold character portraits (data/build-avatar-art.sh), each
# stage's rate falling to 0 at its end; those two stages' weights blended half and half
# (`mangacolor blend`); then 3,500 more steps from the blend on the same pages, saving a moving
# average of the weights (decay 0.999), blended half and half with the blend it started from;
# then 1,500 more steps from that second blend at a quarter of the learning rate with color
# hints on three crops in four (averaged, decay 0.998), blended half and half with it again,
# with the setting descreened_when_hinted=yes (no weight changes: with hints the network reads
# the descreened page); last, 1,500 more steps from that at a quarter of the L1 weight (25)
# with hints on half the crops, blended half and half with it (2026-12-07).
# Interrupted, it continues from the last checkpoint when started again. Needs the build tree
# (install/setup.sh) and the character art, which needs npm and rsvg-convert (Debian: npm,
# librsvg2-bin) and so is made first, on the host. On hosts older than Debian 13:
#   export COLORIZE_MANGA_CACHE=~/.cache/colorize-manga/work
#   data/build-emoji-art.sh && data/build-avatar-art.sh
#   install/in-root.sh models/train-default.sh [OUTPUT_MODEL]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
project=$(dirname "$here")
cache=${COLORIZE_MANGA_CACHE:-$HOME/.cache/colorize-manga}
dataset=$cache/dataset
output=${1:-$cache/train-default/default.mcm}
portraits=$cache/dataset-portraits
emoji_art=$cache/emoji-art/drawings.tsv
avatar_art=$cache/avatar-art/drawings.tsv
for list in "$emoji_art" "$avatar_art"; do
    [ -s "$list" ] || { echo "train-default: no $list: run data/build-$(basename "$(dirname "$list")").sh" \
        "(on the host, with COLORIZE_MANGA_CACHE=$cache)" >&2; exit 1; }
done

meson compile -C "$project/build" core/mangacolor:executable compose-pages measure-drawings
"$project/data/build-dataset.sh" --extra-drawings "$emoji_art" --line-art-share 0.35 "$dataset"
"$project/data/build-dataset.sh" --extra-drawings "$emoji_art" --extra-drawings "$avatar_art" \
    --line-art-share 0.35 "$portraits"
first=$(dirname "$output")/first-3500.mcm
second=$(dirname "$output")/second-6000.mcm
third=$(dirname "$output")/third-10000.mcm
blend=$(dirname "$output")/blend-10000.mcm
fourth=$(dirname "$output")/fourth-13500.mcm
second_blend=$(dirname "$output")/blend-13500.mcm
fifth=$(dirname "$output")/fifth-15000.mcm
fifth_blend=$(dirname "$output")/blend-15000.mcm
sixth=$(dirname "$output")/sixth-16500.mcm
mkdir -p "$(dirname "$output")"
train() { "$project/build/core/mangacolor" train "$1/train" --validation "$1/validation" \
    --set disc_width=16 --batch 8 --crop 256 \
    --checkpoint-every 250 --name "Colorize Manga default" "${@:2}"; }
# Run again, a finished stage resumes at its last step and only loads its pages.
train "$dataset" -o "$first" --steps 3500 --lr-decay-from 2000 --seed 1
train "$dataset" -o "$second" --init-from "$first" --steps 2500 --lr 1e-4 --lr-decay-from 1250 --seed 2
train "$portraits" -o "$third" --init-from "$second" --steps 4000 --lr 1e-4 --lr-decay-from 2000 --seed 3
"$project/build/core/mangacolor" blend "$second" "$third" --weight 0.5 -o "$blend"
train "$portraits" -o "$fourth" --init-from "$blend" --steps 3500 --lr 1e-4 --lr-decay-from 1000 \
    --seed 4 --average-weights 0.999
"$project/build/core/mangacolor" blend "$blend" "$fourth" --weight 0.5 -o "$second_blend"
train "$portraits" -o "$fifth" --init-from "$second_blend" --steps 1500 --lr 5e-5 \
    --lr-decay-from 500 --seed 5 --average-weights 0.998 --hinted-share 0.75
"$project/build/core/mangacolor" blend "$second_blend" "$fifth" --weight 0.5 -o "$fifth_blend"
"$project/build/core/mangacolor" set "$fifth_blend" --set descreened_when_hinted=yes -o "$fifth_blend"
train "$portraits" -o "$sixth" --init-from "$fifth_blend" --steps 1500 --lr 5e-5 \
    --lr-decay-from 500 --seed 7 --average-weights 0.998 --hinted-share 0.5 --l1-weight 25
"$project/build/core/mangacolor" set "$sixth" --set descreened_when_hinted=yes -o "$sixth"
"$project/build/core/mangacolor" blend "$fifth_blend" "$sixth" --weight 0.5 -o "$output"
