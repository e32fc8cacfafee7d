#!/usr/bin/env bash
# Measures a model_stock merge of a synthetic Mistral-shaped family of about 300M parameters
# per model (a base and four BF16 fine-tunes, `dtype: float32`, `out_dtype: bfloat16`). It
# times `pedigree merge` (default, `--compat mergekit`, `--threads 1`) and mergekit-yaml on the
# same inputs and compares them with the I/O floor: the time to read every input byte once
# plus the time to write the output's size once with fsync. Prints a Markdown table, then how
# many output tensors are byte-identical to mergekit's.
#
# Usage: scripts/bench/merge.sh [WORKDIR]      (default: $TMPDIR/pedigree-bench-merge)
#   MERGEKIT_VENV  a virtual environment with mergekit installed (mergekit is skipped without it)
#   RUNS           runs per command; each row keeps the best wall time (default: 2)
#   QUIET_WAIT     seconds to wait for the machine to go quiet before each run (default: 120)
#
# Every input is read once before the timed runs, so the merges read from the page cache.
# Before each run the script waits up to QUIET_WAIT seconds for the other processes on the
# machine to go quiet. Each row reports the CPU time that other processes used while it ran
# ("other CPU", from /proc/stat), so a disturbed figure shows as one.
set -euo pipefail
cd "$(dirname "$0")/../.."

workdir="${1:-${TMPDIR:-/tmp}/pedigree-bench-merge}"
runs="${RUNS:-2}"
quiet_wait="${QUIET_WAIT:-120}"
venv="${MERGEKIT_VENV:-}"
family="$workdir/family"
config="$workdir/model_stock.yml"
config_bf16="$workdir/model_stock_bf16.yml"
mkdir -p "$workdir"

swift build -c release --product pedigree >/dev/null
pedigree=$PWD/.build/release/pedigree
[ -f "$family/ft4/config.json" ] || "$pedigree" synthesize "$family" --size benchmark --fine-tunes 4 >/dev/null
cat > "$config" <<EOF
merge_method: model_stock
base_model: $family/base
models:
  - model: $family/ft1
  - model: $family/ft2
  - model: $family/ft3
  - model: $family/ft4
dtype: float32
out_dtype: bfloat16
EOF
inputs=("$family"/base/*.safetensors "$family"/ft[1-4]/*.safetensors)
input_bytes=$(stat -c %s "${inputs[@]}" | awk '{ s += $1 } END { printf "%.0f\n", s }')
clock_ticks=$(getconf CLK_TCK)

# Busy CPU time of the whole machine so far, in clock ticks (user+nice+system+irq+softirq+steal).
busy_ticks() {
    awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}

# Waits until the other processes use less than a tenth of a core over 5 s, or QUIET_WAIT
# seconds have passed.
wait_for_quiet() {
    local waited=0 before after
    while [ "$waited" -lt "$quiet_wait" ]; do
        before=$(busy_ticks); sleep 5; after=$(busy_ticks)
        (( (after - before) * 10 < 5 * clock_ticks )) && return 0
        waited=$((waited + 5))
    done
}

load_average() {
    cut -d ' ' -f 1 /proc/loadavg
}

# Prints the largest RssAnon (KiB) that process PID reaches, sampled every 100 ms until it exits.
# Peak RSS from /usr/bin/time also counts the input pages that a process maps from the page
# cache; RssAnon leaves them out and counts the process's own memory.
peak_anonymous_kib() {
    local pid=$1 peak=0 key value
    while [ -r "/proc/$pid/status" ]; do
        while read -r key value _; do
            if [ "$key" = "RssAnon:" ] && [ "$value" -gt "$peak" ]; then peak=$value; fi
        done < "/proc/$pid/status" 2>/dev/null || true
        sleep 0.1
    done
    echo "$peak"
}

# Runs "$@" under /usr/bin/time -v and sets run_wall (s), run_cpu (user + system s), run_rss
# (KiB, file pages included), run_anonymous (KiB, sampled) and run_other_cpu (CPU seconds that
# other processes used meanwhile).
timed_run() {
    local log="$workdir/time.log" before after time_pid child=""
    before=$(busy_ticks)
    /usr/bin/time -v -o "$log" "$@" >"$workdir/run.out" 2>"$workdir/run.err" &
    time_pid=$!
    while [ -z "$child" ] && kill -0 "$time_pid" 2>/dev/null; do
        child=$(cat "/proc/$time_pid/task/$time_pid/children" 2>/dev/null | cut -d ' ' -f 1)
    done
    run_anonymous=0
    [ -n "$child" ] && run_anonymous=$(peak_anonymous_kib "$child")
    wait "$time_pid"
    after=$(busy_ticks)
    run_wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
    run_rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")
    run_cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$log")
    run_other_cpu=$(echo "($after - $before) / $clock_ticks - $run_cpu" | bc -l)
}

# Runs the command RUNS times, removing OUT before each run. The fastest run sets best_wall,
# best_cpu, best_rss, best_anonymous, best_other_cpu and best_load (load average before it).
best_run() {
    local out=$1; shift
    best_wall=""
    for _ in $(seq "$runs"); do
        rm -rf "$out"
        cat "${inputs[@]}" > /dev/null
        wait_for_quiet
        local load; load=$(load_average)
        timed_run "$@"
        printf '  %s: %s s, CPU %s s, peak RSS %s KiB, peak anonymous %s KiB, other CPU %.1f s, load before %s\n' \
            "$(basename "$out")" "$run_wall" "$run_cpu" "$run_rss" "$run_anonymous" "$run_other_cpu" "$load" >&2
        if [ -z "$best_wall" ] || (( $(echo "$run_wall < $best_wall" | bc -l) )); then
            best_wall=$run_wall; best_cpu=$run_cpu; best_rss=$run_rss; best_anonymous=$run_anonymous; best_other_cpu=$run_other_cpu; best_load=$load
        fi
    done
}

labels=(); walls=(); cpus=(); rsses=(); anonymous=(); other_cpus=(); loads=()
record_row() {
    labels+=("$1"); walls+=("$best_wall"); cpus+=("$best_cpu"); rsses+=("$best_rss"); anonymous+=("$best_anonymous"); other_cpus+=("$best_other_cpu"); loads+=("$best_load")
}

# I/O floor: read every input byte once (from a cold cache when this user may drop caches) and
# write the output's size once with fsync on the same filesystem. The output has the base's
# tensors in BF16, as the base does, so it is the base's size.
output_bytes=$(stat -c %s "$family"/base/*.safetensors | awk '{ s += $1 } END { printf "%.0f\n", s }')
floor_file="$workdir/floor.bin"
cold_read="not measured (cannot drop caches)"
if sync && { echo 3 > /proc/sys/vm/drop_caches; } 2>/dev/null; then
    wait_for_quiet
    start=$(date +%s.%N); cat "${inputs[@]}" > /dev/null; end=$(date +%s.%N)
    cold_read=$(printf '%.2f s' "$(echo "$end - $start" | bc -l)")
fi
# Lowers read_best and write_best to this round's best of three reads and five writes. The
# write time of this machine's disk varies several-fold from one minute to the next.
measure_floor() {
    local start end elapsed
    for _ in 1 2 3; do
        wait_for_quiet
        start=$(date +%s.%N); cat "${inputs[@]}" > /dev/null; end=$(date +%s.%N)
        elapsed=$(echo "$end - $start" | bc -l)
        if [ -z "$read_best" ] || (( $(echo "$elapsed < $read_best" | bc -l) )); then read_best=$elapsed; fi
    done
    for _ in 1 2 3 4 5; do
        rm -f "$floor_file"; sync
        wait_for_quiet
        start=$(date +%s.%N)
        dd if=/dev/zero of="$floor_file" bs=1M count=$((output_bytes / 1048576 + 1)) conv=fsync status=none
        end=$(date +%s.%N)
        elapsed=$(echo "$end - $start" | bc -l)
        if [ -z "$write_best" ] || (( $(echo "$elapsed < $write_best" | bc -l) )); then write_best=$elapsed; fi
    done
    rm -f "$floor_file"
}
read_best=""
write_best=""
measure_floor

best_run "$workdir/out-pedigree" "$pedigree" merge "$config" "$workdir/out-pedigree"
record_row "pedigree merge"
best_run "$workdir/out-pedigree-compat" "$pedigree" merge "$config" "$workdir/out-pedigree-compat" --compat mergekit
record_row "pedigree merge --compat mergekit"
best_run "$workdir/out-pedigree-1thread" "$pedigree" merge "$config" "$workdir/out-pedigree-1thread" --threads 1
record_row "pedigree merge --threads 1"

mergekit_wall=""
mergekit_note="mergekit skipped: set MERGEKIT_VENV to a virtual environment with mergekit"
if [ -n "$venv" ] && [ -x "$venv/bin/mergekit-yaml" ]; then
    best_run "$workdir/out-mergekit" "$venv/bin/mergekit-yaml" "$config" "$workdir/out-mergekit" \
        --device cpu --no-copy-tokenizer
    record_row "mergekit-yaml --device cpu"
    mergekit_wall=$best_wall
    # PyTorch rounds per-thread partial sums of 32,768 or more elements, so only its one-thread
    # result is reproducible; --compat mergekit computes that one.
    runs=1 best_run "$workdir/out-mergekit-1thread" "$venv/bin/mergekit-yaml" "$config" \
        "$workdir/out-mergekit-1thread" --device cpu --no-copy-tokenizer --num-threads 1
    record_row "mergekit-yaml --device cpu --num-threads 1 (one run)"
    # Parity with BF16 arithmetic as well: the same merge without `dtype:`, untimed.
    grep -v dtype "$config" > "$config_bf16"
    rm -rf "$workdir/out-mergekit-bf16" "$workdir/out-pedigree-compat-bf16"
    "$venv/bin/mergekit-yaml" "$config_bf16" "$workdir/out-mergekit-bf16" --device cpu --no-copy-tokenizer \
        --num-threads 1 >/dev/null 2>&1
    "$pedigree" merge "$config_bf16" "$workdir/out-pedigree-compat-bf16" --compat mergekit >/dev/null 2>&1
    mergekit_note=$("$venv/bin/python" -c "
import importlib.metadata as m, platform, torch
print(f'mergekit {m.version(\"mergekit\")}, torch {torch.__version__} '
      f'({torch.get_num_threads()} intra-op threads), Python {platform.python_version()}')")
fi

# The floor again after the merges, so that a slow spell of the disk does not set it.
measure_floor
floor=$(echo "$read_best + $write_best" | bc -l)

echo "family: $family, $(echo "$input_bytes / 1000000" | bc) MB of inputs in ${#inputs[@]} files," \
    "$(echo "$output_bytes / 1000000" | bc) MB of output; $(nproc) cores; $mergekit_note"
printf 'I/O floor: %.2f s = read %.2f s (page cache; cold cache: %s) + write %.2f s (dd conv=fsync)\n' \
    "$floor" "$read_best" "$cold_read" "$write_best"
echo
echo "| command | wall time (best of $runs) | CPU time | peak RSS | peak anonymous RSS | / I/O floor | / mergekit | other CPU | load before |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for i in "${!labels[@]}"; do
    versus_mergekit="-"
    [ -n "$mergekit_wall" ] && versus_mergekit=$(printf '%.2f' "$(echo "${walls[i]} / $mergekit_wall" | bc -l)")
    printf '| %s | %.2f s | %.2f s | %.0f MiB | %.0f MiB | %.2f | %s | %.1f s | %s |\n' "${labels[i]}" "${walls[i]}" "${cpus[i]}" \
        "$(echo "${rsses[i]} / 1024" | bc -l)" "$(echo "${anonymous[i]} / 1024" | bc -l)" "$(echo "${walls[i]} / $floor" | bc -l)" "$versus_mergekit" \
        "${other_cpus[i]}" "${loads[i]}"
done
if [ -n "$mergekit_wall" ]; then
    echo
    python3 scripts/bench/compare_outputs.py "$workdir/out-mergekit" "$workdir/out-pedigree-compat" "$workdir/out-pedigree"
    python3 scripts/bench/compare_outputs.py "$workdir/out-mergekit-1thread" "$workdir/out-pedigree-compat" "$workdir/out-mergekit"
    echo "Without dtype: (BF16 arithmetic), mergekit with one thread:"
    python3 scripts/bench/compare_outputs.py "$workdir/out-mergekit-bf16" "$workdir/out-pedigree-compat-bf16"
fi
