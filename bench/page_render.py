"""Cytoscape.js against sigma.js: time to draw a pair graph of N edges in Chromium.

    python -m bench.page_render                  # 150, 2,000 and 28,599 edges (1M claims)

28,599 is the number of supplier->recipient pairs of the 1M-claim workload (BENCHMARKS.md);
the page caps the network at 150 pairs ("and N more"). Both libraries get the same 200
states on a circle (no layout cost) and the same edges, from an npm install of
web/package-lock.json (sigma and graphology are its dev dependencies). The time runs from
the library call to the second animation frame after it, when the canvas is drawn.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import math
import random
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from bench.browser import chromium

WEB = Path(__file__).resolve().parent.parent / "web"
LIBS = {
    "cytoscape": ["cytoscape/dist/cytoscape.min.js"],
    "sigma": ["graphology/dist/graphology.umd.min.js", "sigma/dist/sigma.min.js"],
}
HARNESS = """<!doctype html><meta charset="utf-8">
<div id="g" style="width:1200px;height:800px"></div>
%(scripts)s<script>
const data = %(data)s, lib = "%(lib)s";
const frame = () => new Promise(r => requestAnimationFrame(() => r()));
async function run() {
  const t0 = performance.now();
  if (lib === "cytoscape") {
    const els = data.nodes.map(n => ({data: {id: n.id}, position: {x: n.x, y: n.y}}))
      .concat(data.edges.map((e, i) =>
        ({data: {id: "e" + i, source: e[0], target: e[1], w: e[2]}})));
    window.cy = cytoscape({container: document.getElementById("g"), elements: els,
      layout: {name: "preset"}, style: [{selector: "edge", style: {
      width: "mapData(w, 1, 500, 1, 8)", "curve-style": "bezier",
      "target-arrow-shape": "triangle"}}]});
  } else {
    const g = new graphology.MultiDirectedGraph();
    data.nodes.forEach(n => g.addNode(n.id, {x: n.x, y: n.y, size: 4, label: n.id}));
    data.edges.forEach(e =>
      g.addEdge(e[0], e[1], {size: 1 + Math.min(e[2], 500) / 70, type: "arrow"}));
    window.renderer = new Sigma(g, document.getElementById("g"));
  }
  await frame(); await frame();
  return performance.now() - t0;
}
</script>"""


def pair_graph(edges: int, states: int = 200, seed: int = 7) -> dict[str, object]:
    """Zipf-weighted pairs (s = 1.1, as bench/synth.py draws suppliers and recipients)."""
    rng = random.Random(seed)
    ids = [f"S{i:03d}" for i in range(states)]
    weights = [1 / (i + 1) ** 1.1 for i in range(states)]
    pairs: dict[tuple[str, str], int] = {}
    while len(pairs) < edges:
        a, b = rng.choices(ids, weights, k=2)
        if a != b:
            pairs[(a, b)] = pairs.get((a, b), 0) + 1

    nodes = [
        {
            "id": s,
            "x": 500 * math.cos(2 * math.pi * i / states),
            "y": 500 * math.sin(2 * math.pi * i / states),
        }
        for i, s in enumerate(ids)
    ]
    return {"nodes": nodes, "edges": [[a, b, n] for (a, b), n in pairs.items()]}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _report(lib: str, size: int, times: list[float]) -> None:
    median = sorted(times)[len(times) // 2]
    runs = ", ".join(f"{t:.0f}" for t in times)
    print(f"{lib:10} {size:>7,} edges: median {median:8.0f} ms  (runs: {runs})", flush=True)


def measure(sizes: list[int], repeats: int) -> list[dict[str, object]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(WEB / name, root / name)
        subprocess.run(["npm", "ci", "--ignore-scripts"], cwd=root, check=True, capture_output=True)
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
        handler.log_message = lambda *a: None  # type: ignore[method-assign]
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            with chromium() as browser:
                page = browser.new_page()
                for size in sizes:
                    data = json.dumps(pair_graph(size))
                    for lib, files in LIBS.items():
                        scripts = "".join(
                            f'<script src="node_modules/{f}"></script>' for f in files
                        )
                        html = HARNESS % {"scripts": scripts, "data": data, "lib": lib}
                        (root / f"{lib}-{size}.html").write_text(html)
                        times = []
                        for _ in range(repeats):
                            page.goto(f"{base}/{lib}-{size}.html")
                            times.append(page.evaluate("run()"))
                        results.append({"lib": lib, "edges": size, "ms": times})
                        _report(lib, size, times)
        finally:
            server.shutdown()
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="150,2000,28599")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    measure([int(s) for s in args.sizes.split(",")], args.repeats)
