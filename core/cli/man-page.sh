#!/bin/sh
# Writes mangacolor(1) from the tool's own help texts, so the manual never drifts from --help.
# usage: man-page.sh MANGACOLOR VERSION > mangacolor.1
set -eu
tool=$1 version=$2

# Help text as roff: a literal block, with backslashes and leading dots or quotes escaped.
literal() {
    printf '.nf\n'
    sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
    printf '.fi\n'
}

cat <<HEAD
.TH MANGACOLOR 1 "" "colorize-manga $version" "User Commands"
.SH NAME
mangacolor \\- colorize black-and-white manga pages, train and fine-tune the model
.SH SYNOPSIS
.B mangacolor
.I COMMAND
[\\fIoptions\\fR]
.SH DESCRIPTION
Colorizes B/W manga pages (gray, screentone or line art) with a pix2pix network on the CPU or on
CUDA, keeping the page's own lightness; trains the model and fine-tunes it on pages you have
colored. The same engine runs the GIMP 3 plug-in
.BR "Filters > Colorize Manga" .
With no
.BR \\-\\-model ,
the model that
.B COLORIZE_MANGA_MODEL
names is used, else the default model installed with the tool.
.SH COMMANDS
HEAD
"$tool" --help | sed 1,2d | literal
for command in $("$tool" --help | awk 'NR > 2 && NF { print $1 }'); do
    printf '.SS %s\n' "$command"
    "$tool" "$command" --help | literal
done
cat <<'TAIL'
.SH ENVIRONMENT
.TP
.B COLORIZE_MANGA_MODEL
the model file to use when no \fB\-\-model\fR is given.
.SH EXIT STATUS
0 on success, 1 when some pages failed, 2 for a usage error, 3 for any other error, 130 when
cancelled.
.SH SEE ALSO
.BR gimp (1)
TAIL
