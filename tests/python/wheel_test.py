#!/usr/bin/env python3
"""Builds the worksection wheel, installs it into a fresh venv, and runs the
pytest suite against the installed package.

    wheel_test.py --source-dir REPO --work-dir DIR [-- PYTEST_ARGS...]

The wheel is built by the documented command, `python3 -m pip wheel
--no-build-isolation --no-deps .` in bindings/python (plus --no-index and
-w), offline. Its CMake build lives in DIR, kept between runs so a rerun is
incremental; the wheel, the venv and everything else go to a temporary
directory removed at the end. The venv sees the system site-packages (for
pytest) but nothing of the build tree: PYTHONPATH is cleared, and the suite
runs from the temporary directory with WS_EXPECT_WHEEL=1, so it checks that
the package and libworksection.so.0 come from the venv.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path


def run(cmd, **kwargs):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    started = time.monotonic()
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)
    print(f"  ({time.monotonic() - started:.1f} s)", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source-dir", type=Path, required=True)
    parser.add_argument("--work-dir", type=Path, required=True)
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directory")
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args()

    source = args.source_dir.resolve()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["WORKSECTION_BUILD_DIR"] = str(args.work_dir.resolve())
    env.setdefault("CMAKE_BUILD_PARALLEL_LEVEL", "2")
    env["PIP_NO_INPUT"] = "1"

    tmp = Path(tempfile.mkdtemp(prefix="ws-wheel-"))
    try:
        dist = tmp / "dist"
        run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation",
             "--no-deps", "--no-index", "--no-cache-dir", "-w", dist, "."],
            cwd=source / "bindings" / "python", env=env)
        wheels = list(dist.glob("worksection-*.whl"))
        assert len(wheels) == 1, wheels
        wheel = wheels[0]
        names = set(zipfile.ZipFile(wheel).namelist())
        for expected in ("worksection/__init__.py",
                         "worksection/__main__.py",
                         "worksection/py.typed",
                         "worksection/_worksection.pyi",
                         "worksection/libworksection.so.0"):
            assert expected in names, f"{expected} missing from {wheel.name}"
        assert any(n.startswith("worksection/_worksection.")
                   and n.endswith(".so") for n in names), names
        assert "-cp3" in wheel.name and "linux" in wheel.name, wheel.name
        print(f"built {wheel.name}: {len(names)} files", flush=True)

        venv = tmp / "venv"
        # Without pip of its own (quicker): this pip installs into it.
        run([sys.executable, "-m", "venv", "--system-site-packages",
             "--without-pip", venv])
        python = venv / "bin" / "python"
        run([sys.executable, "-m", "pip", "--python", python, "install",
             "--no-deps", "--no-index", "--no-cache-dir", wheel], env=env)
        run([python, "-m", "worksection", "--version"], cwd=tmp, env=env)
        env["WS_EXPECT_WHEEL"] = "1"
        run([python, "-m", "pytest", *args.pytest_args,
             source / "tests" / "python"], cwd=tmp, env=env)
    except subprocess.CalledProcessError as e:
        print(f"wheel_test: {e}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            import shutil
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
