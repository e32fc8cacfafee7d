# Writes the odd-shape BF16 model family that Tests/MergingTests/OddShapeParityTests.swift
# rebuilds in Swift: Mistral tensor names with odd shapes (short rows, lengths that are not
# multiples of the vector width, tensors of 32,768 elements and more), values from SplitMix64
# streams. mergekit-outputs.json holds what mergekit 0.1.5 (PyTorch 2.13.0+cpu, one thread)
# wrote for each config, made in an empty folder with:
#   python3 odd_shapes.py PATH/TO/parity/models/base/config.json
#   OMP_NUM_THREADS=1 mergekit-yaml CONFIG.yml OUT --device cpu --no-copy-tokenizer
# for each config in mergekit-outputs.json (its "config" text), then the SHA-256 of each
# output tensor's bytes.
import json, os, shutil, struct, sys
import numpy as np
MASK = (1 << 64) - 1
def uniform(seed, n):
    state, out = seed & MASK, []
    for _ in range(n):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z = (z ^ (z >> 31)) & MASK
        out.append((z >> 40) / float(1 << 24) - 0.5)
    return np.array(out, dtype=np.float64)
def bf16(values64):
    bits = values64.astype(np.float32).view(np.uint32).astype(np.uint64)
    return (((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16) & 0xFFFF).astype(np.uint16)
names = ["lm_head.weight", "model.embed_tokens.weight", "model.norm.weight"]
for layer in range(4):
    for part in ["input_layernorm", "mlp.down_proj", "mlp.gate_proj", "mlp.up_proj", "post_attention_layernorm",
                 "self_attn.k_proj", "self_attn.o_proj", "self_attn.q_proj", "self_attn.v_proj"]:
        names.append(f"model.layers.{layer}.{part}.weight")
names.sort()
large = [(1000, 70), (40000,), (300, 130)]
small = [(7, 9), (3, 5), (13,), (200, 33), (5, 16), (2, 8), (17,), (64, 3), (9, 1)]
odd = large + small * 4
def write(directory, tensors):
    os.makedirs(directory, exist_ok=True)
    header, blobs, offset = {}, [], 0
    for name, shape, bits in tensors:
        data = bits.tobytes()
        header[name] = {"dtype": "BF16", "shape": list(shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data); blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(directory + "/model.safetensors", "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
    shutil.copy(sys.argv[1], directory + "/config.json")
base = {}
for index, name in enumerate(names):
    shape = odd[index % len(odd)]
    base[name] = bf16(0.1 * uniform(index, int(np.prod(shape))))
write("base", [(n, odd[i % len(odd)], base[n]) for i, n in enumerate(names)])
for model in range(1, 6):
    tensors = []
    for index, name in enumerate(names):
        shape = odd[index % len(odd)]
        values = (base[name].astype(np.uint32) << 16).view(np.float32).astype(np.float64)
        tensors.append((name, shape, bf16(values + 0.003 * model * uniform(1000 * model + index, int(np.prod(shape))))))
    write(f"ft{model}", tensors)
