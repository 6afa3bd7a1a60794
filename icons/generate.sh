#!/usr/bin/env bash
# Regenerates the raster icons from peerclaw.svg (needs rsvg-convert: apt-get install librsvg2-bin).
# The results are committed, so the packaging build needs neither this script nor its tools.
#   png/peerclaw-N.png   Linux (desktop entry, hicolor theme sizes) and the window icon
#   peerclaw.ico         Windows (PNG-compressed entries, Vista and later)
#   peerclaw.icns        macOS (PNG-compressed entries)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v rsvg-convert >/dev/null || { echo "generate.sh: needs rsvg-convert (apt-get install librsvg2-bin)" >&2; exit 1; }
mkdir -p png
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" peerclaw.svg -o "png/peerclaw-$size.png"
done
python3 - <<'PY'
import struct
def png(size):
    with open(f"png/peerclaw-{size}.png", "rb") as f:
        return f.read()
# ICO: a directory of entries, each a whole PNG file (width/height 0 means 256).
sizes = [16, 24, 32, 48, 64, 128, 256]
header = struct.pack("<HHH", 0, 1, len(sizes))
offset = 6 + 16 * len(sizes)
entries, data = b"", b""
for s in sizes:
    body = png(s)
    entries += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(body), offset + len(data))
    data += body
with open("peerclaw.ico", "wb") as f:
    f.write(header + entries + data)
# ICNS: 'icns' + total length, then (type, length, PNG) chunks.
types = [("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512), ("ic10", 1024)]
chunks = b"".join(t.encode() + struct.pack(">I", 8 + len(png(s))) + png(s) for t, s in types)
with open("peerclaw.icns", "wb") as f:
    f.write(b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks)
PY
echo "generate.sh: icons written to $(pwd)"
