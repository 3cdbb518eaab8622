"""Running the pipeline on Apache Spark, for corpora that outgrow one machine.

:func:`analyze_on_spark` is the driver around :meth:`faultlines.pipeline.Pipeline.pipe`
inside ``mapPartitions``; pyspark is imported only when a session is needed
(``pip install 'faultlines[spark]'``, Java 17 or newer).
"""
from .spark import SPARK_MISSING, analyze_on_spark, spark_session

__all__ = ["SPARK_MISSING", "analyze_on_spark", "spark_session"]
