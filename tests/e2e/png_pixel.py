#!/usr/bin/env python3
"""Answers questions about the pixels of PNGs, one line per question, in order:

  png_pixel.py FILE X,Y            the colour at X,Y as rrggbb
  png_pixel.py FILE count=rrggbb   how many pixels have that colour
  png_pixel.py FILE count=rrggbb@X0,X1
                                   the same in columns X0 to X1 (X1 not included)
  png_pixel.py FILE size           the width and the height, as "W H"

Questions about several files go in one start: each argument ending in .png starts the
questions about that file (png_pixel.py A.png size 1,2 B.png 3,4).

Only the standard library: the PNGs rsvg-convert writes (8-bit RGB or RGBA, not
interlaced) are all it needs to read.
"""
import re
import struct
import sys
import zlib
from collections import Counter
from itertools import accumulate


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                sys.exit(f"{path}: only 8-bit RGB(A), not interlaced")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytes(stride)
    for y in range(height):
        at = y * (stride + 1)
        line = unfilter(raw[at], raw[at + 1:at + 1 + stride], prev, channels)
        rows.append(line)
        prev = line
    return width, height, channels, rows


def add_bytes(x, y):
    """(x + y) mod 256 byte by byte, as two big integers: no Python loop over the bytes."""
    n = len(x)
    low, high = int.from_bytes(b"\x7f" * n, "big"), int.from_bytes(b"\x80" * n, "big")
    xi, yi = int.from_bytes(x, "big"), int.from_bytes(y, "big")
    return (((xi & low) + (yi & low)) ^ ((xi ^ yi) & high)).to_bytes(n, "big")


def unfilter(kind, line, prev, channels):
    """One row of the image from its filtered bytes and the row above (PNG spec, 9.2).
    Browsers' screenshots are millions of bytes: only the filters that need the byte to
    the left (Average, Paeth) are undone a byte at a time."""
    if kind == 0:
        return bytes(line)
    if kind == 2:  # Up
        return add_bytes(line, prev)
    out = bytearray(line)
    if kind == 1:  # Sub: a running sum of each channel
        for c in range(channels):
            out[c::channels] = bytes(map((255).__and__, accumulate(line[c::channels])))
        return bytes(out)
    if kind == 3:  # Average
        for x in range(len(out)):
            a = out[x - channels] if x >= channels else 0
            out[x] = (out[x] + ((a + prev[x]) >> 1)) & 255
        return bytes(out)
    if kind == 4:  # Paeth
        # Long runs of zero bytes are copied whole, not undone byte by byte. Where the pixel
        # left of a run is the one above it (a == c), the predictor is b all along the
        # run: the run repeats the row above. Where the row above repeats its pixels there
        # (b == c), the predictor is a: the run repeats the pixel to its left.
        done = 0
        for run in ZERO_RUN.finditer(line):
            start, end = run.span()
            start = max(start + (-start) % channels, channels)
            end -= end % channels
            if end - start < ZERO_RUN_MIN:
                continue
            paeth(out, line, prev, done, start, channels)
            done = start
            left = out[start - channels:start]
            if left == prev[start - channels:start]:
                out[start:end] = prev[start:end]
            elif prev[start:end] == prev[start - channels:end - channels]:
                out[start:end] = left * ((end - start) // channels)
            else:
                continue
            done = end
        paeth(out, line, prev, done, len(line), channels)
        return bytes(out)
    sys.exit(f"unknown PNG filter {kind}")


# Runs of at least this many zero bytes are worth looking at as blank stretches.
ZERO_RUN_MIN = 48
ZERO_RUN = re.compile(b"\\x00{%d,}" % ZERO_RUN_MIN)


def paeth(out, line, prev, lo, hi, channels):
    """Undoes the Paeth filter on out[lo:hi] (lo and hi at pixel boundaries, out[:lo] done).
    Each channel is a chain of its own, walked with the left (a), up (b) and up-left (c)
    bytes in locals. Where b == c the predictor is a, and where a == c it is b (a distance
    is 0 then): most bytes of a page take one of these two ways."""
    for ch in range(channels):
        first = lo + ch
        a, c = (out[first - channels], prev[first - channels]) if lo else (0, 0)
        chain = []
        append = chain.append
        for v, b in zip(line[first:hi:channels], prev[first:hi:channels]):
            if b == c:
                pred = a
            elif a == c:
                pred = b
            else:
                pa, pb, pc = b - c, a - c, a + b - c - c
                pa, pb, pc = -pa if pa < 0 else pa, -pb if pb < 0 else pb, -pc if pc < 0 else pc
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
            a = (v + pred) & 255
            append(a)
            c = b
        out[first:hi:channels] = bytes(chain)


def main():
    # (file, its questions) in the order given
    files = []
    for a in sys.argv[1:]:
        if a.endswith(".png"):
            files.append((a, []))
        elif files:
            files[-1][1].append(a)
        else:
            sys.exit(f"{a}: a question before any .png file")
    for path, questions in files:
        answer(path, questions)


def answer(path, questions):
    width, height, channels, rows = read_png(path)

    def pixel(x, y):
        r = rows[y]
        return "%02x%02x%02x" % (r[x * channels], r[x * channels + 1], r[x * channels + 2])

    counts = {}
    for a in questions:
        if a.startswith("count="):
            colour, _, columns = a[len("count="):].partition("@")
            if columns not in counts:
                x0, x1 = (int(v) for v in columns.split(",")) if columns else (0, width)
                pixels = b"".join(r[x0 * channels:x1 * channels] for r in rows)
                counts[columns] = Counter(
                    zip(pixels[0::channels], pixels[1::channels], pixels[2::channels]))
            print(counts[columns].get(tuple(bytes.fromhex(colour)), 0))
        elif a == "size":
            print(width, height)
        else:
            x, y = (int(round(float(v))) for v in a.split(","))
            print(pixel(x, y))


main()
