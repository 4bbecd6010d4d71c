"""Builds the worksection wheel: setuptools driving CMake.

The pure-Python package comes from ./worksection; the compiled module
_worksection and the shared library libworksection.so.0 come from a CMake
build of the repository (WS_PYTHON_WHEEL=ON gives the module an $ORIGIN
RPATH, so it loads the library beside it). Nothing is downloaded: CMake
finds Abseil, protobuf, SQLite and pybind11 on the system.

Environment:
  WORKSECTION_SOURCE_DIR   the repository (default: two levels up)
  WORKSECTION_BUILD_DIR    where CMake and setuptools build (default:
                           ./build, ignored by git)
  CMAKE_BUILD_PARALLEL_LEVEL  parallel compile jobs (default: all cores)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = Path(__file__).resolve().parent
SOURCE = Path(os.environ.get("WORKSECTION_SOURCE_DIR", HERE.parent.parent))
BUILD = Path(os.environ.get("WORKSECTION_BUILD_DIR", HERE / "build"))


def library_version() -> str:
    text = (SOURCE / "CMakeLists.txt").read_text()
    match = re.search(r"project\(worksection\s+VERSION\s+([0-9.]+)", text)
    if not match:
        sys.exit(f"setup.py: no project version in {SOURCE}/CMakeLists.txt")
    return match.group(1)


class BinaryDistribution(Distribution):
    """A platform wheel: the package carries compiled code."""

    def has_ext_modules(self) -> bool:
        return True


class BuildWithCMake(build_py):
    """build_py, plus the CMake-built module and library."""

    def run(self) -> None:
        super().run()
        cmake_dir = BUILD / "cmake"
        cmake = os.environ.get("CMAKE", "cmake")
        self.spawn([
            cmake, "-S", str(SOURCE), "-B", str(cmake_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            "-DWS_BUILD_TESTS=OFF",
            "-DWS_BUILD_EXAMPLES=OFF",
            "-DWS_BUILD_PYTHON=ON",
            "-DWS_PYTHON_WHEEL=ON",
            f"-DPython3_EXECUTABLE={sys.executable}",
        ])
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL",
                              str(os.cpu_count() or 1))
        self.spawn([cmake, "--build", str(cmake_dir), "--target",
                    "ws_python", "--parallel", jobs])
        module, library = (
            Path(line) for line in
            (cmake_dir / "python_wheel_files.txt").read_text().split())
        package = Path(self.build_lib) / "worksection"
        package.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(module, package / module.name)
        # The file named by the SONAME (a symlink in the build tree), as a
        # regular file: what the module's DT_NEEDED asks for.
        shutil.copyfile(library, package / library.name)
        for built in (package / module.name, package / library.name):
            built.chmod(0o755)


setup(
    version=library_version(),
    distclass=BinaryDistribution,
    cmdclass={"build_py": BuildWithCMake},
    options={
        "build": {"build_base": str(BUILD / "setuptools")},
        "egg_info": {"egg_base": str(BUILD)},
    },
)
