package dev.quarry.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
public final class DedupePairs extends PTransform<PCollection<SynthPair>, PCollectionTuple> {

  /** Pairs kept. */
  public static final TupleTag<SynthPair> KEPT = new TupleTag<>() {};
  /** Pairs dropped, with reason. */
  public static final TupleTag<Reject> REJECTED = new TupleTag<>() {};

  /**
   * Pairs are grouped by a hash bucket of the normalized question and then by question in memory: a
   * bounded number of keys keeps the Direct runner from making one bundle per question. A bucket holds
   * about 1/{@value} of the pairs.
   */
  static final int BUCKETS = 64;

  @Override
  public PCollectionTuple expand(PCollection<SynthPair> pairs) {
    return pairs
        .apply("KeyByQuestionBucket", WithKeys.of((SynthPair p) -> (int) (StableHash.bucketKey(p.normalizedQuestion()) % BUCKETS))
            .withKeyType(TypeDescriptor.of(Integer.class)))
        .apply("GroupByQuestionBucket", GroupByKey.create())
        .apply("ChoosePairs", ParDo.of(new ChoosePairFn()).withOutputTags(KEPT, TupleTagList.of(REJECTED)));
  }

  /** Keeps one pair per question group or rejects an ambiguous group. */
  static final class ChoosePairFn extends DoFn<KV<Integer, Iterable<SynthPair>>, SynthPair> {
    private final Counter ambiguous = Metrics.counter(DedupePairs.class, "ambiguous_question");
    private final Counter duplicates = Metrics.counter(DedupePairs.class, "duplicate");
    private final Counter kept = Metrics.counter(DedupePairs.class, "kept");

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<SynthPair>> bucket, MultiOutputReceiver out) {
      Map<String, List<SynthPair>> byQuestion = new TreeMap<>();
      bucket.getValue().forEach(p -> byQuestion.computeIfAbsent(p.normalizedQuestion(), k -> new ArrayList<>()).add(p));
      byQuestion.values().forEach(group -> choose(group, out));
    }

    private void choose(List<SynthPair> all, MultiOutputReceiver out) {
      all.sort(Comparator.comparing(SynthPair::normalizedSql).thenComparing(SynthPair::question).thenComparing(SynthPair::id));
      Set<String> results = new TreeSet<>();
      all.forEach(p -> results.add(p.fingerprint()));
      if (results.size() > 1) {
        for (SynthPair p : all) {
          ambiguous.inc();
          out.get(REJECTED).output(new Reject("DedupePairs", DropReason.Dropped.AMBIGUOUS_QUESTION,
              "question also asked of SQL with a different result (" + results.size() + " distinct results)",
              p.templateId(), p.sql(), p.question()));
        }
        return;
      }
      kept.inc();
      out.get(KEPT).output(all.get(0));
      for (SynthPair p : all.subList(1, all.size())) {
        duplicates.inc();
        out.get(REJECTED).output(new Reject("DedupePairs", DropReason.Dropped.DUPLICATE,
            "same normalized question as pair " + all.get(0).id(), p.templateId(), p.sql(), p.question()));
      }
    }
  }
}
