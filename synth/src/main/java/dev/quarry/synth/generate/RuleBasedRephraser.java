package dev.quarry.synth.generate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic rule-based rephrasing: polite and indirect wrappers ("Can you tell me how many …"),
 * contractions, imperative/question swaps, casual lower-case typing, fragments and headings (the noun phrase
 * of a question or command without its verb: "average GPA at Lincoln by term"), and the domain's
 * abbreviations ({@code abbreviations} in {@code domain.json}, e.g. "average" → "avg"). The random choice among
 * variants comes from {@code hash(seed, question)}, so the result depends only on the seed and the
 * question. Only variants that still express every literal ({@link LiteralCheck}) are returned.
 */
public final class RuleBasedRephraser implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern WHAT_IS = Pattern.compile("^What(?: is|'s| was) the (.+)\\?$");
  private static final Pattern HOW_MANY = Pattern.compile("^How many (.+)\\?$");
  private static final Pattern WHICH = Pattern.compile("^Which (.+)\\?$");
  private static final Pattern IMPERATIVE = Pattern.compile("^(Show|List|Count|Give|Break down|Compare|Tell) (.+)\\.$");

  private static final Pattern LEADING_ARTICLE = Pattern.compile("^(?:me )?(?:the |a )?", Pattern.CASE_INSENSITIVE);

  private final long seed;
  private final Map<Pattern, List<String>> abbreviations = new java.util.LinkedHashMap<>();
  private final LiteralCheck check = new LiteralCheck();

  /** A rephraser whose choices derive from {@code seed}, without abbreviations. */
  public RuleBasedRephraser(long seed) {
    this(seed, Map.of());
  }

  /**
   * A rephraser whose choices derive from {@code seed}.
   *
   * @param abbreviations word or phrase → short forms (the domain's {@code abbreviations})
   */
  public RuleBasedRephraser(long seed, Map<String, List<String>> abbreviations) {
    this.seed = seed;
    new java.util.TreeMap<>(abbreviations).forEach((phrase, shortForms) -> this.abbreviations.put(
        Pattern.compile("(?<![\\w-])" + Pattern.quote(phrase) + "(?![\\w-])", Pattern.CASE_INSENSITIVE), shortForms));
  }

  /**
   * Rephrasings of {@code question}, distinct from it and from each other after
   * {@link QuestionRealizer#normalize(String)}.
   *
   * @param literals literals that every rephrasing must still express
   * @param max the most variants returned
   * @return 0..max variants in a seeded random order
   */
  public List<String> rephrase(String question, List<LiteralPhrases> literals, int max) {
    List<String> variants = variants(question);
    SplittableRandom rng = Seeds.rng(seed, question);
    GenContext.shuffle(variants, rng);
    if (!abbreviations.isEmpty() && !variants.isEmpty() && rng.nextBoolean()) {
      String abbreviated = abbreviate(variants.get(0), rng);
      if (!abbreviated.equals(variants.get(0))) {
        variants.add(0, abbreviated);
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    String self = QuestionRealizer.normalize(question);
    for (String v : variants) {
      String t = v.equals(v.toLowerCase()) ? v : QuestionRealizer.tidy(v);
      String key = QuestionRealizer.normalize(t);
      if (out.size() < max && !key.equals(self) && check.allExpressed(t, literals)) {
        out.putIfAbsent(key, t);
      }
    }
    return new ArrayList<>(out.values());
  }

  /** {@code q} with every phrase that has short forms replaced by one of them (seeded choice). */
  String abbreviate(String q, SplittableRandom rng) {
    String out = q;
    for (Map.Entry<Pattern, List<String>> a : abbreviations.entrySet()) {
      Matcher m = a.getKey().matcher(out);
      if (m.find()) {
        out = m.replaceAll(Matcher.quoteReplacement(a.getValue().get(rng.nextInt(a.getValue().size()))));
      }
    }
    return out;
  }

  /** Every rule's output for a question (before shuffling and checking). */
  static List<String> variants(String q) {
    List<String> out = new ArrayList<>();
    Matcher m = WHAT_IS.matcher(q);
    if (m.matches()) {
      String x = m.group(1);
      out.add("Tell me the " + x + ".");
      out.add("Can you tell me the " + x + "?");
      out.add("I'd like to know the " + x + ".");
      out.add("What's the " + x + "?");
      out.add("Show me the " + x + ".");
      out.add(x);
    }
    m = HOW_MANY.matcher(q);
    if (m.matches()) {
      String x = m.group(1);
      out.add("Can you tell me how many " + x + "?");
      out.add("Do you know how many " + x + "?");
      out.add("I want to know how many " + x + ".");
      out.add("Please tell me how many " + x + ".");
      out.add("number of " + x);
    }
    m = WHICH.matcher(q);
    if (m.matches()) {
      String x = m.group(1);
      out.add("Tell me which " + x + ".");
      out.add("Can you find out which " + x + "?");
      out.add("I need to know which " + x + ".");
    }
    m = IMPERATIVE.matcher(q);
    if (m.matches()) {
      String verb = m.group(1);
      String rest = m.group(2);
      String lowerVerb = verb.toLowerCase();
      out.add("Please " + lowerVerb + " " + rest + ".");
      out.add("Can you " + lowerVerb + " " + rest + "?");
      out.add(verb + " " + rest + ", please.");
      if (verb.equals("Show") || verb.equals("List")) {
        out.add("Display " + rest + ".");
        out.add("I need you to " + lowerVerb + " " + rest + ".");
      }
      if (verb.equals("Give")) {
        out.add("Get " + rest + ".");
      }
      if (!verb.equals("Count") && !verb.equals("Compare") && !verb.equals("Tell")) {
        out.add(LEADING_ARTICLE.matcher(rest).replaceFirst(""));
      }
    }
    if (q.contains("number of ")) {
      out.add(q.replaceFirst("number of ", "count of "));
    }
    if (q.contains(" were there ")) {
      out.add(q.replaceFirst(" were there ", " did we have "));
    }
    // Casual typing: lower case, no final punctuation.
    out.add(q.toLowerCase().replaceAll("[?.]$", ""));
    return out;
  }
}
