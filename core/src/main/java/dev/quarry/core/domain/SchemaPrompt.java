package dev.quarry.core.domain;

import dev.quarry.core.sql.SqlIdentifiers;
import java.util.stream.Collectors;

/**
 * The system prompt that carries a domain's schema to a text-to-SQL model: the same text is written into
 * the chat-format training shards and sent to OpenAI-compatible models at evaluation time.
 *
 * <p>Shape: one instruction paragraph, then one {@code CREATE TABLE} line per table with the domain's
 * column names and SQL types, then the current year, so that relative years ("last year") resolve.
 */
public final class SchemaPrompt {

  private SchemaPrompt() {}

  /** Renders the system prompt for {@code domain}. */
  public static String render(Domain domain) {
    StringBuilder sb = new StringBuilder();
    sb.append("You translate questions about the ").append(domain.name())
        .append(" database into SQL. Answer with exactly one DuckDB SELECT statement and nothing else.\n");
    sb.append(domain.description()).append("\n\n");
    for (Domain.Table t : domain.tables()) {
      sb.append("CREATE TABLE ").append(SqlIdentifiers.quoteIdent(t.name())).append(" (")
          .append(t.columns().stream().map(c -> SqlIdentifiers.quoteIdent(c.name()) + " " + c.type())
              .collect(Collectors.joining(", ")))
          .append(");\n");
    }
    Domain.Years y = domain.years();
    if (y == null) {
      return sb.toString().stripTrailing();
    }
    sb.append("\nThe current ").append(y.column().replace('_', ' ')).append(" is '").append(y.current())
        .append("'; ").append(y.column()).append(" values: ")
        .append(y.values().stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "))).append('.');
    return sb.toString();
  }
}
