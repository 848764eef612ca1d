#!/bin/sh
# Regenerates docs/pictures/*.png and *.gif (the README's pictures) with the release build.
set -e
cd "$(dirname "$0")/.."
swift build -c release --product jumpy
"$(swift build -c release --show-bin-path)/jumpy" docs/pictures/pictures.jumpy
ls -l docs/pictures
