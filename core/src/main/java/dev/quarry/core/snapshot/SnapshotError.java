package dev.quarry.core.snapshot;

/** Why {@code quarry seed} refused to snapshot an imported domain's source; the message says the details. */
public enum SnapshotError {
  /** The domain file records no source (a built-in domain, made by a seed generator). */
  NO_SOURCE,
  /** The source's tables, columns or types differ from the domain file's (the schema hashes differ). */
  SOURCE_SCHEMA_CHANGED,
  /** An existing snapshot in the workspace was taken from a source with another schema hash. */
  SNAPSHOT_SCHEMA_CHANGED,
  /** A value does not fit the column's domain type (an INTEGER outside 32 bits, text in a number column). */
  VALUE_UNREADABLE,
  /** The source could not be read. */
  SOURCE_UNREADABLE
}
