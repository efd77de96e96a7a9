#!/usr/bin/env bash
# Configure (once) and build the project where the toolchain is: build/ (release, everything),
# build-sanitize/ (the library and its tests under AddressSanitizer + UndefinedBehaviorSanitizer)
# and build-fuzz/ (the model-file fuzzer, with clang). `build.sh main` builds build/ alone.
# With COLORIZE_MANGA_ROOT=testing the folders are build-testing/ and so on (lib.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

# The sanitized builds leave out the plug-in: GIMP loads it into its own, unsanitized process.
sanitized=(-Dplugin=disabled -Dbuildtype=debugoptimized -Db_sanitize=address,undefined
    -Db_lundef=false)

setup() {
    local dir=$1
    shift
    [ -f "$dir/build.ninja" ] && return
    say "configuring $dir/"
    run_in_toolchain "$@" >/dev/null
}

main=$(build_dir) sanitize=$(build_dir sanitize) fuzz=$(build_dir fuzz)
setup "$main" meson setup "$main"
say "building $main/ (the first build takes several minutes: LibTorch headers are heavy)"
run_in_toolchain meson compile -C "$main"
[ "${1:-all}" = main ] && exit 0

setup "$sanitize" meson setup "$sanitize" "${sanitized[@]}"
setup "$fuzz" env CXX=clang++ meson setup "$fuzz" "${sanitized[@]}" -Dtests=disabled \
    -Dfuzzer=enabled -Dcpp_args=-fsanitize=fuzzer-no-link
say "building the sanitized library, its tests and the fuzzer"
run_in_toolchain meson compile -C "$sanitize"
run_in_toolchain meson compile -C "$fuzz"
