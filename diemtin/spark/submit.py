"""The script to hand ``spark-submit``: the same arguments as ``diemtin spark``, with the
master and resources set by spark-submit (``--master`` here would override it)."""

import sys

from diemtin.cli import main

if __name__ == "__main__":
    sys.exit(main(["spark", *sys.argv[1:]]))
