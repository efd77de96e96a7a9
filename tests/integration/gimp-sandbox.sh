# Sourced by the scripts here: a throw-away GIMP 3 setup that sees the built plug-in.
# shellcheck shell=bash

# Skips the calling test (exit 77) when GIMP 3 is not installed.
require_gimp() {
    if ! command -v "$1" >/dev/null; then
        echo "SKIP: $1 is not installed"
        exit 77
    fi
}

# For the scripts that drive gimp-3's windows: skips without GIMP 3, Xvfb or TOOL...
require_gui() {
    local tool
    for tool in gimp-3 xvfb-run "$@"; do require_gimp "$tool"; done
}

# The model the plug-in uses as its default in the GIMP started next.
use_default_model() {
    export COLORIZE_MANGA_MODEL
    COLORIZE_MANGA_MODEL=$(realpath "$1")
}

# make_gimp_sandbox PLUGIN_EXE [SYSTEM_PLUG_IN...]
# Makes a temporary HOME and GIMP3_DIRECTORY (removed on exit) and a plug-in folder holding the
# built plug-in and the named system plug-ins (always Script-Fu, which runs batch commands);
# leaving out all others makes GIMP start in seconds. Sets $sandbox to the temporary folder.
make_gimp_sandbox() {
    local plugin_exe system_plugins name
    plugin_exe=$(realpath "$1")
    shift
    sandbox=$(mktemp -d)
    [ -n "${KEEP_SANDBOX:-}" ] || trap 'rm -rf "$sandbox"' EXIT
    export HOME=$sandbox/home GIMP3_DIRECTORY=$sandbox/gimp
    mkdir -p "$HOME" "$sandbox/plug-ins/colorize-manga"

    # GIMP loads a plug-in only from a folder of its own name.
    ln -s "$plugin_exe" "$sandbox/plug-ins/colorize-manga/colorize-manga"
    system_plugins=${GIMP_SYSTEM_PLUGIN_DIR:-$(pkg-config --variable=gimplibdir gimp-3.0)/plug-ins}
    for name in script-fu "$@"; do
        ln -s "$system_plugins/$name" "$sandbox/plug-ins/$name"
    done
    export GIMP_TESTING_PLUGINDIRS=$sandbox/plug-ins
}
