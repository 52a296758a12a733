package dev.quarry.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Deduplicates pairs by normalized question.
 *
 * <ul>
 *   <li>A question text that appears with SQL whose results differ (different result fingerprints) is
 *       ambiguous: every pair with it is rejected ({@code ambiguous_question}).
 *   <li>Otherwise one pair is kept per normalized question: the one with the smallest (normalized SQL,
 *       question) in lexicographic order, so the choice does not depend on processing order; the others are
 *       rejected as {@code duplicate}. This keeps at most one pair per (normalized question, normalized SQL).
 * </ul>
 *
 * <p>Output: a {@link PCollectionTuple} with {@link #KEPT} and {@link #REJECTED}.
 */
public final class DedupePairs extends PTransform<PCollection<Pair>, PCollectionTuple> {

  /** Pairs kept. */
  public static final TupleTag<Pair> KEPT = new TupleTag<>() {};
  /** Pairs dropped, with reason. */
  public static final TupleTag<Reject> REJECTED = new TupleTag<>() {};

  @Override
  public PCollectionTuple expand(PCollection<Pair> pairs) {
    return pairs
        .apply("KeyByQuestion", WithKeys.of(Pair::normalizedQuestion).withKeyType(TypeDescriptor.of(String.class)))
        .apply("GroupByQuestion", GroupByKey.create())
        .apply("ChoosePair", ParDo.of(new ChoosePairFn()).withOutputTags(KEPT, TupleTagList.of(REJECTED)));
  }

  /** Keeps one pair per question group or rejects an ambiguous group. */
  static final class ChoosePairFn extends DoFn<KV<String, Iterable<Pair>>, Pair> {
    private final Counter ambiguous = Metrics.counter(DedupePairs.class, "ambiguous_question");
    private final Counter duplicates = Metrics.counter(DedupePairs.class, "duplicate");
    private final Counter kept = Metrics.counter(DedupePairs.class, "kept");

    @ProcessElement
    public void process(@Element KV<String, Iterable<Pair>> group, MultiOutputReceiver out) {
      List<Pair> all = new ArrayList<>();
      group.getValue().forEach(all::add);
      all.sort(Comparator.comparing(Pair::normalizedSql).thenComparing(Pair::question).thenComparing(Pair::id));
      Set<String> results = new TreeSet<>();
      all.forEach(p -> results.add(p.fingerprint()));
      if (results.size() > 1) {
        for (Pair p : all) {
          ambiguous.inc();
          out.get(REJECTED).output(new Reject("DedupePairs", "ambiguous_question",
              "question also asked of SQL with a different result (" + results.size() + " distinct results)",
              p.templateId(), p.sql(), p.question()));
        }
        return;
      }
      kept.inc();
      out.get(KEPT).output(all.get(0));
      for (Pair p : all.subList(1, all.size())) {
        duplicates.inc();
        out.get(REJECTED).output(new Reject("DedupePairs", "duplicate",
            "same normalized question as pair " + all.get(0).id(), p.templateId(), p.sql(), p.question()));
      }
    }
  }
}
