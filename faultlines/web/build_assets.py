"""Maintainer tool: rebuild the offline base map shipped in ``static/basemap/``.

Not used at run time. The dashboard's map needs country borders without any
network, so we ship a small GeoJSON made from Natural Earth (public domain)
as packaged by the npm ``world-atlas`` package (ISC licence, TopoJSON):
the 1:50m shapes for the region the corpus is about (Central Asia, Russia and
neighbours), 1:110m for the rest of the world, coordinates rounded to 0.01°.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m faultlines.web.build_assets package/countries-50m.json package/countries-110m.json

Leaflet (BSD-2-Clause) and Swagger UI (Apache-2.0) are copied verbatim from
their npm packages (``leaflet@1.9.4`` ``dist/``, ``swagger-ui-dist@5.35.0``)
with their licence files into ``static/vendor/``.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("static") / "basemap" / "countries.geojson"
# lon_min, lat_min, lon_max, lat_max of the region drawn at 1:50m.
REGION = (20.0, 20.0, 140.0, 80.0)
DIGITS = 2


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Decode the delta-encoded, quantized arcs into lon/lat points."""
    transform = topology.get("transform")
    decoded = []
    for arc in topology["arcs"]:
        points = []
        x = y = 0
        for point in arc:
            if transform:
                x += point[0]
                y += point[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((point[0], point[1]))
        decoded.append(points)
    return decoded


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    ring: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(arc if not ring else arc[1:])
    out: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, DIGITS), round(lat, DIGITS)]
        if not out or out[-1] != point:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def _polygons(geometry: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> list[list[list[list[float]]]]:
    if geometry.get("type") == "Polygon":
        groups = [geometry["arcs"]]
    elif geometry.get("type") == "MultiPolygon":
        groups = geometry["arcs"]
    else:
        return []
    polygons = []
    for polygon in groups:
        rings = [_ring(r, arcs) for r in polygon]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            polygons.append(rings)
    return polygons


def _in_region(polygons: list) -> bool:
    lon0, lat0, lon1, lat1 = REGION
    return any(lon0 <= lon <= lon1 and lat0 <= lat <= lat1 for p in polygons for r in p for lon, lat in r)


def features(path: Path) -> dict[str, dict[str, Any]]:
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    out = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = (geometry.get("properties") or {}).get("name")
        polygons = _polygons(geometry, arcs)
        if name and polygons and name != "Antarctica":
            out[name] = {"polygons": polygons, "id": geometry.get("id")}
    return out


def build(fine: Path, coarse: Path, out: Path = OUT) -> int:
    detailed, world = features(fine), features(coarse)
    collection = []
    for name in sorted(set(detailed) | set(world)):
        chosen = detailed.get(name) if name in detailed and _in_region(detailed[name]["polygons"]) else world.get(name)
        chosen = chosen or detailed[name]
        collection.append(
            {
                "type": "Feature",
                "properties": {"name": name, "id": chosen["id"]},
                "geometry": {"type": "MultiPolygon", "coordinates": chosen["polygons"]},
            }
        )
    data = json.dumps({"type": "FeatureCollection", "features": collection}, separators=(",", ":"), ensure_ascii=False)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(data, encoding="utf-8")
    return len(data.encode("utf-8"))


if __name__ == "__main__":  # pragma: no cover - maintainer tool
    size = build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {OUT} ({size / 1024:.0f} KiB)")
