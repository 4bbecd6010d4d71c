"""``python3 -m worksection --version`` prints the library version."""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

import worksection


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m worksection",
        description="The worksection Python package.")
    parser.add_argument(
        "--version", action="version",
        version=f"worksection {worksection.version()}",
        help="print the library version and exit")
    parser.parse_args(argv)
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
