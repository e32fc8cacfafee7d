#!/usr/bin/env bash
# Measures `pedigree hash` throughput on a synthetic model of at least 2 GiB beside sha256sum
# over the same files. The files are read once first so that every run reads from the page
# cache; each figure is the best of three runs.
set -euo pipefail
cd "$(dirname "$0")/../.."

model="${1:-${TMPDIR:-/tmp}/pedigree-bench-hash}"
gib="${GIB:-2}"
[ -f "$model/model.safetensors.index.json" ] || python3 scripts/bench/make_synthetic_model.py "$model" --gib "$gib"
swift build -c release --product pedigree >/dev/null
pedigree=.build/release/pedigree
bytes=$(cat "$model"/*.safetensors | wc -c)
cat "$model"/*.safetensors > /dev/null

best_of_three() {
    local best=""
    for _ in 1 2 3; do
        local start end elapsed
        start=$(date +%s.%N)
        "$@" > /dev/null
        end=$(date +%s.%N)
        elapsed=$(echo "$end - $start" | bc -l)
        if [ -z "$best" ] || (( $(echo "$elapsed < $best" | bc -l) )); then best=$elapsed; fi
    done
    echo "$best"
}

report() {
    local label=$1 seconds=$2
    printf '| %-44s | %6.2f s | %7.0f MB/s |\n' "$label" "$seconds" "$(echo "$bytes / $seconds / 1000000" | bc -l)"
}

echo "model: $model, $(echo "$bytes / 1000000" | bc) MB in $(ls "$model"/*.safetensors | wc -l) files, $(nproc) cores"
echo "| command | time | throughput |"
echo "|---|---:|---:|"
report "sha256sum (one file at a time)" "$(best_of_three sha256sum "$model"/*.safetensors)"
report "sha256sum, one process per core (xargs -P $(nproc))" "$(best_of_three sh -c "ls $model/*.safetensors | xargs -P $(nproc) -n 1 sha256sum")"
report "pedigree hash --threads 1" "$(best_of_three "$pedigree" hash "$model" --threads 1)"
report "pedigree hash (all cores)" "$(best_of_three "$pedigree" hash "$model")"
report "pedigree hash --files --threads 1" "$(best_of_three "$pedigree" hash "$model" --files --threads 1)"
report "pedigree hash --files (all cores)" "$(best_of_three "$pedigree" hash "$model" --files)"
