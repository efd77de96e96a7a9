#!/usr/bin/env bash
# Builds the training pages of the default model from Debian's openclipart-svg package
# (public-domain clip art), from nothing, into a cache outside the clone.
#
# Usage: data/build-dataset.sh [--train N] [--validation M] [--seed S] [--jobs J]
#                              [--line-art-share F] [--extra-drawings TSV]... [OUT_DIR]
#
#   --extra-drawings TSV  drawings from other sources to compose pages with, besides the clip
#             art: lines "id<TAB>train|validation<TAB>colour PNG<TAB>line-art PNG or -", paths
#             relative to the TSV's folder (data/build-emoji-art.sh writes one); its folder's
#             SOURCES.txt is copied into the dataset's.
#
#   OUT_DIR   default ${COLORIZE_MANGA_CACHE:-$HOME/.cache/colorize-manga}/dataset; gets
#             train/{color,bw}/, validation/{color,bw}/, SOURCES.txt, sample-page-{color,bw}.png
#   Downloads and renderings are kept in ${COLORIZE_MANGA_CACHE:-$HOME/.cache/colorize-manga}/
#   openclipart/. The C++ helpers come from $COLORIZE_MANGA_DATA_TOOLS (default: build/data of
#   this clone; `meson compile -C build compose-pages measure-drawings`).
#
# Stages (each skipped when its outputs exist, so the script resumes after an interruption):
#   fetch    apt-get download the package (pinned version when available), dpkg -x it
#   select   subject folders only (people, animals, food, ...), no embedded bitmaps, no copies
#   render   rsvg-convert, longest side 640 px, in parallel, 10 s time-out per file
#   filter   drop unreadable, odd-shaped, near-empty, grayscale and gradient/photo-like drawings;
#            split train/validation by source file (hash of its name without variant number);
#            drawings small on their SVG page are rendered again bigger
#   lineart  the kept SVGs with fills made white and strokes black (data/svg-line-art.awk)
#   compose  the pages (compose-pages), then SOURCES.txt and the README sample page
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${COLORIZE_MANGA_CACHE:-$HOME/.cache/colorize-manga}
tools=${COLORIZE_MANGA_DATA_TOOLS:-$here/../build/data}
package=openclipart-svg
package_version=1:0.18+dfsg-19  # the version the default model was trained on
render_size=640
train_pages=1500
validation_pages=60
seed=1
jobs=2
line_art_share=0.5
validation_percent=5
extra_lists=()

# Subject folders of the package kept as drawings; icons, shapes, signs, flags, maps, buttons,
# logos and "special" (templates, gradient samples) are not the kind of thing drawn in manga.
subject_folders="animals buildings computer containers decorations education electronics food
    office people plants recreation science tools transportation unsorted"
excluded_subfolders="computer/icons"

die() { echo "build-dataset: $*" >&2; exit 1; }
note() { echo "build-dataset: $*"; }
trap 'die "a command failed (line $LINENO)"' ERR

while [ $# -gt 0 ]; do
    case $1 in
        --train) train_pages=$2; shift 2 ;;
        --validation) validation_pages=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --line-art-share) line_art_share=$2; shift 2 ;;
        --extra-drawings) extra_lists+=("$(realpath "$2")"); shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) die "unknown option $1 (see --help)" ;;
        *) out=$1; shift ;;
    esac
done
out=${out:-$cache/dataset}
work=$cache/openclipart
mkdir -p "$out" "$work"
out=$(cd "$out" && pwd)
work=$(cd "$work" && pwd)

# The lists in $work name files by absolute path. When the cache was moved (or is seen at another
# path, as inside the build root), they are rewritten to the new place.
relocate_lists() {
    local before
    before=$(cat "$work/.location" 2>/dev/null || echo "$work")
    if [ "$before" != "$work" ]; then
        note "cache moved from $before: updating its lists"
        find "$work" -maxdepth 1 \( -name '*.tsv' -o -name '*.txt' \) -print0 |
            xargs -0 -r perl -pi -e 'BEGIN { ($from, $to) = splice @ARGV, 0, 2 } s/\Q$from\E/$to/g' \
                "$before/" "$work/"
    fi
    echo "$work" > "$work/.location"
}
relocate_lists

for tool in compose-pages measure-drawings; do
    [ -x "$tools/$tool" ] || die "no $tools/$tool: build it (meson compile -C build $tool)" \
        "or set COLORIZE_MANGA_DATA_TOOLS to the folder holding it"
done
for command in apt-get dpkg-deb rsvg-convert timeout xargs md5sum awk; do
    command -v "$command" >/dev/null || die "$command is missing (see install/packages.txt)"
done

# Runs stage $1 (function stage_$1) unless its marker exists, and prints how long it took.
run_stage() {
    local name=$1 marker=$work/.done-$1 start=$SECONDS
    if [ -e "$marker" ]; then
        note "stage $name: done before, skipped"
        return
    fi
    note "stage $name ..."
    "stage_$name"
    touch "$marker"
    note "stage $name: $((SECONDS - start)) s"
}

# Downstream stages must rerun when an upstream stage reran.
forget_stages() {
    local name
    for name in "$@"; do rm -f "$work/.done-$name"; done
}

stage_fetch() {
    rm -rf "$work/deb" "$work/root"
    mkdir -p "$work/deb"
    (
        cd "$work/deb"
        apt-get download "$package=$package_version" 2>/dev/null ||
            { note "version $package_version not in the archive; taking the current one"
              apt-get download "$package"; } ||
            die "apt-get download $package failed (run apt-get update?)"
    )
    dpkg-deb -x "$work"/deb/*.deb "$work/root"
    forget_stages select render filter lineart compose
}

svg_root() { echo "$work/root/usr/share/openclipart/svg"; }

# Lists the selected SVGs as "id<TAB>path" (path under the package's svg folder; id: the path
# with "/" made "__" and no ".svg"): subject folders only, no embedded bitmaps (photos), and
# each distinct file once (the package holds some drawings in two folders: same content or
# same file name).
stage_select() {
    local root svgs selected
    root=$(svg_root)
    svgs=$(find "$root" -type f -name '*.svg' | wc -l)
    # shellcheck disable=SC2086  # the folder lists are word lists
    (cd "$root" && find $subject_folders -type f -name '*.svg' | sort |
        grep -v -E "^($(echo $excluded_subfolders | tr ' ' '|'))/") > "$work/candidates.txt"
    (cd "$root" && xargs -d '\n' grep -l '<image' < "$work/candidates.txt" || true) \
        > "$work/bitmap.txt"
    (cd "$root" && xargs -d '\n' md5sum < "$work/candidates.txt") |
        awk -v counts="$work/select-counts.txt" -v svgs="$svgs" '
            NR == FNR { bitmap[$0] = 1; next }
            {
                hash = $1; path = substr($0, 35)
                candidates++
                if (path in bitmap) { dropped_bitmap++; next }
                name = path; sub(/.*\//, "", name)
                if (hash in seen || name in seen) { dropped_duplicate++; next }
                seen[hash] = 1; seen[name] = 1
                id = path; sub(/\.svg$/, "", id); gsub(/\//, "__", id)
                print id "\t" path
            }
            END {
                print "svg_files " svgs > counts
                print "dropped_folder " svgs - candidates > counts
                print "dropped_bitmap " dropped_bitmap + 0 > counts
                print "dropped_duplicate " dropped_duplicate + 0 > counts
                print "selected " candidates - dropped_bitmap - dropped_duplicate > counts
            }' "$work/bitmap.txt" - > "$work/selected.tsv"
    note "selection: $(tr '\n' ' ' < "$work/select-counts.txt")(symlinked copies not counted)"
    forget_stages render filter lineart compose
}

# Renders SVG $1 to PNG $2, longest side $3 px, unless done; a failure leaves $2.failed so it
# is not retried.
render_one() {
    local svg=$1 png=$2 size=$3
    [ -e "$png" ] || [ -e "$png.failed" ] && return 0
    if timeout 10 rsvg-convert -w "$size" -h "$size" -a -o "$png.partial" "$svg" 2>/dev/null; then
        mv "$png.partial" "$png"
    else
        rm -f "$png.partial"
        touch "$png.failed"
    fi
}
export -f render_one

# Renders the SVGs listed as "id<TAB>svg file<TAB>size" on stdin into folder $1/id.png,
# $jobs at a time.
render_all() {
    local folder=$1
    mkdir -p "$folder"
    awk -F'\t' -v folder="$folder" '{ print $2 "\n" folder "/" $1 ".png\n" $3 }' |
        tr '\n' '\0' | xargs -0 -n 3 -P "$jobs" bash -c 'render_one "$1" "$2" "$3"' render
}

# How many ids of the list on stdin ("id<TAB>...") have a file $1/id$2.
count_existing() {
    local id count=0
    while IFS=$'\t' read -r id _; do
        [ ! -e "$1/$id$2" ] || count=$((count + 1))
    done
    echo "$count"
}

stage_render() {
    local root rendered failed
    root=$(svg_root)
    awk -F'\t' -v root="$root" -v size="$render_size" '{ print $1 "\t" root "/" $2 "\t" size }' \
        "$work/selected.tsv" | render_all "$work/color"
    rendered=$(count_existing "$work/color" .png < "$work/selected.tsv")
    failed=$(count_existing "$work/color" .png.failed < "$work/selected.tsv")
    printf 'rendered %s\nrender_failed %s\n' "$rendered" "$failed" > "$work/render-counts.txt"
    note "rendered $rendered drawings; failed or timed out: $failed"
    forget_stages filter lineart compose
}

# The filter rules, on measure-drawings' columns (1 file, 2 width, 3 height, 4 opaque, 5 ink,
# 6 colored, 7 flat, 8 smooth, 9 dark); prints the kept lines, and on stderr the count each
# rule dropped (the first rule that applies).
apply_filters() {
    awk -F'\t' '
        $2 == "unreadable"                                 { dropped["unreadable"]++; next }
        $2 < 64 || $3 < 64 || $2 > 5 * $3 || $3 > 5 * $2   { dropped["tiny_or_odd_shape"]++; next }
        $5 < 0.04                                          { dropped["near_empty"]++; next }
        $6 < 0.12                                          { dropped["grayscale"]++; next }
        $7 < 0.5                                           { dropped["too_many_colours"]++; next }
        $8 > 0.6                                           { dropped["smooth_gradients"]++; next }
        { print }
        END {
            n = split("unreadable tiny_or_odd_shape near_empty grayscale too_many_colours " \
                      "smooth_gradients", rules, " ")
            for (i = 1; i <= n; i++) {
                printf "dropped_%s %d\n", rules[i], dropped[rules[i]] > "/dev/stderr"
            }
        }'
}

# drawings.tsv, one kept drawing a line: id, split, colour PNG, SVG path, render size.
# The split is "validation" for about $validation_percent % of the source files, by a hash of the
# file name without folder and variant number (foo_01.svg and foo_02.svg go to the same side).
# Drawings whose visible part came out small (the SVG page around them is large) are rendered
# again bigger, so that it is about $render_size px long, at most 4 times the first size.
list_kept_drawings() {
    awk -F'\t' -v OFS='\t' -v color="$work/color" -v zoomed="$work/color-zoomed" \
        -v size="$render_size" -v percent="$validation_percent" '
        function split_hash(text,    i, h) {
            h = 0
            for (i = 1; i <= length(text); i++) h = (h * 31 + ord[substr(text, i, 1)]) % 2147483647
            return h
        }
        BEGIN { for (i = 32; i < 127; i++) ord[sprintf("%c", i)] = i }
        NR == FNR { path[$1] = $2; next }
        {
            id = $1; sub(/.*\//, "", id); sub(/\.png$/, "", id)
            key = path[id]; sub(/.*\//, "", key); sub(/\.svg$/, "", key)
            sub(/[-_ ]*[0-9]+$/, "", key)
            long = $2 > $3 ? $2 : $3
            zoom = long >= 0.75 * size ? 1 : (size / long > 4 ? 4 : size / long)
            split_name = split_hash(key) % 100 < percent ? "validation" : "train"
            png = zoom == 1 ? $1 : zoomed "/" id ".png"
            print id, split_name, png, path[id], int(size * zoom)
        }' "$work/selected.tsv" -
}

stage_filter() {
    local id kept
    while IFS=$'\t' read -r id _; do
        [ ! -e "$work/color/$id.png" ] || echo "$work/color/$id.png"
    done < "$work/selected.tsv" | "$tools/measure-drawings" - > "$work/measures.tsv"
    apply_filters < "$work/measures.tsv" 2> "$work/filter-counts.txt" |
        list_kept_drawings > "$work/drawings.tsv"
    awk -F'\t' -v OFS='\t' -v root="$(svg_root)" -v size="$render_size" \
        '$5 != size { print $1, root "/" $4, $5 }' "$work/drawings.tsv" |
        render_all "$work/color-zoomed"
    # A zoomed rendering that failed keeps the first one.
    awk -F'\t' -v OFS='\t' -v size="$render_size" -v color="$work/color" '
        $5 != size && system("test -e \"" $3 "\"") != 0 { $3 = color "/" $1 ".png"; $5 = size }
        { print }' "$work/drawings.tsv" > "$work/drawings.tmp"
    mv "$work/drawings.tmp" "$work/drawings.tsv"
    kept=$(wc -l < "$work/drawings.tsv")
    awk -F'\t' -v size="$render_size" -v kept="$kept" '
        { by_split[$2]++ } $5 != size { bigger++ }
        END {
            print "kept " kept
            print "kept_train " by_split["train"] + 0
            print "kept_validation " by_split["validation"] + 0
            print "rendered_bigger " bigger + 0
        }' "$work/drawings.tsv" >> "$work/filter-counts.txt"
    note "filters: $(tr '\n' ' ' < "$work/filter-counts.txt")"
    forget_stages lineart compose
}

stage_lineart() {
    local root id path size svg_out usable
    root=$(svg_root)
    # Line art made by another version of the rewriting script is made again.
    local version
    version=$(md5sum < "$here/svg-line-art.awk" | cut -c1-32)
    if [ "$(cat "$work/line-svg/.version" 2>/dev/null)" != "$version" ]; then
        rm -rf "$work/line-svg" "$work/line"
        mkdir -p "$work/line-svg"
        echo "$version" > "$work/line-svg/.version"
    fi
    while IFS=$'\t' read -r id _ _ path size; do
        svg_out=$work/line-svg/$id.svg
        [ -e "$svg_out" ] || awk -f "$here/svg-line-art.awk" "$root/$path" > "$svg_out"
        printf '%s\t%s\t%s\n' "$id" "$svg_out" "$size"
    done < "$work/drawings.tsv" | render_all "$work/line"
    # Line art is usable when it has some ink and is not mostly black (dark backgrounds): column
    # 9 of measure-drawings is the dark share of the drawing.
    find "$work/line" -name '*.png' | sort | "$tools/measure-drawings" - |
        awk -F'\t' '$2 != "unreadable" && $9 >= 0.01 && $9 <= 0.45 { print $1 }' \
        > "$work/line-usable.txt"
    # pages-input.tsv, for compose-pages: id, split, colour PNG, line-art PNG or "-".
    awk -F'\t' -v folder="$work/line" '
        NR == FNR { usable[$1] = 1; next }
        {
            line = folder "/" $1 ".png"
            print $1 "\t" $2 "\t" $3 "\t" ((line in usable) ? line : "-")
        }
    ' "$work/line-usable.txt" "$work/drawings.tsv" > "$work/pages-input.tsv"
    usable=$(wc -l < "$work/line-usable.txt")
    echo "line_art_usable $usable" > "$work/lineart-counts.txt"
    note "line art usable for $usable of $(wc -l < "$work/drawings.tsv") drawings"
    forget_stages compose
}

# The drawings pages are composed of: the clip art's, then each extra list's with its paths
# made absolute.
list_page_drawings() {
    local list
    cat "$work/pages-input.tsv"
    for list in "${extra_lists[@]}"; do
        awk -F'\t' -v OFS='\t' -v dir="$(dirname "$list")" '
            { $3 = dir "/" $3; if ($4 != "-") $4 = dir "/" $4; print }' "$list"
    done
}

# Composes $2 pages of split $1 into $out/$1, starting over if the settings or drawings changed.
compose_split() {
    local split=$1 count=$2 prefix=$3 settings
    settings="count=$count seed=$seed line_art_share=$line_art_share"
    # Paths relative to the cache, so a moved cache keeps its pages.
    settings+=" drawings=$(sed "s|$(dirname "$work")/||g" "$work/pages-all.tsv" | md5sum | cut -c1-12)"
    # The composer's sources, not its binary: a rebuild elsewhere must not start the pages over.
    settings+=" composer=$(cat "$here"/compose_pages.cpp "$here"/drawing_io.* | md5sum | cut -c1-12)"
    if [ "$(cat "$out/$split/.settings" 2>/dev/null)" != "$settings" ]; then
        rm -rf "${out:?}/$split"
        mkdir -p "$out/$split"
        echo "$settings" > "$out/$split/.settings"
    fi
    OPENCV_FOR_THREADS_NUM=$jobs "$tools/compose-pages" --drawings "$work/pages-all.tsv" \
        --split "$split" --count "$count" --prefix "$prefix" --seed "$seed" \
        --line-art-share "$line_art_share" --out "$out/$split"
}

# The first validation page with a line-art original, for the README.
write_sample_page() {
    local bw
    bw=$(find "$out/validation/bw" -name '*.png' | sort | head -n 1)
    [ -n "$bw" ] || { note "no validation page with line art: no sample page"; return; }
    cp "$out/validation/color/$(basename "$bw")" "$out/sample-page-color.png"
    cp "$bw" "$out/sample-page-bw.png"
    note "sample page: $out/sample-page-{color,bw}.png (from $(basename "$bw"))"
}

count_value() { awk -v key="$1" '$1 == key { print $2 }' "$work"/*-counts.txt; }

write_sources() {
    local deb version sha copyright
    deb=$(ls "$work"/deb/*.deb)
    version=$(dpkg-deb -f "$deb" Version)
    sha=$(sha256sum "$deb" | cut -d' ' -f1)
    copyright=$work/root/usr/share/doc/$package/copyright
    {
        echo "Training pages for Colorize Manga's default model, made by data/build-dataset.sh."
        echo
        echo "Source: Debian package $package $version ($(basename "$deb"), sha256 $sha)"
        echo "Homepage: $(dpkg-deb -f "$deb" Homepage)"
        echo "License: public domain (Creative Commons Public Domain Dedication / Certification,"
        echo "  as stated in the package's copyright file, copied at the end of this file)."
        echo
        echo "Counts:"
        cat "$work"/select-counts.txt "$work"/render-counts.txt "$work"/filter-counts.txt \
            "$work"/lineart-counts.txt | sed 's/^/  /'
        echo "  train_pages $(find "$out/train/color" -name '*.png' | wc -l)" \
            "(with line-art B/W: $(find "$out/train/bw" -name '*.png' | wc -l))"
        echo "  validation_pages $(find "$out/validation/color" -name '*.png' | wc -l)" \
            "(with line-art B/W: $(find "$out/validation/bw" -name '*.png' | wc -l))"
        echo
        echo "Settings: seed $seed, line-art share $line_art_share, render size $render_size," \
            "validation $validation_percent % of source files"
        echo "Pages without a bw/ file get their B/W input from the core's mangaize() at training."
        for list in "${extra_lists[@]}"; do
            echo
            echo "Extra drawings: $list ($(wc -l < "$list") drawings)"
            cat "$(dirname "$list")/SOURCES.txt"
        done
        echo
        echo "---- /usr/share/doc/$package/copyright ----"
        cat "$copyright"
    } > "$out/SOURCES.txt"
}

stage_compose() {
    list_page_drawings > "$work/pages-all.tsv"
    compose_split train "$train_pages" train
    compose_split validation "$validation_pages" validation
    write_sample_page
    write_sources
}

total_start=$SECONDS
run_stage fetch
run_stage select
run_stage render
run_stage filter
run_stage lineart
# Pages depend on the command-line settings too: always check them (finished pages are kept).
forget_stages compose
run_stage compose
note "done in $((SECONDS - total_start)) s: $out"
