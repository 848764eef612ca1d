#!/bin/sh
# Regenerates docs/pictures/*.png and *.gif (the README's pictures) with the release build.
set -e
cd "$(dirname "$0")/.."
# The flags of the Makefile's build, so this reuses `make run`'s or `make test`'s build.
swift build -c release --build-tests -Xswiftc -enable-testing
"$(swift build -c release --show-bin-path)/jumpy" --threads 1 docs/pictures/pictures.jumpy
ls -l docs/pictures
