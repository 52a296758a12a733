package dev.quarry.synth.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A realized noun phrase: {@code head} ("female ninth graders") and {@code tail} (post-modifiers such as
 * "at Lincoln in 2023-24"), which frames may place apart ("How many {head} were there {tail}?").
 *
 * <p>Fallback renderings ("flagged as …", "where the … is …") are chosen only one time in four when a
 * filter has other renderings. Consecutive "with …" modifiers are joined with "and" ("with severity
 * minor and incident type theft"), as are consecutive "where the …" clauses.
 */
record NounPhrase(String head, String tail) {

  /** Head and tail joined. */
  String full() {
    return (head + " " + tail).trim();
  }

  /**
   * Renders filters around one of the nouns.
   *
   * @param nouns plural nouns to choose from
   * @param filters conditions to express, each exactly once
   * @param entity whether member phrases ("ninth graders") may replace the noun
   */
  static NounPhrase of(List<String> nouns, List<Filter> filters, boolean entity, SplittableRandom rng) {
    List<String> pre = new ArrayList<>();
    List<String> post = new ArrayList<>();
    String member = null;
    for (Filter f : shuffled(filters, rng)) {
      List<Filter.Rendering> allowed = new ArrayList<>();
      for (Filter.Rendering r : f.renderings()) {
        if (r.kind() == Filter.Kind.PRE && pre.size() >= 2) {
          continue;
        }
        allowed.add(r.kind() == Filter.Kind.MEMBER && (!entity || member != null)
            ? new Filter.Rendering(Filter.Kind.POST, "for " + r.text()) : r);
      }
      Filter.Rendering r = choose(allowed, rng);
      switch (r.kind()) {
        case PRE -> pre.add(r.text());
        case POST -> post.add(r.text());
        case MEMBER -> member = r.text();
      }
    }
    String noun = member != null ? member : nouns.get(rng.nextInt(nouns.size()));
    List<String> head = new ArrayList<>(pre);
    head.add(noun);
    return new NounPhrase(String.join(" ", head), joinPosts(post));
  }

  /**
   * Renders filters as post-modifiers only ("at Lincoln for ninth graders in 2023-24"); head is empty.
   * A flag may instead read "for {flag phrase} {noun}" ("for chronically absent attendance records"),
   * at most once.
   */
  static NounPhrase tailOnly(List<Filter> filters, List<String> nouns, SplittableRandom rng) {
    List<String> post = new ArrayList<>();
    boolean nounUsed = false;
    for (Filter f : shuffled(filters, rng)) {
      boolean flag = "TRUE".equals(f.literal().sql()) || "FALSE".equals(f.literal().sql());
      List<Filter.Rendering> allowed = new ArrayList<>();
      for (Filter.Rendering r : f.renderings()) {
        if (r.kind() == Filter.Kind.POST) {
          allowed.add(r);
        } else if (r.kind() == Filter.Kind.MEMBER) {
          allowed.add(new Filter.Rendering(Filter.Kind.POST, "for " + r.text()));
        } else if (flag && !nounUsed && !nouns.isEmpty()) {
          allowed.add(new Filter.Rendering(Filter.Kind.PRE,
              "for " + r.text() + " " + nouns.get(rng.nextInt(nouns.size()))));
        }
      }
      Filter.Rendering pick = choose(allowed, rng);
      nounUsed |= pick.kind() == Filter.Kind.PRE;
      post.add(pick.text());
    }
    return new NounPhrase("", joinPosts(post));
  }

  /** Uniform over non-fallback renderings three times in four, else over all. */
  private static Filter.Rendering choose(List<Filter.Rendering> allowed, SplittableRandom rng) {
    List<Filter.Rendering> preferred = allowed.stream().filter(r -> !r.fallback()).toList();
    List<Filter.Rendering> from = preferred.isEmpty() || rng.nextInt(4) == 0 ? allowed : preferred;
    return from.get(rng.nextInt(from.size()));
  }

  /** Joins post-modifiers, merging consecutive "with …" and "where the …" into one coordinated phrase. */
  static String joinPosts(List<String> posts) {
    StringBuilder sb = new StringBuilder();
    String prev = "";
    for (String p : posts) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      if (prev.startsWith("with ") && p.startsWith("with ")) {
        sb.append("and ").append(p.substring(5));
      } else if (prev.startsWith("where the ") && p.startsWith("where the ")) {
        sb.append("and ").append(p.substring(6));
      } else {
        sb.append(p);
      }
      prev = p;
    }
    return sb.toString();
  }

  private static List<Filter> shuffled(List<Filter> in, SplittableRandom rng) {
    List<Filter> out = new ArrayList<>(in);
    for (int i = out.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      Filter tmp = out.get(i);
      out.set(i, out.get(j));
      out.set(j, tmp);
    }
    return out;
  }
}
