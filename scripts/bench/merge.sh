#!/usr/bin/env bash
# Measures `pedigree merge` on a synthetic Mistral-shaped family of about 310 million
# parameters per model (a base and four BF16 fine-tunes) with model_stock, `dtype: float32`
# and `out_dtype: bfloat16`, beside the I/O floor (reading every input byte once from the
# page cache, and writing the output once with fsync) and, when MERGEKIT names a
# mergekit-yaml executable (installed in a virtual environment outside the repository),
# mergekit 0.1.5 on the same inputs and config. Each figure is the best of three runs; peak
# RSS is that of the best run.
#
# It then checks that `--compat mergekit` gives mergekit's bytes: mergekit runs with one
# PyTorch thread (OMP_NUM_THREADS=1), because PyTorch splits sums of 32,768 or more
# elements across threads and rounds each part, while Pedigree reproduces the one-thread
# order.
set -euo pipefail
cd "$(dirname "$0")/../.."

work="${1:-${TMPDIR:-/tmp}/pedigree-bench-merge}"
mkdir -p "$work"
swift build -c release --product pedigree >/dev/null
pedigree="$PWD/.build/release/pedigree"
[ -f "$work/family/ft4/model.safetensors" ] || "$pedigree" synthesize "$work/family" --size benchmark --fine-tunes 4 >/dev/null
cd "$work"
cat > model_stock.yml <<'YAML'
merge_method: model_stock
base_model: ./family/base
models:
  - model: ./family/ft1
  - model: ./family/ft2
  - model: ./family/ft3
  - model: ./family/ft4
dtype: float32
out_dtype: bfloat16
YAML
grep -v dtype model_stock.yml > model_stock_bf16.yml
inputs="family/base/model.safetensors family/ft1/model.safetensors family/ft2/model.safetensors family/ft3/model.safetensors family/ft4/model.safetensors"
cat $inputs > /dev/null

# Runs "$@" three times; prints the best wall time and that run's peak RSS in MiB.
best_of_three() {
    local best="" rss=""
    for _ in 1 2 3; do
        rm -rf out
        /usr/bin/time -f "%e %M" -o time.txt "$@" > /dev/null 2>&1
        read -r elapsed kilobytes < time.txt
        if [ -z "$best" ] || (( $(echo "$elapsed < $best" | bc -l) )); then best=$elapsed; rss=$((kilobytes / 1024)); fi
    done
    echo "$best $rss"
}

row() {
    printf '| %-52s | %7.2f s | %6s MiB |\n' "$1" "$2" "$3"
}

echo "inputs: $(cat $inputs | wc -c | awk '{printf "%.0f", $1 / 1e6}') MB in 5 models, $(nproc) cores"
echo "| command | wall time | peak RSS |"
echo "|---|---:|---:|"
read -r seconds rss < <(best_of_three cat $inputs)
row "read every input once (cat > /dev/null)" "$seconds" "$rss"
"$pedigree" merge model_stock.yml out >/dev/null 2>&1
cp out/model.safetensors output.bin
read -r seconds rss < <(best_of_three dd if=output.bin of=out.bin bs=16M conv=fsync status=none)
row "write the output once (dd conv=fsync)" "$seconds" "$rss"
rm -f output.bin out.bin
read -r seconds rss < <(best_of_three "$pedigree" merge model_stock.yml out)
row "pedigree merge" "$seconds" "$rss"
read -r seconds rss < <(best_of_three "$pedigree" merge model_stock.yml out --compat mergekit)
row "pedigree merge --compat mergekit" "$seconds" "$rss"
read -r seconds rss < <(best_of_three "$pedigree" merge model_stock.yml out --threads 1)
row "pedigree merge --threads 1" "$seconds" "$rss"
if [ -n "${MERGEKIT:-}" ]; then
    read -r seconds rss < <(best_of_three "$MERGEKIT" model_stock.yml out --device cpu --no-copy-tokenizer)
    row "mergekit-yaml --device cpu" "$seconds" "$rss"

    for config in model_stock model_stock_bf16; do
        rm -rf mergekit-1 pedigree-compat
        OMP_NUM_THREADS=1 "$MERGEKIT" $config.yml mergekit-1 --device cpu --no-copy-tokenizer >/dev/null 2>&1
        "$pedigree" merge $config.yml pedigree-compat --compat mergekit >/dev/null 2>&1
        python3 - mergekit-1 pedigree-compat "$config" <<'PY'
import glob, hashlib, json, struct, sys
def digests(directory):
    result = {}
    for path in glob.glob(directory + "/*.safetensors"):
        data = open(path, "rb").read()
        size = struct.unpack("<Q", data[:8])[0]
        for name, entry in json.loads(data[8:8 + size]).items():
            if name != "__metadata__":
                start, end = entry["data_offsets"]
                result[name] = hashlib.sha256(data[8 + size + start:8 + size + end]).hexdigest()
    return result
mergekit, pedigree = digests(sys.argv[1]), digests(sys.argv[2])
same = sum(mergekit[name] == pedigree.get(name) for name in mergekit)
print(f"{sys.argv[3]}: {same} of {len(mergekit)} tensors bit-identical to one-thread mergekit")
PY
    done
fi
rm -rf out mergekit-1 pedigree-compat time.txt
