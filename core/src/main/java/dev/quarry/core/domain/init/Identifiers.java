package dev.quarry.core.domain.init;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns SQL identifiers into words: splits snake_case and camelCase, expands common abbreviations
 * ({@code qty} → quantity, {@code amt} → amount, {@code dt} → date, {@code id} → ID…), and forms plurals and
 * singulars with English spelling rules. Pure functions; no state.
 */
public final class Identifiers {

  private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Abbreviation → expansion, as staff write them in column names. */
  public static final Map<String, String> ABBREVIATIONS = new TreeMap<>(Map.ofEntries(
      Map.entry("qty", "quantity"), Map.entry("amt", "amount"), Map.entry("dt", "date"), Map.entry("num", "number"),
      Map.entry("no", "number"), Map.entry("nbr", "number"), Map.entry("pct", "percent"),
      Map.entry("perc", "percent"), Map.entry("id", "ID"), Map.entry("avg", "average"), Map.entry("cnt", "count"),
      Map.entry("yr", "year"), Map.entry("mo", "month"), Map.entry("desc", "description"),
      Map.entry("addr", "address"), Map.entry("cust", "customer"), Map.entry("prod", "product"),
      Map.entry("dept", "department"), Map.entry("emp", "employee"), Map.entry("mgr", "manager"),
      Map.entry("acct", "account"), Map.entry("tot", "total"), Map.entry("max", "maximum"),
      Map.entry("min", "minimum"), Map.entry("pos", "position"), Map.entry("ts", "timestamp"),
      Map.entry("tel", "telephone"), Map.entry("ph", "phone"), Map.entry("cat", "category"),
      Map.entry("st", "status"), Map.entry("stat", "status"), Map.entry("sku", "SKU"), Map.entry("dob", "date of birth"),
      Map.entry("ssn", "SSN"), Map.entry("zip", "ZIP code"), Map.entry("url", "URL"), Map.entry("uuid", "UUID"),
      Map.entry("usd", "USD"), Map.entry("pk", "key"), Map.entry("fk", "key")));

  private static final Map<String, String> IRREGULAR_PLURALS = Map.ofEntries(
      Map.entry("person", "people"), Map.entry("child", "children"), Map.entry("man", "men"),
      Map.entry("woman", "women"), Map.entry("mouse", "mice"), Map.entry("foot", "feet"), Map.entry("tooth", "teeth"),
      Map.entry("criterion", "criteria"), Map.entry("datum", "data"), Map.entry("analysis", "analyses"),
      Map.entry("index", "indices"), Map.entry("status", "statuses"), Map.entry("address", "addresses"));

  private static final Map<String, String> IRREGULAR_SINGULARS = invert(IRREGULAR_PLURALS);

  private Identifiers() {}

  /** Whether {@code name} is a plain SQL identifier: a letter or underscore, then letters, digits, underscores. */
  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /**
   * Checks that every name is a plain identifier.
   *
   * @param names the names
   * @param what what they name, for the message ("table", "column orders.…")
   * @throws DomainInitException {@link InitError#INVALID_IDENTIFIER} naming every invalid one
   */
  public static void requireValid(List<String> names, String what) {
    List<String> bad = names.stream().filter(n -> !isValid(n)).map(n -> "'" + n + "'").toList();
    if (!bad.isEmpty()) {
      throw new DomainInitException(InitError.INVALID_IDENTIFIER,
          "Not a valid identifier (" + what + "): " + String.join(", ", bad)
              + ". Names must start with a letter or '_' and contain only letters, digits and '_'; rename them in"
              + " the source (or export a view with valid names).");
    }
  }

  /**
   * Splits an identifier into lower-case words: {@code order_items} → [order, items]; {@code unitPriceUSD} →
   * [unit, price, usd]; digits stay with their word.
   */
  public static List<String> split(String identifier) {
    List<String> words = new ArrayList<>();
    for (String part : identifier.split("[^A-Za-z0-9]+")) {
      if (part.isEmpty()) {
        continue;
      }
      StringBuilder w = new StringBuilder();
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        boolean boundary = i > 0 && Character.isUpperCase(c)
            && (Character.isLowerCase(part.charAt(i - 1))
                || i + 1 < part.length() && Character.isLowerCase(part.charAt(i + 1))
                    && Character.isUpperCase(part.charAt(i - 1)));
        if (boundary && w.length() > 0) {
          words.add(w.toString().toLowerCase(Locale.ROOT));
          w.setLength(0);
        }
        w.append(c);
      }
      if (w.length() > 0) {
        words.add(w.toString().toLowerCase(Locale.ROOT));
      }
    }
    return words;
  }

  /** The words of {@code identifier} with abbreviations expanded: {@code order_qty} → [order, quantity]. */
  public static List<String> words(String identifier) {
    List<String> out = new ArrayList<>();
    for (String w : split(identifier)) {
      out.add(ABBREVIATIONS.getOrDefault(w, w));
    }
    return out;
  }

  /** The abbreviations that occur in {@code identifier}, as (expansion → abbreviation), sorted. */
  public static Map<String, String> abbreviationsIn(String identifier) {
    Map<String, String> out = new TreeMap<>();
    for (String w : split(identifier)) {
      String e = ABBREVIATIONS.get(w);
      if (e != null && !e.equalsIgnoreCase(w)) {
        out.put(e, w);
      }
    }
    return out;
  }

  /** The identifier as words: {@code unit_price_amt} → "unit price amount", {@code customer_id} → "customer ID". */
  public static String humanize(String identifier) {
    return String.join(" ", words(identifier));
  }

  /** The plural of an English noun phrase (its last word changes): "order item" → "order items". */
  public static String plural(String phrase) {
    int sp = phrase.lastIndexOf(' ');
    String head = phrase.substring(sp + 1);
    return phrase.substring(0, sp + 1) + pluralWord(head);
  }

  /** The singular of an English noun phrase (its last word changes): "order items" → "order item". */
  public static String singular(String phrase) {
    int sp = phrase.lastIndexOf(' ');
    String head = phrase.substring(sp + 1);
    return phrase.substring(0, sp + 1) + singularWord(head);
  }

  /** Whether the phrase's last word already reads as a plural. */
  public static boolean isPlural(String phrase) {
    return !singular(phrase).equals(phrase);
  }

  private static String pluralWord(String w) {
    String lw = w.toLowerCase(Locale.ROOT);
    if (w.isEmpty() || !w.equals(lw) || IRREGULAR_SINGULARS.containsKey(lw)) {
      return w; // acronyms ("ID", "SKU") and words already plural stay
    }
    if (IRREGULAR_PLURALS.containsKey(lw)) {
      return IRREGULAR_PLURALS.get(lw);
    }
    if (lw.endsWith("s") && !lw.endsWith("ss") && !lw.endsWith("us") && !lw.endsWith("is")) {
      return w; // already plural
    }
    if (lw.endsWith("y") && lw.length() > 1 && "aeiou".indexOf(lw.charAt(lw.length() - 2)) < 0) {
      return w.substring(0, w.length() - 1) + "ies";
    }
    if (lw.endsWith("s") || lw.endsWith("x") || lw.endsWith("z") || lw.endsWith("ch") || lw.endsWith("sh")) {
      return w + "es";
    }
    return w + "s";
  }

  private static String singularWord(String w) {
    String lw = w.toLowerCase(Locale.ROOT);
    if (w.isEmpty() || !w.equals(lw)) {
      return w;
    }
    if (IRREGULAR_SINGULARS.containsKey(lw)) {
      return IRREGULAR_SINGULARS.get(lw);
    }
    if (lw.endsWith("ies") && lw.length() > 3) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (lw.endsWith("sses") || lw.endsWith("xes") || lw.endsWith("zes") || lw.endsWith("ches")
        || lw.endsWith("shes")) {
      return w.substring(0, w.length() - 2);
    }
    if (lw.endsWith("s") && !lw.endsWith("ss") && !lw.endsWith("us") && !lw.endsWith("is") && lw.length() > 2) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  private static Map<String, String> invert(Map<String, String> m) {
    Map<String, String> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(v, k));
    return out;
  }
}
