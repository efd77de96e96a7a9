#!/usr/bin/env bash
# Inside a clean copy of a build root (install/in-clean-root.sh): installs the package, uses it
# from the system folders alone (the mangacolor tool, then the plug-in's batch procedure through
# gimp-console-3), removes it and checks that nothing is left. One line per check.
# usage: installed.sh PACKAGE.deb PAGE.png
set -uo pipefail
deb=$1 page=$2
failed=0
check() {
    local what=$1
    shift
    if "$@" >/tmp/check.log 2>&1; then echo "ok:   $what"; else
        echo "FAIL: $what"; sed 's/^/      /' /tmp/check.log | tail -20; failed=1; fi
}
# Every file and folder of the system, but for those that change on any apt run, hold this
# run's own files, or are Python's byte code of GIMP's own Python plug-ins, which GIMP writes
# when it starts.
system_files() {
    find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /tmp -o -path /srv/input \
        -o -path /var/lib/dpkg -o -path /var/lib/apt -o -path /var/cache -o -path /var/log \
        -o -path /root -o -name __pycache__ \) -prune -o -print | sort
}
in_color() { # mangacolor copies a page that is already in color instead of colorizing it
    mangacolor colorize "$1" -o /tmp/recheck >/tmp/recheck.log 2>&1
    cat /tmp/recheck.log
    grep -q "already in color" /tmp/recheck.log
}

system_files >/tmp/before
check "apt installs the package" apt-get install -y --no-install-recommends "./$deb"
plugin_dir=$(pkg-config --variable=gimplibdir gimp-3.0)/plug-ins/colorize-manga
check "the plug-in is in GIMP's system folder" test -x "$plugin_dir/colorize-manga"
check "the default model is installed" test -s /usr/share/colorize-manga/models/default.mcm
check "mangacolor(1) is installed" test -s /usr/share/man/man1/mangacolor.1.gz
check "no file of the build tree is reachable" test ! -e /work/main/models/default.mcm

mkdir -p /tmp/pages /tmp/home /tmp/gimp
cp "$page" /tmp/pages/
check "mangacolor colorizes the page with the installed model" \
    mangacolor colorize /tmp/pages -o /tmp/cli-colored
check "its result is in color" in_color "/tmp/cli-colored/$(basename "$page")"
colorize_in_gimp() { # passes when the procedure reports 1 page colorized, 0 failed, 0 skipped
    env HOME=/tmp/home GIMP3_DIRECTORY=/tmp/gimp timeout 300 gimp-console-3 -i -n -d -f --quit \
        --batch-interpreter=plug-in-script-fu-eval -b \
        '(let ((counts (plug-in-colorize-manga-files #:run-mode RUN-NONINTERACTIVE
                                                     #:input-folder "/tmp/pages"
                                                     #:output-folder "/tmp/gimp-colored")))
           (display (if (equal? counts (list 1 0 0)) "PAGE COLORIZED" counts)) (newline))' \
        >/tmp/gimp.log 2>&1
    cat /tmp/gimp.log
    grep -q "^PAGE COLORIZED" /tmp/gimp.log
}
check "gimp-console-3 runs the batch procedure on the page" colorize_in_gimp
# pluginrc names GIMP's own plug-in folder ${gimp_plug_in_dir}, the user's ${gimp_dir}.
check "GIMP ran the plug-in from its system folder" grep -qF \
    '(plug-in-def "${gimp_plug_in_dir}/plug-ins/colorize-manga/colorize-manga"' /tmp/gimp/pluginrc
check "the page GIMP colorized is in color" in_color "/tmp/gimp-colored/$(basename "$page")"

check "apt removes the package" apt-get purge -y gimp-plugin-colorize-manga
check "dpkg knows it no more" bash -c '! dpkg -s gimp-plugin-colorize-manga'
system_files >/tmp/after
check "nothing is left behind or changed in the system's files" diff /tmp/before /tmp/after
exit "$failed"
