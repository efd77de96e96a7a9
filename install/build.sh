#!/usr/bin/env bash
# Configure (once) and build the project in build/, where the toolchain is.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

if [ ! -f build/build.ninja ]; then
    say "configuring build/"
    run_in_toolchain meson setup build >/dev/null
fi
say "building (the first build takes several minutes: LibTorch headers are heavy)"
run_in_toolchain meson compile -C build
