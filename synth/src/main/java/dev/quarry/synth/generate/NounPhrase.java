package dev.quarry.synth.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A realized noun phrase: {@code head} ("female ninth graders") and {@code tail} (post-modifiers such as
 * "at Lincoln in 2023-24"), which frames may place apart ("How many {head} were there {tail}?").
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
        boolean ok = switch (r.kind()) {
          case PRE -> pre.size() < 2;
          case POST -> true;
          case MEMBER -> true;
        };
        if (ok) {
          allowed.add(r.kind() == Filter.Kind.MEMBER && (!entity || member != null)
              ? new Filter.Rendering(Filter.Kind.POST, "for " + r.text()) : r);
        }
      }
      Filter.Rendering r = allowed.get(rng.nextInt(allowed.size()));
      switch (r.kind()) {
        case PRE -> pre.add(r.text());
        case POST -> post.add(r.text());
        case MEMBER -> member = r.text();
      }
    }
    String noun = member != null ? member : nouns.get(rng.nextInt(nouns.size()));
    List<String> head = new ArrayList<>(pre);
    head.add(noun);
    return new NounPhrase(String.join(" ", head), String.join(" ", post));
  }

  /**
   * Renders filters as post-modifiers only ("at Lincoln for ninth graders in 2023-24"); head is empty.
   * At most one filter may instead read "for {pre-modifier} {noun}" ("for chronically absent students").
   */
  static NounPhrase tailOnly(List<Filter> filters, List<String> nouns, SplittableRandom rng) {
    List<String> post = new ArrayList<>();
    boolean nounUsed = false;
    for (Filter f : shuffled(filters, rng)) {
      List<String> allowed = new ArrayList<>();
      for (Filter.Rendering r : f.renderings()) {
        if (r.kind() == Filter.Kind.POST) {
          allowed.add(r.text());
        } else if (r.kind() == Filter.Kind.MEMBER) {
          allowed.add("for " + r.text());
        } else if (!nounUsed && !nouns.isEmpty()) {
          allowed.add("for " + r.text() + " " + nouns.get(rng.nextInt(nouns.size())));
        }
      }
      String pick = allowed.get(rng.nextInt(allowed.size()));
      nounUsed |= f.renderings().stream().anyMatch(
          r -> r.kind() == Filter.Kind.PRE && pick.startsWith("for " + r.text() + " "));
      post.add(pick);
    }
    return new NounPhrase("", String.join(" ", post));
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
