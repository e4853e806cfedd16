"""pngcheck.py FILE - decode an 8-bit RGB(A) PNG (zlib only) and say whether
it is a chart rather than a blank page: its colours and how many pixels
are not background."""
import struct
import sys
import zlib

data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6), "expected 8-bit RGB or RGBA"
        bpp = 4 if ctype == 6 else 3
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
colours = {}
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1:
            line[i] = (line[i] + a) & 255
        elif f == 2:
            line[i] = (line[i] + b) & 255
        elif f == 3:
            line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(w):
        px = tuple(line[x * bpp:x * bpp + 3])
        colours[px] = colours.get(px, 0) + 1
    prev = line
ink = w * h - colours.get((255, 255, 255), 0)
print(f"{w}x{h}")
print("background white:", colours.get((255, 255, 255), 0) > w * h // 2)
print("ink over 1%:", ink * 100 > w * h)
print("axes black:", colours.get((0, 0, 0), 0) > 100)
for name, rgb in (("first series #1f77b4", (31, 119, 180)), ("second series #d62728", (214, 39, 40))):
    print(name + ":", colours.get(rgb, 0) > 20)
print("colours over 50:", len(colours) > 50)
