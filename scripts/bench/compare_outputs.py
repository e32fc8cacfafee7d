"""Count the tensors of merged models that are byte-identical to a reference merge.

Usage: python3 compare_outputs.py REFERENCE_DIR OTHER_DIR...

Reads every `*.safetensors` file of each directory (raw bytes, so BF16 needs no numpy support)
and prints, per OTHER_DIR, how many tensors match REFERENCE_DIR byte for byte, split at 32,768
elements: torch sums tensors of that size or more in per-thread parts, so mergekit's BF16
results for them depend on its thread count. For BF16 and F16 tensors that differ it also
prints how many elements differ and the largest absolute difference.
"""

import json
import struct
import sys
from pathlib import Path

import numpy as np

SPLIT_ELEMENTS = 32_768


def read_tensors(directory):
    """Map each tensor name to (dtype, shape, raw bytes) over all safetensors files in directory."""
    tensors = {}
    for path in sorted(Path(directory).glob("*.safetensors")):
        data = path.read_bytes()
        (header_size,) = struct.unpack("<Q", data[:8])
        header = json.loads(data[8 : 8 + header_size])
        base = 8 + header_size
        for name, info in header.items():
            if name == "__metadata__":
                continue
            start, end = info["data_offsets"]
            tensors[name] = (info["dtype"], tuple(info["shape"]), data[base + start : base + end])
    return tensors


def to_float32(raw, dtype):
    """Decode BF16 or F16 bytes to Float32."""
    if dtype == "F16":
        return np.frombuffer(raw, dtype=np.float16).astype(np.float32)
    return (np.frombuffer(raw, dtype=np.uint16).astype(np.uint32) << 16).view(np.float32)


def compare(reference, other_directory):
    other = read_tensors(other_directory)
    missing = sorted(set(reference) ^ set(other))
    counts = {"small": [0, 0], "large": [0, 0]}
    differing_elements = 0
    max_difference = 0.0
    for name, (dtype, shape, raw) in reference.items():
        if name not in other:
            continue
        elements = int(np.prod(shape, dtype=np.int64))
        group = counts["small" if elements < SPLIT_ELEMENTS else "large"]
        group[1] += 1
        other_dtype, other_shape, other_raw = other[name]
        if (other_dtype, other_shape, other_raw) == (dtype, shape, raw):
            group[0] += 1
        elif dtype == other_dtype and shape == other_shape and dtype in ("BF16", "F16"):
            a = to_float32(raw, dtype)
            b = to_float32(other_raw, dtype)
            differing_elements += int(np.count_nonzero(a != b))
            max_difference = max(max_difference, float(np.max(np.abs(a - b))))
    identical = counts["small"][0] + counts["large"][0]
    total = counts["small"][1] + counts["large"][1]
    print(
        f"{other_directory}: {identical} of {total} tensors byte-identical "
        f"({counts['small'][0]} of {counts['small'][1]} under {SPLIT_ELEMENTS:,} elements, "
        f"{counts['large'][0]} of {counts['large'][1]} larger); "
        f"{differing_elements:,} elements differ, by at most {max_difference:.3g}"
        + (f"; names in one model only: {', '.join(missing)}" if missing else "")
    )


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: compare_outputs.py REFERENCE_DIR OTHER_DIR...")
    reference = read_tensors(sys.argv[1])
    print(f"reference: {sys.argv[1]}, {len(reference)} tensors")
    for directory in sys.argv[2:]:
        compare(reference, directory)


if __name__ == "__main__":
    main()
