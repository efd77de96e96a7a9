#!/usr/bin/env bash
# The mangacolor command as scripts use it: exit codes, help, per-page failures in a batch,
# colour hints and pages already in colour.
#   test-cli.sh PATH/TO/mangacolor PATH/TO/hint-fixture DEFAULT_MODEL.mcm
set -uo pipefail
mangacolor=$1
hint_fixture=$2
default_model=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# expect CODE DESCRIPTION COMMAND...: the command must exit with CODE.
expect() {
    local want=$1 what=$2
    shift 2
    "$@" >"$work/out" 2>&1
    local got=$?
    if [ "$got" = "$want" ]; then
        echo "ok: $what"
    else
        echo "FAIL: $what: exit $got, expected $want"; sed 's/^/    /' "$work/out"
        failures=$((failures + 1))
    fi
}

# expect_file PATH DESCRIPTION
expect_file() {
    if [ -s "$1" ]; then echo "ok: $2"; else echo "FAIL: $2 ($1 missing)"; failures=$((failures + 1)); fi
}

expect 0 "overview help" "$mangacolor" --help
expect 2 "no command is a usage error" "$mangacolor"
expect 2 "unknown command" "$mangacolor" frobnicate
expect 0 "colorize --help" "$mangacolor" colorize --help
expect 2 "unknown option" "$mangacolor" colorize --frobnicate x -o "$work/out"
expect 2 "missing -o" "$mangacolor" colorize page.png
expect 2 "bad number" "$mangacolor" colorize page.png -o "$work/o" --tile lots

expect 0 "init-model" "$mangacolor" init-model "$work/m.mcm" --set base_width=4 --set depth=2 \
    --set latent_width=8 --set page_long_side=64
expect 0 "info" "$mangacolor" info "$work/m.mcm"
grep -q "base_width=4" "$work/out" && grep -q "depth=2" "$work/out" && echo "ok: every --set applied" ||
    { echo "FAIL: info does not show the --set values"; failures=$((failures + 1)); }
expect 2 "bad setting" "$mangacolor" init-model "$work/x.mcm" --set activation=sigmoidish
# blend: two models of the same settings, weight by weight; other settings are refused.
expect 0 "init-model seed 2" "$mangacolor" init-model "$work/m2.mcm" --set base_width=4 --set depth=2 \
    --set latent_width=8 --set page_long_side=64 --seed 2
expect 0 "blend" "$mangacolor" blend "$work/m.mcm" "$work/m2.mcm" --weight 0.3 -o "$work/b.mcm"
"$mangacolor" info "$work/b.mcm" >"$work/out" 2>&1
grep -q "blended_from=untrained (0 steps), weight 0.70" "$work/out" && echo "ok: blend names its start" ||
    { echo "FAIL: blend metadata"; sed 's/^/    /' "$work/out"; failures=$((failures + 1)); }
# A wider continued model blends with its start widened; one of another depth is refused.
expect 0 "init-model wider" "$mangacolor" init-model "$work/w.mcm" --set base_width=8 --set depth=2 \
    --set latent_width=8 --set page_long_side=64
expect 0 "blend widens a narrower start" "$mangacolor" blend "$work/m.mcm" "$work/w.mcm" -o "$work/bw.mcm"
"$mangacolor" info "$work/bw.mcm" 2>&1 | grep -q "base_width=8" && echo "ok: the blend is as wide as the continued model" ||
    { echo "FAIL: widened blend's settings"; failures=$((failures + 1)); }
expect 0 "init-model deeper" "$mangacolor" init-model "$work/d.mcm" --set base_width=4 --set depth=3 \
    --set latent_width=8 --set page_long_side=64
expect 3 "blend refuses other settings" "$mangacolor" blend "$work/m.mcm" "$work/d.mcm" -o "$work/bd.mcm"
[ ! -e "$work/bd.mcm" ] && echo "ok: nothing written for a refused blend" ||
    { echo "FAIL: a refused blend wrote a file"; failures=$((failures + 1)); }
# set: settings that need no other weights change on a trained model; the rest are refused.
expect 0 "init-model lab-classes" "$mangacolor" init-model "$work/c.mcm" --set base_width=4 \
    --set depth=2 --set latent_width=8 --set page_long_side=64 --set output_head=lab-classes
expect 0 "set chroma_temperature" "$mangacolor" set "$work/c.mcm" --set chroma_temperature=0.7 \
    -o "$work/c7.mcm"
"$mangacolor" info "$work/c7.mcm" >"$work/out" 2>&1
grep -q "chroma_temperature=0.70" "$work/out" && grep -q "output_head=lab-classes" "$work/out" &&
    echo "ok: set writes the new temperature, the rest as it was" ||
    { echo "FAIL: set did not apply"; sed 's/^/    /' "$work/out"; failures=$((failures + 1)); }
expect 2 "set refuses a setting that needs other weights" "$mangacolor" set "$work/c.mcm" \
    --set base_width=8 -o "$work/c8.mcm"
[ ! -e "$work/c8.mcm" ] && echo "ok: nothing written for a refused set" ||
    { echo "FAIL: a refused set wrote a file"; failures=$((failures + 1)); }
expect 2 "set refuses a temperature out of range" "$mangacolor" set "$work/c.mcm" \
    --set chroma_temperature=2 -o "$work/c9.mcm"
expect 0 "set chroma_gain" "$mangacolor" set "$work/c.mcm" --set chroma_gain=1.5 -o "$work/g.mcm"
"$mangacolor" info "$work/g.mcm" >"$work/out" 2>&1
grep -q "chroma_gain=1.50" "$work/out" && echo "ok: set writes the new chroma gain" ||
    { echo "FAIL: set chroma_gain"; sed 's/^/    /' "$work/out"; failures=$((failures + 1)); }
printf 'garbage' >"$work/broken.mcm"
expect 3 "broken model" "$mangacolor" info "$work/broken.mcm"
grep -q "broken.mcm" "$work/out" && echo "ok: the error names the file" ||
    { echo "FAIL: the error does not name the file"; failures=$((failures + 1)); }

# A chapter folder with one broken page: the others are written, the exit code says 1.
mkdir -p "$work/chapter"
printf 'P2\n4 4\n255\n0 255 0 255\n255 0 255 0\n0 255 0 255\n255 0 255 0\n' >"$work/chapter/p1.pgm"
cp "$work/chapter/p1.pgm" "$work/chapter/p3.pgm"
printf 'not an image' >"$work/chapter/p2.png"
expect 1 "batch with a broken page" "$mangacolor" colorize "$work/chapter" -o "$work/colored" \
    --model "$work/m.mcm"
expect_file "$work/colored/p1.png" "page before the broken one written"
expect_file "$work/colored/p3.png" "page after the broken one written"
expect 3 "missing model" "$mangacolor" colorize "$work/chapter/p1.pgm" -o "$work/c2" --model "$work/none.mcm"
expect 0 "colorize without flat fill" "$mangacolor" colorize "$work/chapter/p1.pgm" -o "$work/raw" \
    --model "$work/m.mcm" --no-flat
expect_file "$work/raw/p1.png" "page colorized with --no-flat"

# Colour hints (with the shipped model): a red dot and a blue dot make their boxes red and blue.
mkdir -p "$work/hints" "$work/hinted"
"$hint_fixture" make "$work/hints"
expect 0 "colorize with --hints" "$mangacolor" colorize "$work/hints/page.png" \
    --hints "$work/hints/hints.png" -o "$work/hinted" --model "$default_model"
expect 0 "the hinted boxes take their hints' colors" "$hint_fixture" check "$work/hinted/page.png"
expect 0 "colorize without hints" "$mangacolor" colorize "$work/hints/page.png" \
    -o "$work/raw-hints" --model "$default_model"
expect 1 "without hints the boxes are not red and blue" "$hint_fixture" check "$work/raw-hints/page.png"
expect 0 "hints with no opaque pixel are no hints" "$mangacolor" colorize "$work/hints/page.png" \
    --hints "$work/hints/hints-clear.png" -o "$work/clear" --model "$default_model"
expect 0 "the same page as without hints" "$hint_fixture" same "$work/clear/page.png" \
    "$work/raw-hints/page.png"
expect 1 "hints of another size" "$mangacolor" colorize "$work/hints/page.png" \
    --hints "$work/hints/hints-small.png" -o "$work/small" --model "$default_model"
grep -q "100 x 50" "$work/out" && grep -q "300 x 160" "$work/out" &&
    echo "ok: the error names both sizes" ||
    { echo "FAIL: size error"; sed 's/^/    /' "$work/out"; failures=$((failures + 1)); }
expect 2 "--hints with two pages" "$mangacolor" colorize "$work/hints/page.png" \
    "$work/hints/color-page.png" --hints "$work/hints/hints.png" -o "$work/x" --model "$default_model"
expect 2 "--hints and --hints-dir" "$mangacolor" colorize "$work/hints/page.png" \
    --hints "$work/hints/hints.png" --hints-dir "$work/hints" -o "$work/x" --model "$default_model"
# --hints-dir matches by name: a chapter folder with page.png and a colour page.
mkdir -p "$work/chapter-2" "$work/chapter-2-hints"
cp "$work/hints/page.png" "$work/hints/color-page.png" "$work/chapter-2/"
cp "$work/hints/hints.png" "$work/chapter-2-hints/page.png"
expect 0 "colorize a folder with --hints-dir" "$mangacolor" colorize "$work/chapter-2" \
    --hints-dir "$work/chapter-2-hints" -o "$work/chapter-2-out" --model "$default_model"
grep -q "already in color" "$work/out" && echo "ok: the colour page is reported as skipped" ||
    { echo "FAIL: no skip report"; sed 's/^/    /' "$work/out"; failures=$((failures + 1)); }
expect 0 "the hinted page of the folder" "$hint_fixture" check "$work/chapter-2-out/page.png"
expect 0 "the colour page is copied unchanged" "$hint_fixture" same \
    "$work/chapter-2-out/color-page.png" "$work/hints/color-page.png"
expect 0 "--recolor colorizes colour pages too" "$mangacolor" colorize "$work/chapter-2/color-page.png" \
    --recolor -o "$work/recolored" --model "$default_model"
expect 1 "--recolor changed the colour page" "$hint_fixture" same \
    "$work/recolored/color-page.png" "$work/hints/color-page.png"

# ablate: every listed variant trains on the same pages and gets a row with its numbers.
mkdir -p "$work/colored-pages"
for i in 1 2 3 4; do
    { printf 'P3\n8 8\n255\n'; for p in $(seq 64); do printf '%d 40 %d\n' $((p * 3 + i * 20)) $((255 - p * 3)); done; } \
        >"$work/colored-pages/p$i.ppm"
done
expect 0 "ablate" "$mangacolor" ablate "$work/colored-pages" --steps 3 --batch 2 --crop 32 \
    --set depth=2 --set base_width=4 --set latent_width=8 --set disc_width=4 --set page_long_side=64 \
    --only "baseline (defaults)" --only "palette output (softmax)"
rows=$(grep -cE '^(baseline|palette).* [0-9.]+ +[0-9.]+ +[0-9]+$' "$work/out")
[ "$rows" = 2 ] && echo "ok: ablate prints a row per variant" ||
    { echo "FAIL: ablate printed $rows rows"; sed 's/^/    /' "$work/out"; failures=$((failures + 1)); }

# eval: a row of figures per kind of B/W input, the same figures on a second run.
expect 0 "eval per input kind" "$mangacolor" eval "$work/colored-pages" --model "$work/m.mcm" \
    --kinds gray,screentone,line-art,flat-tones
grep -E '^(gray|screentone|line-art|flat-tones) +4( +[0-9.]+){8}$' "$work/out" >"$work/rows"
cp "$work/out" "$work/first"
[ "$(wc -l <"$work/rows")" = 4 ] && echo "ok: eval prints a row per kind" ||
    { echo "FAIL: eval rows"; sed 's/^/    /' "$work/out"; failures=$((failures + 1)); }
"$mangacolor" eval "$work/colored-pages" --model "$work/m.mcm" \
    --kinds gray,screentone,line-art,flat-tones >"$work/second" 2>&1
cmp -s "$work/first" "$work/second" && echo "ok: eval scores the same pages on every run" ||
    { echo "FAIL: eval differs between runs"; failures=$((failures + 1)); }
# eval --set decodes with another chroma_gain: on a model whose colors vary (large random
# weights), doubling it raises the gray row's chroma ratio (column 9) by half at least.
expect 0 "init-model with varied colors" "$mangacolor" init-model "$work/v.mcm" --set depth=2 \
    --set base_width=4 --set latent_width=8 --set init_std=0.2 --set page_long_side=64 --seed 3
for gain in 1 2; do
    "$mangacolor" eval "$work/colored-pages" --model "$work/v.mcm" --kinds gray --no-flat \
        --set chroma_gain=$gain >"$work/gain$gain" 2>&1
done
plain=$(awk '$1 == "gray" { print $9 }' "$work/gain1")
awk -v plain="$plain" '$1 == "gray" { exit !(plain > 0 && $9 > 1.5 * plain) }' "$work/gain2" &&
    echo "ok: eval --set chroma_gain=2 raises the chroma" ||
    { echo "FAIL: eval --set chroma_gain"; cat "$work/gain1" "$work/gain2" | sed 's/^/    /'
      failures=$((failures + 1)); }
expect 2 "eval --set refuses a setting that needs other weights" "$mangacolor" eval \
    "$work/colored-pages" --model "$work/m.mcm" --set base_width=8
expect 2 "eval with an unknown kind" "$mangacolor" eval "$work/colored-pages" --model "$work/m.mcm" \
    --kinds sepia

# print-bw: a B/W page of the asked kind for each colored page.
expect 0 "print-bw screentone" "$mangacolor" print-bw "$work/colored-pages" -o "$work/bw" --kind screentone
expect_file "$work/bw/p1.png" "print-bw writes NAME.png"
expect 2 "print-bw with an unknown kind" "$mangacolor" print-bw "$work/colored-pages" -o "$work/bw" \
    --kind sepia

# palette: the colored pages' palette goes into a copy of the model, with the strength and the
# chroma gain tried on the pages themselves; the model itself is left as it was.
cp "$work/m.mcm" "$work/m-before.mcm"
expect 0 "palette" "$mangacolor" palette "$work/m.mcm" "$work/colored-pages" -o "$work/pal.mcm"
if grep -q '^palette: [0-9]* colors' "$work/out" && cmp -s "$work/m.mcm" "$work/m-before.mcm" &&
    "$mangacolor" info "$work/pal.mcm" | grep -q '^palette (CIELAB, used at strength' &&
    "$mangacolor" info "$work/pal.mcm" | grep -q 'chroma_scores=1:'; then
    echo "ok: palette writes the colours and the chroma gains tried into the new model"
else
    echo "FAIL: palette"; sed 's/^/    /' "$work/out"; failures=$((failures + 1))
fi
expect 3 "palette of a folder without pages" "$mangacolor" palette "$work/m.mcm" "$work/bw/none" \
    -o "$work/pal2.mcm"
[ ! -e "$work/pal2.mcm" ] && echo "ok: nothing written without pages" ||
    { echo "FAIL: palette without pages wrote a file"; failures=$((failures + 1)); }
printf 'not an image' >"$work/colored-pages/p9.ppm"
expect 1 "palette with an unreadable page" "$mangacolor" palette "$work/m.mcm" \
    "$work/colored-pages" -o "$work/pal3.mcm"
grep -q "skipping .*p9.ppm" "$work/out" && [ -s "$work/pal3.mcm" ] &&
    echo "ok: the unreadable page is named and skipped, the model written" ||
    { echo "FAIL: palette with an unreadable page"; sed 's/^/    /' "$work/out"; failures=$((failures + 1)); }
rm "$work/colored-pages/p9.ppm"
expect 2 "palette without -o" "$mangacolor" palette "$work/m.mcm" "$work/colored-pages"

# SIGTERM (as Ctrl-C) stops training after the current step with the model saved, exit 130;
# the model is the weights' moving average asked for.
"$mangacolor" train "$work/colored-pages" -o "$work/stopped.mcm" --steps 1000000 --batch 2 \
    --average-weights 0.99 --crop 32 --set depth=2 --set base_width=4 --set latent_width=8 --set disc_width=4 \
    --set page_long_side=64 >"$work/out" 2>&1 &
trainer=$!
for _ in $(seq 100); do grep -q '\] [1-9]' "$work/out" && break; sleep 0.1; done
kill -TERM "$trainer"
status=0
wait "$trainer" || status=$?
if [ "$status" = 130 ] && "$mangacolor" info "$work/stopped.mcm" 2>&1 |
    grep -qx '  weight_average=0.9900' && [ -f "$work/stopped.mcm.ckpt" ]; then
    echo "ok: a stopped training run saves its model (the weights' average) and checkpoint"
else
    echo "FAIL: stopped training: exit $status, model or checkpoint missing"
    sed 's/^/    /' "$work/out"
    failures=$((failures + 1))
fi

echo "$failures failed"
[ "$failures" = 0 ]
