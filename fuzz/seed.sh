#!/bin/sh
# Seeds the pipeline target's corpus from the test fixtures and the bundled
# timeline. Run from the repository root: fuzz/seed.sh
set -eu
corpus=fuzz/corpus/pipeline
mkdir -p "$corpus"
find tests/fixtures timelines -type f -name '*.toml' | while read -r f; do
    cp "$f" "$corpus/$(echo "$f" | tr '/' '_')"
done
echo "seeded $(ls "$corpus" | wc -l) inputs into $corpus"
