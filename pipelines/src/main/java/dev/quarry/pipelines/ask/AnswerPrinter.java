package dev.quarry.pipelines.ask;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.model.SqlCandidate;
import java.io.PrintStream;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

/**
 * Prints {@link Answer}s in one {@link OutputFormat}.
 *
 * <ul>
 *   <li>{@code table}: on standard output the SQL ({@link SqlLayout#format}), a blank line, the result
 *       ({@link ResultTable}) and a row count line such as {@code (3 rows)} or
 *       {@code (first 50 of 153 rows; --show-rows shows more)}; with several questions each answer starts
 *       with {@code Question: …}.
 *   <li>{@code csv}: on standard output only the result ({@link ResultCsv}), so that it can be redirected
 *       to a file; the SQL and notes go to standard error. With several questions each result is preceded by
 *       a {@code # question: …} line (and a failed one by {@code # error: …}) and followed by a blank line.
 *   <li>{@code json}: one object per answer and line (JSON Lines) with {@code question}, {@code sql} (on
 *       one line), {@code columns}, {@code rows}, {@code row_count} (null when only a lower bound is
 *       known, then given as {@code row_count_more_than}), {@code truncated} and {@code error} (null on
 *       success); with verbose also {@code score}, {@code decoding_ms}, {@code alternatives} and
 *       {@code hidden_candidates}. Dates are ISO strings.
 * </ul>
 *
 * <p>Errors go to standard error as {@code quarry: error: …} in every format. With verbose, the model's
 * score (labelled), the decoding time, the other complete candidates and the number of incomplete
 * candidates left out (with their unfilled placeholders) follow the result (on standard error for csv).
 * Without verbose no score is printed.
 */
public final class AnswerPrinter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OutputFormat format;
  private final boolean verbose;
  private final boolean many;
  private final PrintStream out;
  private final PrintStream err;
  private int printed;

  /**
   * @param format the output format
   * @param verbose also print score, decoding time and alternatives
   * @param many whether several questions are answered (each answer then names its question)
   * @param out standard output
   * @param err standard error
   */
  public AnswerPrinter(OutputFormat format, boolean verbose, boolean many, PrintStream out, PrintStream err) {
    this.format = format;
    this.verbose = verbose;
    this.many = many;
    this.out = out;
    this.err = err;
  }

  /**
   * Prints one answer.
   *
   * @param a the answer
   */
  public void print(Answer a) {
    switch (format) {
      case table -> printTable(a);
      case csv -> printCsv(a);
      case json -> out.println(jsonLine(a, verbose));
    }
    if (!a.ok()) {
      err.println("quarry: error: " + (many ? "\"" + a.question() + "\": " : "") + a.error());
    }
    out.flush();
    printed++;
  }

  private void printTable(Answer a) {
    if (many) {
      if (printed > 0) {
        out.println();
      }
      out.println("Question: " + a.question());
    }
    if (a.sql() != null) {
      out.println(SqlLayout.format(a.sql()));
    }
    if (a.ok()) {
      out.println();
      out.println(ResultTable.render(a.columns(), a.rows()));
      out.println("(" + rowsLine(a) + ")");
    }
    if (verbose) {
      out.println();
      details(a, out);
    }
  }

  private void printCsv(Answer a) {
    if (many) {
      if (printed > 0) {
        out.println();
      }
      out.println("# question: " + oneLine(a.question()));
      if (!a.ok()) {
        out.println("# error: " + oneLine(a.error()));
      }
      err.println("Question: " + a.question());
    }
    if (a.sql() != null) {
      err.println(SqlLayout.format(a.sql()));
    }
    if (a.ok()) {
      out.print(ResultCsv.render(a.columns(), a.rows()));
      if (a.truncated()) {
        err.println("(" + rowsLine(a) + ")");
      }
    }
    if (verbose) {
      details(a, err);
    }
    err.flush();
  }

  /** The row count in words: {@code 1 row}, {@code 3 rows}, {@code first 50 of 153 rows; …}. */
  static String rowsLine(Answer a) {
    int shown = a.rows().size();
    if (!a.truncated()) {
      return shown + (shown == 1 ? " row" : " rows");
    }
    String total = a.rowCountExact() ? String.format(Locale.ROOT, "%,d", a.rowCount())
        : String.format(Locale.ROOT, "more than %,d", a.rowCount());
    return "first " + shown + " of " + total + " rows; --show-rows shows more";
  }

  private static void details(Answer a, PrintStream to) {
    if (a.score() != null) {
      to.printf(Locale.ROOT, "score: %.3f (the model's log-probability of this SQL; 0 is certain, lower is less sure)%n",
          a.score());
    }
    to.printf(Locale.ROOT, "decoding: %.1f ms%n", a.latencyMicros() / 1000.0);
    if (!a.alternatives().isEmpty()) {
      to.println("other complete candidates:");
      for (SqlCandidate c : a.alternatives()) {
        to.printf(Locale.ROOT, "  score %.3f: %s%n", c.score(), SqlLayout.oneLine(c.sql()));
      }
    }
    if (a.hidden() > 0) {
      to.println("not shown: " + a.hidden() + (a.hidden() == 1 ? " incomplete candidate" : " incomplete candidates")
          + (a.hiddenPlaceholders().isEmpty() ? ""
          : " (unfilled placeholders: " + String.join(", ", a.hiddenPlaceholders()) + ")"));
    }
  }

  /**
   * The JSON Lines record of an answer.
   *
   * @param a the answer
   * @param verbose whether to add score, decoding time, alternatives and hidden candidates
   * @return one line of JSON, without a line break
   */
  public static String jsonLine(Answer a, boolean verbose) {
    ObjectNode o = JSON.createObjectNode();
    o.put("question", a.question());
    o.put("sql", a.sql() == null ? null : SqlLayout.oneLine(a.sql()));
    ArrayNode cols = o.putArray("columns");
    a.columns().forEach(cols::add);
    ArrayNode rows = o.putArray("rows");
    for (List<Object> row : a.rows()) {
      ArrayNode r = rows.addArray();
      for (Object v : row) {
        addValue(r, v);
      }
    }
    if (a.ok() && a.rowCountExact()) {
      o.put("row_count", a.rowCount());
    } else {
      o.putNull("row_count");
      if (a.ok()) {
        o.put("row_count_more_than", a.rowCount());
      }
    }
    o.put("truncated", a.ok() && a.truncated());
    o.put("error", a.error());
    if (verbose) {
      if (a.score() == null) {
        o.putNull("score");
      } else {
        o.put("score", a.score());
      }
      o.put("decoding_ms", a.latencyMicros() / 1000.0);
      ArrayNode alts = o.putArray("alternatives");
      for (SqlCandidate c : a.alternatives()) {
        alts.addObject().put("sql", SqlLayout.oneLine(c.sql())).put("score", c.score());
      }
      o.put("hidden_candidates", a.hidden());
    }
    return o.toString();
  }

  private static void addValue(ArrayNode r, Object v) {
    if (v == null) {
      r.addNull();
    } else if (v instanceof Long l) {
      r.add(l);
    } else if (v instanceof Integer i) {
      r.add(i);
    } else if (v instanceof Double d) {
      r.add(d);
    } else if (v instanceof Float f) {
      r.add(f);
    } else if (v instanceof Boolean b) {
      r.add(b);
    } else if (v instanceof java.math.BigDecimal d) {
      r.add(d);
    } else if (v instanceof java.math.BigInteger i) {
      r.add(i);
    } else if (v instanceof TemporalAccessor t) {
      r.add(t.toString());
    } else {
      r.add(String.valueOf(v));
    }
  }

  private static String oneLine(String s) {
    return s.replace("\r", " ").replace("\n", " ");
  }
}
