"""Copy the page's JavaScript from npm into api/static/vendor, with the hashes CI checks.

    python web/vendor.py          # npm ci from web/package-lock.json, then copy
    python web/vendor.py --check  # npm ci into a temporary folder, compare with the copy

The copy is committed, so `pip install` needs no Node; the page never loads anything from
elsewhere at run time. ``vendor.json`` names each copied file's package, version, the lock's
integrity hash of the package, and the file's SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

WEB = Path(__file__).resolve().parent
VENDOR = WEB.parent / "api" / "static" / "vendor"
MANIFEST = VENDOR / "vendor.json"
# package -> files of it the page serves (paths inside the package)
FILES = {"cytoscape": ["dist/cytoscape.min.js", "LICENSE"]}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def npm_ci(folder: Path) -> Path:
    """Install exactly what the lock names (no scripts, no dev packages); node_modules."""
    for name in ("package.json", "package-lock.json"):
        if folder != WEB:
            shutil.copy(WEB / name, folder / name)
    subprocess.run(
        ["npm", "ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=folder,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return folder / "node_modules"


def expected(modules: Path) -> dict[str, dict[str, str]]:
    """{vendored file name: {package, version, integrity, sha256}} from an npm install."""
    lock = json.loads((WEB / "package-lock.json").read_text())["packages"]
    out = {}
    for package, paths in FILES.items():
        entry = lock[f"node_modules/{package}"]
        for inner in paths:
            source = modules / package / inner
            name = f"{package}.{Path(inner).name}" if inner == "LICENSE" else Path(inner).name
            out[name] = {
                "package": package,
                "version": entry["version"],
                "integrity": entry["integrity"],
                "sha256": sha256(source),
            }
    return out


def copy() -> None:
    modules = npm_ci(WEB)
    files = expected(modules)
    VENDOR.mkdir(parents=True, exist_ok=True)
    for name, info in files.items():
        inner = next(p for p in FILES[info["package"]] if name.endswith(Path(p).name))
        shutil.copy(modules / info["package"] / inner, VENDOR / name)
    MANIFEST.write_text(json.dumps(files, indent=2, sort_keys=True) + "\n")
    print(f"copied {len(files)} files into {VENDOR}")


def check() -> list[str]:
    """Differences between the committed copy and a fresh install from the lock."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = expected(npm_ci(Path(tmp)))
    committed = json.loads(MANIFEST.read_text())
    problems = [f"vendor.json differs from the lock: {committed} != {fresh}"] * (committed != fresh)
    for name, info in committed.items():
        path = VENDOR / name
        if not path.exists() or sha256(path) != info["sha256"]:
            problems.append(f"{path} does not match vendor.json (run python web/vendor.py)")
    return problems


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        found = check()
        print("\n".join(found) or "api/static/vendor matches web/package-lock.json")
        sys.exit(1 if found else 0)
    copy()
