#!/usr/bin/env python3
"""The peer of `corridor-bench iso8583`: times pyiso8583 packing and unpacking one message (issue 4 §5).

    pyiso8583-timing.py --spec SPEC.json --message JSON [--expect-hex HEX] [--iterations N] [--rounds R]

SPEC.json is a spec in pyiso8583's layout (Corridor ships Samples/iso8583/corridor-ascii-1987.json); JSON is the
message as pyiso8583's decoded document ({"t": "0100", "2": "4111...", ...}). Each iteration encodes the document
and decodes the bytes back, the same work as one Corridor pack + unpack. Before timing, the script checks that
pyiso8583's bytes equal --expect-hex (Corridor's packing of the same message), so the two rates measure the same
work. Timing is this thread's CPU time, best of R rounds of N iterations, as the Swift side measures itself.

Prints one JSON object: {"pack_unpack_per_s": ..., "iterations": N, "rounds": R, "bytes": ..., "pyiso8583": ...}.
Exit status 3 when pyiso8583 is not installed, 4 when its bytes differ from --expect-hex.
"""
import argparse
import json
import sys
import time

try:
    import iso8583
except ImportError:
    sys.exit(3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", required=True, help="pyiso8583 JSON spec file")
    parser.add_argument("--message", required=True, help="the decoded document as JSON")
    parser.add_argument("--expect-hex", help="the bytes pyiso8583 must produce, uppercase hex")
    parser.add_argument("--iterations", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()

    with open(arguments.spec) as handle:
        spec = json.load(handle)
    document = json.loads(arguments.message)

    encoded, _ = iso8583.encode(dict(document), spec)
    if arguments.expect_hex is not None and bytes(encoded).hex().upper() != arguments.expect_hex.upper():
        print(f"pyiso8583 wrote {bytes(encoded).hex().upper()}", file=sys.stderr)
        sys.exit(4)
    decoded, _ = iso8583.decode(encoded, spec)
    for key, value in document.items():
        if decoded.get(key) != value:
            print(f"pyiso8583 decoded field {key} differently", file=sys.stderr)
            sys.exit(4)

    # Warm up: the first calls pay for attribute lookups and allocator growth.
    for _ in range(arguments.iterations // 10):
        encoded, _ = iso8583.encode(document, spec)
        iso8583.decode(encoded, spec)

    encode = iso8583.encode
    decode = iso8583.decode
    best = 0.0
    for _ in range(arguments.rounds):
        start = time.thread_time()
        for _ in range(arguments.iterations):
            encoded, _ = encode(document, spec)
            decode(encoded, spec)
        seconds = time.thread_time() - start
        if seconds > 0:
            best = max(best, arguments.iterations / seconds)

    print(json.dumps({
        "pack_unpack_per_s": round(best, 1),
        "iterations": arguments.iterations,
        "rounds": arguments.rounds,
        "bytes": len(encoded),
        "pyiso8583": iso8583.__version__,
    }))


main()
