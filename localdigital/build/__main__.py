"""`python -m localdigital.build` is `localdigital build`."""

import sys

from ..cli import main

if __name__ == "__main__":
    raise SystemExit(main(["build", *sys.argv[1:]]))
