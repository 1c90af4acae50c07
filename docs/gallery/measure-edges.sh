#!/usr/bin/env bash
# The gallery's frame measure (issue #20; docs/gallery/EDGES.md): for each picture in docs/gallery, EdgeBands.java
# against its content photo. With arguments, measures those pictures instead: the content is found from the name
# (CONTENT-STYLE.EXT, or the feature pictures' names). Run from the repository root: bash docs/gallery/measure-edges.sh
set -euo pipefail
samples=src/main/resources/samples
pictures=("$@")
if [ ${#pictures[@]} -eq 0 ]; then
  pictures=(docs/gallery/*.jpg)
fi
pairs=()
for picture in "${pictures[@]}"; do
  name=$(basename "$picture")
  name=${name#original-colors-}
  name=${name#blend-}
  name=${name#coarse-to-fine-}
  content=$(ls "$samples/${name%%-*}".* 2>/dev/null | head -1)
  if [ -z "$content" ]; then
    echo "measure-edges: no content sample for $picture" >&2
    exit 2
  fi
  pairs+=("$picture" "$content")
done
java docs/gallery/EdgeBands.java "${pairs[@]}"
