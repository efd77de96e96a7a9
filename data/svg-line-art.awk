# svg-line-art.awk: rewrites an SVG so that it draws only its ink, as a manga artist's line art
# before colouring: usage `awk -f svg-line-art.awk in.svg > out.svg`, then render out.svg.
#
# Works on the text of each tag (records end at ">"), on both `style="fill:...;"` properties,
# CSS rules and `fill="..."` attributes:
#   fill   dark colours (luma < 0.15) become black (outlines drawn as filled shapes, solid
#          blacks; dark reds and blues stay white, as a manga would tone them),
#          other colours and gradients become white (they still hide what is behind them),
#          mostly transparent fills (opacity < 0.5: shadows, highlights) disappear;
#   stroke every visible stroke becomes black, except near-white or mostly transparent ones,
#          which disappear;
#   filter blurs and other filters are removed.
# Paints it does not understand (currentColor, inherit, ...) are left as they are.
BEGIN {
    RS = ">"
    init_named_colors()
    have_previous = 0
}

{
    # Every record but the last one was ended by ">"; the last is whatever followed the last tag.
    if (have_previous) printf "%s>", previous
    previous = rewrite_tag($0)
    have_previous = 1
}

END {
    if (have_previous) printf "%s", previous
}

function rewrite_tag(tag,    opacity) {
    opacity = number_property(tag, "opacity")
    tag = rewrite_paint(tag, "fill", opacity * number_property(tag, "fill-opacity"), 1)
    tag = rewrite_paint(tag, "stroke", opacity * number_property(tag, "stroke-opacity"), 0)
    gsub(/filter[ \t]*:[ \t]*url\([^)]*\)/, "filter:none", tag)
    gsub(/filter[ \t]*=[ \t]*"url\([^)]*\)"/, "filter=\"none\"", tag)
    return tag
}

# True when `prefix` ends inside a longer name (fill-opacity, inkscape:fill, ...).
function continues_name(prefix) {
    return prefix != "" && substr(prefix, length(prefix), 1) ~ /[-A-Za-z_:]/
}

# The number given to property or attribute `name` in `tag`, 1 when absent.
function number_property(tag, name,    re, rest, token) {
    re = name "[ \t\n]*[:=][ \t\n]*[\"']?[ \t\n]*[0-9.]+"
    rest = tag
    while (match(rest, re)) {
        token = substr(rest, RSTART, RLENGTH)
        if (!continues_name(substr(rest, 1, RSTART - 1))) {
            sub(/^[^0-9.]*/, "", token)
            return token + 0
        }
        rest = substr(rest, RSTART + RLENGTH)
    }
    return 1
}

# Replaces every value of paint property or attribute `name` (fill or stroke) in `tag`.
function rewrite_paint(tag, name, alpha, is_fill,    re, out, before, token, head, value) {
    re = name "[ \t\n]*[:=][ \t\n]*[\"']?[^;\"'}<>]*"
    out = ""
    while (match(tag, re)) {
        before = substr(tag, 1, RSTART - 1)
        token = substr(tag, RSTART, RLENGTH)
        tag = substr(tag, RSTART + RLENGTH)
        if (continues_name(before)) {
            out = out before token
            continue
        }
        match(token, /[:=][ \t\n]*["']?/)
        head = substr(token, 1, RSTART + RLENGTH - 1)
        value = substr(token, RSTART + RLENGTH)
        value = is_fill ? line_art_fill(value, alpha) : line_art_stroke(value, alpha)
        out = out before head value
    }
    return out tag
}

function trimmed_lower(value) {
    value = tolower(value)
    sub(/!important/, "", value)
    gsub(/^[ \t\n]+|[ \t\n]+$/, "", value)
    return value
}

function line_art_fill(value, alpha,    paint, luma) {
    paint = trimmed_lower(value)
    if (paint == "none" || paint == "") return value
    if (alpha < 0.5) return "none"
    if (paint ~ /^url/) return "#ffffff"
    luma = color_luma(paint)
    if (luma < 0) return value
    return luma < 0.15 ? "#000000" : "#ffffff"
}

function line_art_stroke(value, alpha,    paint, luma) {
    paint = trimmed_lower(value)
    if (paint == "none" || paint == "") return value
    if (alpha < 0.3) return "none"
    if (paint ~ /^url/) return "#000000"
    luma = color_luma(paint)
    if (luma < 0) return value
    return luma > 0.85 ? "none" : "#000000"
}

# Luma in [0, 1] of a CSS colour: #rgb, #rrggbb, rgb(...) or a common name; -1 if unknown.
function color_luma(paint,    digits, parts, n, i, v, rgb) {
    if (paint ~ /^#[0-9a-f][0-9a-f][0-9a-f]$/) {
        return luma_of(hex(substr(paint, 2, 1)) * 17, hex(substr(paint, 3, 1)) * 17,
                       hex(substr(paint, 4, 1)) * 17)
    }
    if (paint ~ /^#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]/) {
        return luma_of(hex(substr(paint, 2, 2)), hex(substr(paint, 4, 2)), hex(substr(paint, 6, 2)))
    }
    if (paint ~ /^rgb\(/) {
        digits = paint
        gsub(/^rgb\(|\).*$/, "", digits)
        n = split(digits, parts, ",")
        if (n != 3) return -1
        for (i = 1; i <= 3; i++) {
            v = parts[i]
            rgb[i] = (v ~ /%/) ? (v + 0) * 2.55 : v + 0
        }
        return luma_of(rgb[1], rgb[2], rgb[3])
    }
    if (paint in named_luma) return named_luma[paint]
    return -1
}

function luma_of(r, g, b) {
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255
}

function hex(digits,    i, value) {
    value = 0
    for (i = 1; i <= length(digits); i++) {
        value = value * 16 + index("0123456789abcdef", substr(digits, i, 1)) - 1
    }
    return value
}

# Named colours seen in clip art; the rest of the CSS names count as unknown.
function init_named_colors() {
    named_luma["black"] = 0
    named_luma["white"] = 1
    named_luma["red"] = luma_of(255, 0, 0)
    named_luma["green"] = luma_of(0, 128, 0)
    named_luma["blue"] = luma_of(0, 0, 255)
    named_luma["yellow"] = luma_of(255, 255, 0)
    named_luma["gray"] = luma_of(128, 128, 128)
    named_luma["grey"] = luma_of(128, 128, 128)
    named_luma["silver"] = luma_of(192, 192, 192)
    named_luma["maroon"] = luma_of(128, 0, 0)
    named_luma["navy"] = luma_of(0, 0, 128)
    named_luma["purple"] = luma_of(128, 0, 128)
    named_luma["orange"] = luma_of(255, 165, 0)
    named_luma["brown"] = luma_of(165, 42, 42)
    named_luma["pink"] = luma_of(255, 192, 203)
}
