#!/usr/bin/env bash
# Renders the gallery: the built-in content samples in the built-in styles with the default network
# and its defaults, 384 px wide, 500 iterations. Run from the repository root: bash docs/gallery/make.sh
set -euo pipefail
samples=src/main/resources/samples
for content in astronaut chelsea coffee rocket; do
  for style in hubble_deep_field ihc starry_night; do
    c=$(ls $samples/$content.* | head -1)
    s=$(ls $samples/$style.* | head -1)
    out=$(mktemp -d)
    bin/stylecast render --content "$c" --style "$s" --width 384 --iterations 500 --save-every 500 \
      --format jpg --output "$out"
    mv "$out/final.jpg" "docs/gallery/$content-$style.jpg"
    rm -rf "$out"
  done
done
