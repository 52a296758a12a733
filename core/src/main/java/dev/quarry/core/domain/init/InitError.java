package dev.quarry.core.domain.init;

/** Why {@code quarry domain init} or {@code quarry domain check} refused its input; the message says the details. */
public enum InitError {
  /** The {@code --source} value is not {@code KIND:LOCATION} with a known kind. */
  SOURCE_SYNTAX,
  /** The source file or folder does not exist. */
  SOURCE_MISSING,
  /** The source exists but cannot be read as the kind it claims to be. */
  SOURCE_UNREADABLE,
  /** The database server cannot be reached (wrong host or port, server down). */
  SOURCE_UNREACHABLE,
  /** The database server refused the user or password. */
  SOURCE_AUTH,
  /** The source has no tables (or the folder no data files). */
  SOURCE_EMPTY,
  /** A domain, table or column name is not a valid identifier. */
  INVALID_IDENTIFIER,
  /** The descriptions file is missing or malformed. */
  DESCRIPTIONS_INVALID,
  /** The output file exists and {@code --force} was not given. */
  OUTPUT_EXISTS,
  /** The domain file records no source to check against. */
  NO_SOURCE
}
