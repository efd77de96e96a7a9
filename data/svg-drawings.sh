# Shared by the data/ scripts that draw from npm packages: a check for the commands they need,
# and, for build-emoji-art.sh and build-avatar-art.sh, turning the SVGs they chose (svg/ID.svg,
# listed as "id<TAB>split" in chosen.tsv) into what build-dataset.sh --extra-drawings reads.
# Source it; do not run it.
# shellcheck shell=bash

# Exits with a message naming the script ($1) unless every command after it is installed.
need_commands() {
    local script=$1 command
    shift
    for command in "$@"; do
        command -v "$command" >/dev/null || { echo "$script: $command is missing" >&2; exit 1; }
    done
}

# Makes folder $1 with the npm/ and svg/ the drawing scripts fill, and prints its absolute path.
drawings_folder() {
    mkdir -p "$1/npm" "$1/svg" && (cd "$1" && pwd)
}

# Renders svg/ID.svg to png/ID.png unless done.
render_one() {
    [ -e "$2" ] && return 0
    rsvg-convert -w "$3" -h "$3" -a -o "$2.partial" "$1" && mv "$2.partial" "$2"
}
export -f render_one

# In folder $1, with chosen.tsv and svg/: png/ID.png (longest side $2 px, transparent paper),
# drawings.tsv (id, split, PNG relative to $1, "-": no line art of its own), and the validation
# drawings once more, each alone on white paper at 448 x 448 as the held-out drawings are
# (data/build-heldout.sh): `mangacolor eval` on them measures the way the held-out figures are
# measured, for choosing settings without looking at the held-out source.
render_chosen_drawings() {
    local out=$1 size=$2 id png
    mkdir -p "$out/png" "$out/validation-drawings"
    cut -f1 "$out/chosen.tsv" |
        awk -v out="$out" -v size="$size" '{ print out "/svg/" $1 ".svg\n" out "/png/" $1 ".png\n" size }' |
        tr '\n' '\0' | xargs -0 -n 3 -P 2 bash -c 'render_one "$1" "$2" "$3"' render
    awk -F'\t' -v OFS='\t' '{ print $1, $2, "png/" $1 ".png", "-" }' "$out/chosen.tsv" \
        > "$out/drawings.tsv"
    awk -F'\t' '$2 == "validation" { print $1 }' "$out/chosen.tsv" | while read -r id; do
        png=$out/validation-drawings/$id.png
        [ -e "$png" ] || rsvg-convert -w 448 -h 448 -a -b white "$out/svg/$id.svg" -o "$png"
    done
}
