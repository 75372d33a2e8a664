#!/usr/bin/env python3
"""Draws the workbench icon once and writes it as PNG (Linux), ICO (Windows) and ICNS (macOS).

Run from this folder: python3 make-icons.py. The outputs are committed; rerun only to change the icon.
Pure standard library, so it runs anywhere: a dark tile with three timeline lanes and a red incident marker.
"""
import struct
import zlib

BG = (31, 41, 55)
LANE = (55, 65, 81)
BARS = [  # lane row (top y), then (x0, x1, colour) spans on that lane
    (64, [(40, 120, (56, 189, 248)), (140, 200, (56, 189, 248))]),
    (112, [(40, 90, (52, 211, 153)), (100, 176, (251, 146, 60)), (184, 216, (251, 146, 60))]),
    (160, [(60, 110, (167, 139, 250)), (126, 216, (248, 113, 113))]),
]
MARKER_X = (150, 158)
MARKER = (239, 68, 68)


def pixel(x, y, size):
    s = 256 / size
    x, y = (x + 0.5) * s, (y + 0.5) * s
    r = 40  # rounded corners of the tile
    cx = min(max(x, r + 8), 256 - r - 8)
    cy = min(max(y, r + 8), 256 - r - 8)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    if MARKER_X[0] <= x < MARKER_X[1] and 44 <= y < 212:
        return MARKER + (255,)
    for top, spans in BARS:
        if top <= y < top + 32:
            for x0, x1, colour in spans:
                if x0 <= x < x1 and top + 4 <= y < top + 28:
                    return colour + (255,)
            if 32 <= x < 224 and top + 14 <= y < top + 18:
                return LANE + (255,)
    return BG + (255,)


def png(size):
    rows = b"".join(b"\0" + bytes(c for x in range(size) for c in pixel(x, y, size)) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def ico(sizes):
    images = [png(s) for s in sizes]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for s, data in zip(sizes, images):
        out += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(images)


def icns():
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data
                    for kind, data in ((b"ic07", png(128)), (b"ic08", png(256))))
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


if __name__ == "__main__":
    with open("incident-workbench.png", "wb") as f:
        f.write(png(256))
    with open("incident-workbench.ico", "wb") as f:
        f.write(ico([16, 32, 48, 256]))
    with open("incident-workbench.icns", "wb") as f:
        f.write(icns())
