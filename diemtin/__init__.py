"""diemtin: raw Vietnamese news pages in, clean, deduplicated, searchable articles out."""

__version__ = "0.1.0"
