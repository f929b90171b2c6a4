#!/usr/bin/env python3
"""Checks that PNG screenshots are not blank, with the standard library only.

Each file is decoded (zlib, then the five PNG row filters) and counted: how many distinct
pixel values it has, and how many of its rows are not a single colour. A blank or
failed page (one background colour, or an error page's few flat blocks) fails; a page
of text has hundreds of colours (anti-aliasing) and most rows with ink in them.

Usage: png_check.py [--min-colours N] [--min-ink-rows FRACTION] FILE.png...
Exit 0 when every file passes, 1 otherwise; one line per file on standard output.
"""

import struct
import sys
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # grey, RGB, grey+alpha, RGBA (8 bits each)


def decode(path):
    """Returns (width, height, bytes per pixel, rows of raw pixel bytes)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != SIGNATURE:
        raise ValueError("not a PNG file")
    pos, idat, header = 8, [], None
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or interlace != 0 or colour not in CHANNELS:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    bpp = CHANNELS[colour]
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    if len(raw) != height * (stride + 1):
        raise ValueError("image data has the wrong length")
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[i]
        line = bytearray(raw[i + 1 : i + 1 + stride])
        i += stride + 1
        if kind == 1:  # Sub
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 0xFF
        elif kind == 2:  # Up
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif kind == 3:  # Average
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 0xFF
        elif kind == 4:  # Paeth
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        elif kind != 0:
            raise ValueError(f"unknown row filter {kind}")
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main(argv):
    min_colours, min_ink = 32, 0.15
    files = []
    args = iter(argv)
    for a in args:
        if a == "--min-colours":
            min_colours = int(next(args))
        elif a == "--min-ink-rows":
            min_ink = float(next(args))
        else:
            files.append(a)
    if not files:
        print(__doc__.strip().splitlines()[-2])
        return 2
    failed = False
    for path in files:
        try:
            width, height, bpp, rows = decode(path)
        except (OSError, ValueError, zlib.error) as e:
            print(f"{path}: FAIL: cannot decode: {e}")
            failed = True
            continue
        colours = set()
        ink_rows = 0
        for row in rows:
            if row != row[:bpp] * width:
                ink_rows += 1
            colours.update(row[x : x + bpp] for x in range(0, len(row), bpp))
        share = ink_rows / max(height, 1)
        ok = len(colours) >= min_colours and share >= min_ink
        failed |= not ok
        print(
            f"{path}: {width}x{height}, {len(colours)} colours, "
            f"{share:.0%} of rows not one colour: {'ok' if ok else 'FAIL (blank?)'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
