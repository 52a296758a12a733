package dev.quarry.core.domain;

/** The SQL types that domain columns may have; the same names appear in Parquet (via Avro) and DuckDB. */
public enum SqlType {
  VARCHAR,
  INTEGER,
  DOUBLE,
  BOOLEAN,
  DATE
}
