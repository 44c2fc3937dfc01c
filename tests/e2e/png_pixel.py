#!/usr/bin/env python3
"""Answers questions about the pixels of a PNG, one line per argument, in order:

  png_pixel.py FILE X,Y            the colour at X,Y as rrggbb
  png_pixel.py FILE count=rrggbb   how many pixels have that colour

Only the standard library: the PNGs rsvg-convert writes (8-bit RGB or RGBA, not
interlaced) are all it needs to read.
"""
import struct
import sys
import zlib


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
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, channels, rows


def main():
    path, args = sys.argv[1], sys.argv[2:]
    width, height, channels, rows = read_png(path)

    def pixel(x, y):
        r = rows[y]
        return "%02x%02x%02x" % (r[x * channels], r[x * channels + 1], r[x * channels + 2])

    counts = None
    for a in args:
        if a.startswith("count="):
            if counts is None:
                counts = {}
                for y in range(height):
                    for x in range(width):
                        c = pixel(x, y)
                        counts[c] = counts.get(c, 0) + 1
            print(counts.get(a[len("count="):], 0))
        else:
            x, y = (int(round(float(v))) for v in a.split(","))
            print(pixel(x, y))


main()
