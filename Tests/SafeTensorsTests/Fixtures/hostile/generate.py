#!/usr/bin/env python3
"""Writes the hostile safetensors files in this folder. Each breaks the format (or sits at
its edge) in a way a careless reader could crash or hang on; ReaderFuzzTests lists the
outcome expected for each. Run from anywhere: python3 generate.py"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, header, data=b"", length=None):
    """Writes the 8-byte little-endian header length (or `length`), header and data."""
    if isinstance(header, str):
        header = header.encode("utf-8")
    prefix = struct.pack("<Q", len(header) if length is None else length)
    with open(os.path.join(HERE, name + ".safetensors"), "wb") as file:
        file.write(prefix + header + data)


def entry(dtype, shape, begin, end):
    return '{"dtype":"%s","shape":%s,"data_offsets":[%s,%s]}' % (dtype, shape, begin, end)


write("length-max-u64", "{}", length=2**64 - 1)
write("length-past-end", "{}", b"\0" * 10, length=1000)
write("nested-arrays", '{"a":' + "[" * 5000 + "]" * 5000 + "}")
write("nested-objects-in-metadata", '{"__metadata__":' + '{"k":' * 100 + '"v"' + "}" * 101)
write("overlong-utf8", b'{"\xc0\xaf":' + entry("U8", "[1]", 0, 1).encode() + b"}", b"\0")
write("utf8-encoded-surrogate", b'{"\xed\xa0\x80":' + entry("U8", "[1]", 0, 1).encode() + b"}", b"\0")
write("lone-surrogate-escape", '{"\\ud800":' + entry("U8", "[1]", 0, 1) + "}", b"\0")
write("byte-order-mark", "\ufeff{}")
write("raw-nul-in-name", '{"a\0b":' + entry("U8", "[1]", 0, 1) + "}", b"\0")
write("escaped-nul-in-name", '{"a\\u0000b":' + entry("U8", "[1]", 0, 1) + "}", b"\0")
write("header-all-spaces", " " * 64)
write("duplicate-key-escaped", '{"a":' + entry("U8", "[1]", 0, 1) + ',"\\u0061":' + entry("U8", "[1]", 1, 2) + "}", b"\0\0")
write("shape-overflow", '{"w":' + entry("F32", "[4611686018427387904,4]", 0, 0) + "}")
write("shape-huge-after-zero", '{"w":' + entry("F32", "[0,9223372036854775807,9223372036854775807]", 0, 0) + "}")
write("shape-zero-after-huge", '{"w":' + entry("F32", "[9223372036854775807,9223372036854775807,0]", 0, 0) + "}")
write("dimension-beyond-int64", '{"w":' + entry("U8", "[18446744073709551616]", 0, 0) + "}")
write("dimension-exponent", '{"w":' + entry("U8", "[1e0]", 0, 1) + "}", b"\0")
write("dimension-many-digits", '{"w":' + entry("U8", "[" + "9" * 4000 + "]", 0, 1) + "}", b"\0")
write("offsets-near-int64-max", '{"w":' + entry("U8", "[7]", 9223372036854775800, 9223372036854775807) + "}", b"\0" * 7)
write("offsets-beyond-int64", '{"w":' + entry("U8", "[1]", 0, 18446744073709551615) + "}", b"\0")
write("offsets-fraction", '{"w":' + entry("U8", "[1]", 0, "1.0") + "}", b"\0")
write("many-empty-tensors", "{" + ",".join('"t%d":%s' % (i, entry("F32", "[0]", 0, 0)) for i in range(300)) + "}")
write("empty-tensors-inside-data", '{"a":' + entry("U8", "[4]", 0, 4) + ',"b":' + entry("U8", "[0]", 2, 2) + "}", b"\0" * 4)
write("tensor-past-end", '{"w":' + entry("U8", "[16]", 0, 16) + "}", b"\0" * 4)
