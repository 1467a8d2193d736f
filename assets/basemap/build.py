#!/usr/bin/env python3
"""Build assets/basemap/borders.bin from the npm package world-atlas.

Usage:
    python3 assets/basemap/build.py PACKAGE_DIR [PACKAGE_DIR ...] [-o OUT]

Each PACKAGE_DIR is an unpacked npm tarball (the folder holding
countries-10m.json, countries-50m.json and countries-110m.json); the first
folder that holds a file is used for it. The output defaults to
borders.bin beside this script. The format is described in README.md beside
this script; src/map/basemap.rs decodes it.

Python 3 standard library only. The output depends only on the input files,
so running it twice gives the same bytes.
"""

import argparse
import json
import math
import os
import sys
from collections import Counter

MAGIC = b"CSBM"
VERSION = 1

# Layer ids in the file.
LAYER_REGION = 0
LAYER_WORLD = 1
LAYER_PROVINCES = 2  # reserved: no public-domain admin-1 data is bundled

# Line kinds in the file.
KIND_BORDER = 0
KIND_COAST = 1
KIND_PROVINCE = 2

# The region: the bundled timeline's countries (Pakistan, Afghanistan) and
# their neighbours. Every arc whose bounding box meets it is kept.
REGION = (44.0, 18.0, 92.0, 46.0)  # west, south, east, north
REGION_RESOLUTION = "10m"
REGION_UNITS = 10_000  # 1e-4 degree
WORLD_RESOLUTION = "110m"
WORLD_UNITS = 1_000  # 1e-3 degree: the 1:110m source is coarser than that
WORLD = (-180.0, -90.0, 180.0, 90.0)


# ----------------------------------------------------------------- encoding


def uvarint(n):
    if n < 0:
        raise ValueError("uvarint of a negative number")
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def svarint(n):
    return uvarint((n << 1) if n >= 0 else ((-n) << 1) - 1)


def string(s):
    raw = s.encode("utf-8")
    return uvarint(len(raw)) + raw


# ----------------------------------------------------------------- topojson


def load(dirs, resolution):
    name = f"countries-{resolution}.json"
    for d in dirs:
        path = os.path.join(d, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                return json.load(f)
    sys.exit(f"build.py: {name} is in none of {dirs}")


def decode_arcs(topo):
    """The topology's arcs as lists of (lon, lat) floats."""
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(p[0], p[1]) for p in arc]
        arcs.append(points)
    return arcs


def walk(nested):
    if isinstance(nested, int):
        yield nested
    else:
        for item in nested:
            yield from walk(item)


def arc_index(i):
    return i if i >= 0 else ~i


def arc_uses(topo):
    """For each arc, how many country geometries use it, and how often."""
    geometries = Counter()
    references = Counter()
    for geometry in topo["objects"]["countries"]["geometries"]:
        used = Counter(arc_index(i) for i in walk(geometry.get("arcs", [])))
        for index, count in used.items():
            geometries[index] += 1
            references[index] += count
    return geometries, references


def arc_kind(index, geometries, references):
    # An arc two countries share is a land border; one a single country uses
    # once is a coast. One a single country uses twice (a cut inside its own
    # land) is drawn as a border too.
    if geometries[index] >= 2 or references[index] >= 2:
        return KIND_BORDER
    return KIND_COAST


def ring_points(arcs, ring):
    """A ring's closed list of points, from its arc indices."""
    points = []
    for i in ring:
        arc = arcs[arc_index(i)]
        if i < 0:
            arc = arc[::-1]
        # Consecutive arcs share their end point.
        points.extend(arc if not points else arc[1:])
    return points


def polygons(arcs, geometry):
    """A geometry's polygons, each a list of rings (the first the outer)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        parts = [geometry["arcs"]]
    elif kind == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        parts = []
    return [[ring_points(arcs, ring) for ring in part] for part in parts]


def bbox(points):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def intersects(a, b):
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


# ------------------------------------------------------------------ labels


def crossings(rings, y):
    """x of every edge crossing the horizontal line at y (even-odd rule)."""
    xs = []
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            if (y0 > y) != (y1 > y):
                xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    xs.sort()
    return xs


def vertical_crossings(rings, x):
    return crossings([[(y, x) for x, y in ring] for ring in rings], x)


def inside(rings, x, y):
    return sum(1 for c in crossings(rings, y) if c < x) % 2 == 1


def clearance(rings, clip, x, y):
    """Distance in (roughly) kilometre-true degrees from (x, y) to the
    nearest edge of the polygon or of the clip box."""
    k = math.cos(math.radians(y))
    best = min((x - clip[0]) * k, (clip[2] - x) * k, y - clip[1], clip[3] - y)
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            ax, ay = (x0 - x) * k, y0 - y
            bx, by = (x1 - x) * k, y1 - y
            dx, dy = bx - ax, by - ay
            length = dx * dx + dy * dy
            t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
            px, py = ax + t * dx, ay + t * dy
            d = math.sqrt(px * px + py * py)
            if d < best:
                best = d
    return best


def intervals(xs, lo, hi):
    """Interior intervals of a sorted crossing list, clipped to lo..hi."""
    for a, b in zip(xs[0::2], xs[1::2]):
        a, b = max(a, lo), min(b, hi)
        if b > a:
            yield a, b


def label_point(rings, clip, scanlines=24):
    """A point well inside the polygon (and the clip box), and its
    clearance: the best midpoint of a few horizontal scanlines, then
    re-centred vertically and horizontally."""
    west, south, east, north = bbox(rings[0])
    west, south = max(west, clip[0]), max(south, clip[1])
    east, north = min(east, clip[2]), min(north, clip[3])
    if east <= west or north <= south:
        return None
    best = None
    for k in range(scanlines):
        # An irrational-looking offset keeps scanlines off vertices.
        y = south + (k + 0.5137) / scanlines * (north - south)
        for a, b in intervals(crossings(rings, y), west, east):
            x = (a + b) / 2
            score = clearance(rings, clip, x, y)
            if best is None or score > best[0]:
                best = (score, x, y)
    if best is None:
        return None
    score, x, y = best
    for _ in range(3):
        moved = False
        for a, b in intervals(vertical_crossings(rings, x), south, north):
            if a <= y <= b:
                cy = (a + b) / 2
                s = clearance(rings, clip, x, cy)
                if s > score:
                    score, y, moved = s, cy, True
        for a, b in intervals(crossings(rings, y), west, east):
            if a <= x <= b:
                cx = (a + b) / 2
                s = clearance(rings, clip, cx, y)
                if s > score:
                    score, x, moved = s, cx, True
        if not moved:
            break
    if not inside(rings, x, y):
        return None
    return score, x, y


def labels(topo, arcs, clip):
    """(name, lon, lat) for every named country with land inside clip."""
    out = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        name = (geometry.get("properties") or {}).get("name")
        if not name:
            continue
        best = None
        for rings in polygons(arcs, geometry):
            if not rings or len(rings[0]) < 4 or not intersects(bbox(rings[0]), clip):
                continue
            found = label_point(rings, clip)
            if found and (best is None or found[0] > best[0]):
                best = found
        if best:
            out.append((name, best[1], best[2]))
    return out


# ------------------------------------------------------------------ layers


def quantise(points, units):
    out = []
    for lon, lat in points:
        q = (round(lon * units), round(lat * units))
        if not out or out[-1] != q:
            out.append(q)
    return out


def quantise_lines(lines, units):
    """The lines in whole units; one that shrinks to a single point is not
    worth drawing and is dropped."""
    out = []
    for kind, points in lines:
        q = quantise(points, units)
        if len(q) >= 2:
            out.append((kind, q))
    return out


def encode_layer(layer_id, units, bounds, lines, names):
    """One layer: lines already quantised to `units` per degree."""
    body = bytearray()
    body += uvarint(units)
    for v in bounds:
        body += svarint(round(v * units))
    body += uvarint(len(lines))
    for kind, q in lines:
        body.append(kind)
        body += uvarint(len(q))
        px = py = 0
        for x, y in q:
            body += svarint(x - px)
            body += svarint(y - py)
            px, py = x, y
    body += uvarint(len(names))
    for name, lon, lat in names:
        body += string(name)
        body += svarint(round(lon * units))
        body += svarint(round(lat * units))
    return bytes([layer_id]) + uvarint(len(body)) + bytes(body)


def on_dateline(lon):
    return abs(lon) >= 179.999


def split_at_dateline(points):
    """An arc as polylines that never cross the map: Natural Earth cuts
    Russia, Fiji and Antarctica at 180 degrees, so an arc there jumps from
    +180 to -180 (a segment that would be drawn across the whole world) or
    runs along the cut (an edge that is no border nor coast). Both are
    left out, and the arc is split where they were."""
    pieces = [[points[0]]]
    for a, b in zip(points, points[1:]):
        if abs(a[0] - b[0]) > 180 or (on_dateline(a[0]) and on_dateline(b[0])):
            pieces.append([b])
        else:
            pieces[-1].append(b)
    return [piece for piece in pieces if len(piece) >= 2]


def arcs_layer(topo, clip):
    arcs = decode_arcs(topo)
    geometries, references = arc_uses(topo)
    lines = []
    for index, points in enumerate(arcs):
        if geometries[index] == 0 or len(points) < 2:
            continue
        kind = arc_kind(index, geometries, references)
        for piece in split_at_dateline(points):
            if intersects(bbox(piece), clip):
                lines.append((kind, piece))
    return lines, labels(topo, arcs, clip)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages", nargs="+", help="unpacked world-atlas folder(s)")
    parser.add_argument("-o", "--output", default=os.path.join(here, "borders.bin"))
    args = parser.parse_args()

    layers = []
    region_lines, region_labels = arcs_layer(load(args.packages, REGION_RESOLUTION), REGION)
    region_lines = quantise_lines(region_lines, REGION_UNITS)
    layers.append(encode_layer(LAYER_REGION, REGION_UNITS, REGION, region_lines, region_labels))
    world_lines, world_labels = arcs_layer(load(args.packages, WORLD_RESOLUTION), WORLD)
    world_lines = quantise_lines(world_lines, WORLD_UNITS)
    layers.append(encode_layer(LAYER_WORLD, WORLD_UNITS, WORLD, world_lines, world_labels))

    data = MAGIC + bytes([VERSION]) + uvarint(len(layers)) + b"".join(layers)
    with open(args.output, "wb") as f:
        f.write(data)
    for name, lines, names in (
        ("region", region_lines, region_labels),
        ("world", world_lines, world_labels),
    ):
        points = sum(len(p) for _, p in lines)
        borders = sum(1 for k, _ in lines if k == KIND_BORDER)
        print(
            f"{name}: {len(lines)} lines ({borders} borders), {points} points, "
            f"{len(names)} labels"
        )
    print(f"wrote {args.output}: {len(data)} bytes")


if __name__ == "__main__":
    main()
