"""Writes a synthetic safetensors model of a given size for benchmarks.

The model has Mistral-like tensor names, random BF16 bytes, and is sharded into files of at
most --shard-gib GiB with a model.safetensors.index.json, as Hugging Face writes them.
"""
import argparse
import json
import os
import struct

parser = argparse.ArgumentParser()
parser.add_argument("directory")
parser.add_argument("--gib", type=float, default=2.0, help="total tensor bytes in GiB")
parser.add_argument("--shard-gib", type=float, default=0.5, help="maximum shard size in GiB")
parser.add_argument("--tensor-mib", type=int, default=64, help="size of each tensor in MiB")
args = parser.parse_args()

os.makedirs(args.directory, exist_ok=True)
tensor_bytes = args.tensor_mib << 20
tensor_count = int(args.gib * (1 << 30)) // tensor_bytes
per_shard = max(1, int(args.shard_gib * (1 << 30)) // tensor_bytes)
shard_count = (tensor_count + per_shard - 1) // per_shard
columns = 4096
rows = tensor_bytes // (2 * columns)

weight_map = {}
for shard in range(shard_count):
    name = f"model-{shard + 1:05d}-of-{shard_count:05d}.safetensors"
    indices = range(shard * per_shard, min(tensor_count, (shard + 1) * per_shard))
    header = {"__metadata__": {"format": "pt"}}
    offset = 0
    for index in indices:
        tensor = f"model.layers.{index}.mlp.up_proj.weight"
        header[tensor] = {"dtype": "BF16", "shape": [rows, columns], "data_offsets": [offset, offset + tensor_bytes]}
        weight_map[tensor] = name
        offset += tensor_bytes
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * (-len(encoded) % 8)
    with open(os.path.join(args.directory, name), "wb") as file:
        file.write(struct.pack("<Q", len(encoded)))
        file.write(encoded)
        for _ in indices:
            file.write(os.urandom(tensor_bytes))

with open(os.path.join(args.directory, "model.safetensors.index.json"), "w") as file:
    json.dump({"metadata": {"total_size": tensor_count * tensor_bytes}, "weight_map": weight_map}, file, indent=2)
print(f"wrote {tensor_count} tensors ({tensor_count * tensor_bytes / (1 << 30):.2f} GiB) in {shard_count} shards to {args.directory}")
