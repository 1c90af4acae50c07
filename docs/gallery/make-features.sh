#!/usr/bin/env bash
# The gallery's feature pictures (docs/gallery/README.md, "Features"): original colours, a two-style blend and a
# coarse-to-fine 1024 px render, each with its command line. Run from the repository root.
set -euo pipefail
s=src/main/resources/samples
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bin/stylecast render --content $s/chelsea.png --style $s/ihc.png --original-colors \
    --width 384 --iterations 500 --save-every 500 --format jpg --output "$out/colors"
cp "$out/colors/final.jpg" docs/gallery/original-colors-chelsea-ihc.jpg
bin/stylecast render --content $s/coffee.png --style $s/ihc.png --style $s/hubble_deep_field.jpg --style-blend 0.5,0.5 \
    --width 384 --iterations 500 --save-every 500 --format jpg --output "$out/blend"
cp "$out/blend/final.jpg" docs/gallery/blend-coffee-ihc-hubble_deep_field.jpg
bin/stylecast render --content $s/rocket.jpg --style $s/ihc.png --scales 256,512,1024 --iterations 300,150,50 \
    --save-every 1000 --format jpg --output "$out/fine"
cp "$out/fine/final.jpg" docs/gallery/coarse-to-fine-rocket-ihc-1024.jpg
