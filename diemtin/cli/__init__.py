"""The ``diemtin`` command (:func:`main`), its commands grouped by what they work on."""

from diemtin.cli.parser import build_parser, main

__all__ = ["build_parser", "main"]
