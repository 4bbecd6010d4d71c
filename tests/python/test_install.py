"""The package loads the one shared library, from where it should."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import worksection
from worksection import _worksection


def loaded_libraries():
    with open("/proc/self/maps") as maps:
        return {line.split()[-1] for line in maps
                if "libworksection.so" in line}


def test_exactly_one_libworksection_is_loaded():
    libs = {os.path.realpath(p) for p in loaded_libraries()}
    assert len(libs) == 1, libs


def test_the_module_sits_in_the_package():
    assert Path(_worksection.__file__).parent == Path(
        worksection.__file__).parent
    package = Path(worksection.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_worksection.pyi").is_file()


@pytest.mark.skipif(os.environ.get("WS_EXPECT_WHEEL") != "1",
                    reason="only for the installed wheel")
def test_installed_wheel_uses_its_own_library():
    package = Path(worksection.__file__).resolve().parent
    assert str(package).startswith(os.path.realpath(os.sys.prefix))
    assert loaded_libraries() == {str(package / "libworksection.so.0")}
