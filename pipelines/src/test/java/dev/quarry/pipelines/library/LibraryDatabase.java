package dev.quarry.pipelines.library;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the public library database committed as {@code data/sources/library/library.sql}: a second,
 * hand-built source for "bring your own database" (branches, members, titles, copies, loans, fines), written as ONE
 * SQL script that SQLite and PostgreSQL both run and read the same way.
 *
 * <p>Portability rules the script follows: lower-case unquoted identifiers; types INTEGER, VARCHAR(n), DATE,
 * NUMERIC(p,2) and BOOLEAN only; dates as ISO {@code 'YYYY-MM-DD'} literals; booleans as {@code TRUE}/{@code FALSE};
 * money with two decimals; primary keys and single-column foreign keys declared in the CREATE TABLE; rows inserted in
 * primary-key order (parents before children), 200 rows per INSERT; the whole script in one transaction, after
 * {@code DROP TABLE IF EXISTS} of every table so that loading it again replaces the data.
 *
 * <p>Every random choice comes from one {@link Random} seeded with {@link #SEED}: the same code gives the same
 * bytes ({@code LibraryDatabaseTest} checks the committed file against a fresh generation).
 *
 * <p>Sizes: 8 branches, 600 members, 420 titles, 1,300 copies, 4,800 loans (2023-01-02 to 2024-12-31, the
 * database's "today" being {@link #TODAY}), and a fine for each loan returned (or still out) after its due date.
 */
public final class LibraryDatabase {

  /** The seed of every random choice in the committed file. */
  public static final long SEED = 20261203L;

  /** The day the data describes: loans not returned by then have a NULL {@code return_date}. */
  public static final LocalDate TODAY = LocalDate.of(2024, 12, 31);

  private static final int ROWS_PER_INSERT = 200;

  private static final String[][] BRANCHES = {
    // name, city, opened, floor area m²
    {"Central Library", "Riverton", "1968-05-14", "5200"},
    {"Northside", "Riverton", "1987-09-01", "1400"},
    {"Harbour View", "Riverton", "2004-03-22", "1850"},
    {"Oak Park", "Maplewood", "1979-11-10", "980"},
    {"Maplewood Community", "Maplewood", "1995-06-18", "1200"},
    {"Eastfield", "Eastfield", "2011-02-07", "1600"},
    {"Stonebridge", "Stonebridge", "1958-08-30", "760"},
    {"Westgate Mobile Library", "Eastfield", "2019-04-15", "40"},
  };

  private static final String[] CITIES = {"Riverton", "Maplewood", "Eastfield", "Stonebridge", "Lakeside"};
  private static final String[] MEMBERSHIP = {"adult", "child", "senior", "student", "teacher"};
  private static final int[] MEMBERSHIP_WEIGHT = {50, 18, 16, 12, 4};

  private static final String[] GENRES = {"biography", "children", "cookery", "crime", "fantasy", "history",
    "literary fiction", "poetry", "romance", "science", "science fiction", "self-help", "travel", "young adult"};
  private static final String[] FORMATS = {"hardcover", "paperback", "large print", "ebook", "audiobook", "dvd"};
  private static final int[] FORMAT_WEIGHT = {30, 38, 6, 12, 9, 5};
  private static final String[] LANGUAGES = {"English", "Spanish", "French", "German", "Polish", "Arabic"};
  private static final int[] LANGUAGE_WEIGHT = {78, 8, 5, 4, 3, 2};
  private static final String[] CONDITIONS = {"new", "good", "fair", "worn", "damaged"};
  private static final String[] FINE_REASONS = {"overdue", "damaged item", "lost item"};

  private static final String[] FIRST = {"Ada", "Ben", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hugo", "Ines",
    "Jonas", "Keiko", "Liam", "Maya", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Samir", "Tara", "Uma", "Victor",
    "Wen", "Yusuf", "Zoe"};
  private static final String[] LAST = {"Abbott", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia",
    "Haddad", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quint",
    "Rossi", "Schmidt", "Tanaka", "Underwood", "Varga", "Whitfield", "Young", "Zielinski"};
  private static final String[] ADJ = {"Silent", "Broken", "Golden", "Hidden", "Last", "Little", "Lost", "Northern",
    "Quiet", "Red", "Salt", "Secret", "Shifting", "Winter", "Wild", "Glass", "Paper", "Distant", "Burning", "Small"};
  private static final String[] NOUN = {"River", "Garden", "Harbour", "Kingdom", "Letters", "Map", "Orchard", "Road",
    "Sea", "Station", "Summer", "Tide", "Tower", "Valley", "Voices", "Island", "Archive", "Lantern", "Bridge",
    "Forest"};

  private LibraryDatabase() {}

  /**
   * Writes the script for {@link #SEED} to a file.
   *
   * @param args one argument, the output path (default {@code data/sources/library/library.sql}, relative to the
   *     working directory)
   * @throws IOException when the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "data/sources/library/library.sql");
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, script(SEED), StandardCharsets.UTF_8);
    System.out.println("wrote " + out + " (" + Files.size(out) + " bytes)");
  }

  /**
   * The whole script: DROP TABLE IF EXISTS, CREATE TABLE, then INSERTs, inside BEGIN/COMMIT; lines end with
   * {@code \n}, statements with {@code ;} at the end of a line.
   *
   * @param seed the seed of every random choice
   * @return the script text (UTF-8, ASCII only)
   */
  public static String script(long seed) {
    Random r = new Random(seed);
    StringBuilder s = new StringBuilder();
    s.append("-- Public library database for Quarry's \"bring your own database\" (data/sources/library/README.md).\n")
        .append("-- Generated by dev.quarry.pipelines.library.LibraryDatabase (seed ").append(seed)
        .append("); do not edit by hand.\n")
        .append("-- Runs unchanged in SQLite (sqlite3 FILE < library.sql) and PostgreSQL (psql -f library.sql).\n")
        .append("BEGIN;\n");
    for (String t : List.of("fines", "loans", "copies", "titles", "members", "branches")) {
      s.append("DROP TABLE IF EXISTS ").append(t).append(";\n");
    }
    s.append("""
        CREATE TABLE branches (
          branch_id INTEGER PRIMARY KEY,
          branch_name VARCHAR(60) NOT NULL,
          city VARCHAR(40) NOT NULL,
          opened_date DATE NOT NULL,
          floor_area_sqm INTEGER NOT NULL
        );
        CREATE TABLE members (
          member_id INTEGER PRIMARY KEY,
          home_branch_id INTEGER NOT NULL REFERENCES branches (branch_id),
          membership_type VARCHAR(20) NOT NULL,
          city VARCHAR(40) NOT NULL,
          joined_date DATE NOT NULL,
          is_active BOOLEAN NOT NULL
        );
        CREATE TABLE titles (
          title_id INTEGER PRIMARY KEY,
          title VARCHAR(120) NOT NULL,
          author VARCHAR(80) NOT NULL,
          genre VARCHAR(30) NOT NULL,
          format VARCHAR(20) NOT NULL,
          language VARCHAR(20) NOT NULL,
          publication_year INTEGER NOT NULL,
          page_count INTEGER
        );
        CREATE TABLE copies (
          copy_id INTEGER PRIMARY KEY,
          title_id INTEGER NOT NULL REFERENCES titles (title_id),
          branch_id INTEGER NOT NULL REFERENCES branches (branch_id),
          acquired_date DATE NOT NULL,
          purchase_price NUMERIC(8,2) NOT NULL,
          condition VARCHAR(20) NOT NULL
        );
        CREATE TABLE loans (
          loan_id INTEGER PRIMARY KEY,
          copy_id INTEGER NOT NULL REFERENCES copies (copy_id),
          member_id INTEGER NOT NULL REFERENCES members (member_id),
          checkout_date DATE NOT NULL,
          due_date DATE NOT NULL,
          return_date DATE,
          renewals INTEGER NOT NULL
        );
        CREATE TABLE fines (
          fine_id INTEGER PRIMARY KEY,
          loan_id INTEGER NOT NULL REFERENCES loans (loan_id),
          reason VARCHAR(20) NOT NULL,
          amount NUMERIC(6,2) NOT NULL,
          assessed_date DATE NOT NULL,
          is_paid BOOLEAN NOT NULL,
          paid_date DATE
        );
        """);

    // Branches.
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < BRANCHES.length; i++) {
      String[] b = BRANCHES[i];
      rows.add(row(i + 1, text(b[0]), text(b[1]), text(b[2]), b[3]));
    }
    insert(s, "branches", rows);

    // Members: most join their city's branches; the mobile library and the central one draw from everywhere.
    int members = 600;
    LocalDate[] joined = new LocalDate[members + 1];
    rows.clear();
    for (int m = 1; m <= members; m++) {
      String city = CITIES[weighted(r, new int[] {45, 22, 18, 9, 6})];
      int branch = homeBranch(r, city);
      joined[m] = LocalDate.of(2010, 1, 1).plusDays(r.nextInt(14 * 365 + 300));
      boolean active = r.nextInt(100) < 88;
      rows.add(row(m, branch, text(MEMBERSHIP[weighted(r, MEMBERSHIP_WEIGHT)]), text(city), date(joined[m]),
          bool(active)));
    }
    insert(s, "members", rows);

    // Titles: printed formats have a page count, audiobooks, e-books without one and DVDs have none.
    int titles = 420;
    String[] format = new String[titles + 1];
    int[] popularity = new int[titles + 1];
    rows.clear();
    List<String> seen = new ArrayList<>();
    for (int t = 1; t <= titles; t++) {
      String title;
      do {
        title = switch (r.nextInt(4)) {
          case 0 -> "The " + pick(r, ADJ) + " " + pick(r, NOUN);
          case 1 -> pick(r, NOUN) + " of the " + pick(r, ADJ) + " " + pick(r, NOUN);
          case 2 -> "A " + pick(r, ADJ) + " " + pick(r, NOUN);
          default -> pick(r, ADJ) + " " + pick(r, NOUN) + "s";
        };
      } while (seen.contains(title));
      seen.add(title);
      String author = pick(r, FIRST) + " " + pick(r, LAST) + (r.nextInt(10) == 0 ? "-" + pick(r, LAST) : "");
      String genre = GENRES[r.nextInt(GENRES.length)];
      format[t] = FORMATS[weighted(r, FORMAT_WEIGHT)];
      String language = LANGUAGES[weighted(r, LANGUAGE_WEIGHT)];
      int year = 2024 - (int) Math.min(70, Math.floor(-Math.log(1 - r.nextDouble()) * 9));
      String pages;
      if (format[t].equals("dvd") || format[t].equals("audiobook") || format[t].equals("ebook") && r.nextBoolean()) {
        pages = "NULL";
      } else {
        int base = genre.equals("children") ? 32 + r.nextInt(120) : genre.equals("poetry") ? 60 + r.nextInt(90)
            : 180 + r.nextInt(320);
        pages = Integer.toString(format[t].equals("large print") ? base * 3 / 2 : base);
      }
      popularity[t] = 1 + r.nextInt(10) + (year >= 2022 ? 6 : 0);
      rows.add(row(t, text(title), text(author), text(genre), text(format[t]), text(language), year, pages));
    }
    insert(s, "titles", rows);

    // Copies: one to six of each title, spread over the branches; price by format, with a little noise.
    List<int[]> copies = new ArrayList<>(); // {copy_id, title_id}
    rows.clear();
    int copyId = 0;
    for (int t = 1; t <= titles; t++) {
      int n = 1 + r.nextInt(popularity[t] >= 10 ? 6 : 4);
      for (int k = 0; k < n; k++) {
        copyId++;
        int branch = 1 + weighted(r, new int[] {30, 12, 14, 8, 11, 13, 6, 6});
        LocalDate acquired = LocalDate.of(2008, 1, 1).plusDays(r.nextInt(16 * 365 + 365));
        double base = switch (format[t]) {
          case "hardcover" -> 24;
          case "paperback" -> 11;
          case "large print" -> 19;
          case "ebook" -> 14;
          case "audiobook" -> 32;
          default -> 18;
        };
        BigDecimal price = BigDecimal.valueOf(base * (0.7 + 0.6 * r.nextDouble())).setScale(2, RoundingMode.HALF_UP);
        String condition = CONDITIONS[weighted(r, new int[] {12, 46, 24, 13, 5})];
        rows.add(row(copyId, t, branch, date(acquired), price.toPlainString(), text(condition)));
        for (int w = 0; w < popularity[t]; w++) {
          copies.add(new int[] {copyId, t});
        }
      }
    }
    insert(s, "copies", rows);

    // Loans: checkouts from 2023-01-02 to TODAY in date order; 21 days (7 for DVDs), up to two renewals of 14 days.
    int loans = 4800;
    LocalDate first = LocalDate.of(2023, 1, 2);
    int span = (int) (TODAY.toEpochDay() - first.toEpochDay());
    List<LocalDate> checkout = new ArrayList<>();
    for (int i = 0; i < loans; i++) {
      checkout.add(first.plusDays(r.nextInt(span + 1)));
    }
    checkout.sort(null);
    rows.clear();
    List<String> fineRows = new ArrayList<>();
    int fineId = 0;
    for (int l = 1; l <= loans; l++) {
      int[] copy = copies.get(r.nextInt(copies.size()));
      int member;
      do {
        member = 1 + r.nextInt(members);
      } while (joined[member].isAfter(checkout.get(l - 1)));
      LocalDate out = checkout.get(l - 1);
      boolean dvd = format[copy[1]].equals("dvd");
      int renewals = dvd ? 0 : weighted(r, new int[] {70, 20, 10});
      LocalDate due = out.plusDays((dvd ? 7 : 21) + 14L * renewals);
      int outcome = r.nextInt(1000);
      LocalDate returned;
      if (outcome < 820) {
        returned = out.plusDays(3 + r.nextInt((int) (due.toEpochDay() - out.toEpochDay()) - 2));
      } else if (outcome < 985) {
        returned = due.plusDays(1 + (long) Math.floor(-Math.log(1 - r.nextDouble()) * 8));
      } else {
        returned = null; // lost, or still out long after the due date
      }
      if (returned != null && returned.isAfter(TODAY)) {
        returned = null;
      }
      rows.add(row(l, copy[0], member, date(out), date(due), returned == null ? "NULL" : date(returned), renewals));

      LocalDate end = returned != null ? returned : TODAY;
      if (end.isAfter(due)) {
        long late = end.toEpochDay() - due.toEpochDay();
        String reason = returned == null && late > 60 ? "lost item" : r.nextInt(40) == 0 ? "damaged item" : "overdue";
        BigDecimal amount = switch (reason) {
          case "lost item" -> BigDecimal.valueOf(15 + r.nextInt(26)).setScale(2, RoundingMode.UNNECESSARY);
          case "damaged item" -> BigDecimal.valueOf(5 + r.nextInt(11)).setScale(2, RoundingMode.UNNECESSARY);
          default -> BigDecimal.valueOf(Math.min(late, 40) * (dvd ? 100 : 25), 2);
        };
        LocalDate assessed = returned != null ? returned : due.plusDays(61);
        if (!assessed.isAfter(TODAY)) {
          boolean paid = r.nextInt(100) < (reason.equals(FINE_REASONS[0]) ? 72 : 40);
          LocalDate paidOn = paid ? assessed.plusDays(r.nextInt(45)) : null;
          if (paidOn != null && paidOn.isAfter(TODAY)) {
            paid = false;
            paidOn = null;
          }
          fineId++;
          fineRows.add(row(fineId, l, text(reason), amount.toPlainString(), date(assessed), bool(paid),
              paidOn == null ? "NULL" : date(paidOn)));
        }
      }
    }
    insert(s, "loans", rows);
    insert(s, "fines", fineRows);
    s.append("COMMIT;\n");
    return s.toString();
  }

  /** The home branch of a member living in {@code city}. */
  private static int homeBranch(Random r, String city) {
    return switch (city) {
      case "Riverton" -> 1 + r.nextInt(3);
      case "Maplewood" -> 4 + r.nextInt(2);
      case "Eastfield" -> r.nextInt(4) == 0 ? 8 : 6;
      case "Stonebridge" -> 7;
      default -> r.nextBoolean() ? 1 : 8; // Lakeside has no branch of its own
    };
  }

  private static void insert(StringBuilder s, String table, List<String> rows) {
    for (int i = 0; i < rows.size(); i += ROWS_PER_INSERT) {
      s.append("INSERT INTO ").append(table).append(" VALUES\n");
      List<String> part = rows.subList(i, Math.min(rows.size(), i + ROWS_PER_INSERT));
      for (int k = 0; k < part.size(); k++) {
        s.append(part.get(k)).append(k == part.size() - 1 ? ";\n" : ",\n");
      }
    }
  }

  private static String row(Object... values) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      b.append(i == 0 ? "" : ", ").append(values[i]);
    }
    return b.append(')').toString();
  }

  private static String text(String v) {
    return "'" + v.replace("'", "''") + "'";
  }

  private static String date(LocalDate d) {
    return "'" + d + "'";
  }

  private static String bool(boolean b) {
    return b ? "TRUE" : "FALSE";
  }

  private static String pick(Random r, String[] values) {
    return values[r.nextInt(values.length)];
  }

  /** An index drawn with the given integer weights. */
  private static int weighted(Random r, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int x = r.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    throw new IllegalStateException("unreachable");
  }
}
