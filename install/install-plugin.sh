#!/usr/bin/env bash
# Install the built plug-in (and the default model) for the current user, or system-wide:
#   install/install-plugin.sh          -> $GIMP3_DIRECTORY or ~/.config/GIMP/3.0
#   install/install-plugin.sh --system -> meson install (GIMP's own plug-in folder)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

name=colorize-manga
[ -x "build/plugin/$name" ] || die "build the plug-in first: install/build.sh"
if [ "${1:-}" = --system ]; then
    run_in_toolchain meson install -C build
    exit 0
fi
# The plug-in links LibTorch 2.6 and GIMP 3: it runs only where those are, i.e. natively on
# Debian 13+, not on the host of a build root.
host_has_native_packages ||
    say "note: this host has no GIMP 3; the plug-in is installed but only GIMP 3 on Debian 13+ can run it"
config=${GIMP3_DIRECTORY:-$HOME/.config/GIMP/3.0}
mkdir -p "$config/plug-ins/$name" "$config/$name/models"
install -m 755 "build/plugin/$name" "$config/plug-ins/$name/$name"
[ -f models/default.mcm ] && install -m 644 models/default.mcm "$config/$name/models/default.mcm"
say "installed $config/plug-ins/$name/$name; restart GIMP and look in Filters > Artistic"
