#!/bin/sh
# Regenerates the gallery, docs/pictures/*.png and *.gif (docs/pictures/README.md shows them;
# the README's three pictures are among them), with the release build. About 10 seconds.
set -e
cd "$(dirname "$0")/.."
# The flags of the Makefile's build, so this reuses `make run`'s or `make test`'s build.
swift build -c release --build-tests -Xswiftc -enable-testing
"$(swift build -c release --show-bin-path)/jumpy" --threads 1 docs/pictures/pictures.jumpy > /dev/null
ls -l docs/pictures
