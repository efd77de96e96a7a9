#!/usr/bin/env bash
# The README's first command: install everything, build, and colorize a sample page.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

"$PROJECT_DIR/install/deps.sh"
"$PROJECT_DIR/install/build.sh" main

model=models/default.mcm
sample=samples/sample-page-gray.png
if [ ! -f "$model" ]; then
    say "built and ready, but the default model is not trained yet (models/default.mcm is missing)"
    run=""
    host_has_native_packages || run="install/in-root.sh "
    echo "Colorize with a model of your own:  ${run}build/core/mangacolor colorize PAGE -o out/ --model FILE"
    exit 0
fi
mkdir -p out
run_in_toolchain build/core/mangacolor colorize "$sample" -o out --model "$model"
say "colorized sample page: $PROJECT_DIR/out/$(basename "$sample")"
