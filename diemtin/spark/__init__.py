"""The batch job on Apache Spark (``diemtin spark``); needs the ``spark`` extra."""

INSTALL_HINT = "the Spark job needs PySpark: pip install 'diemtin[spark]'"
