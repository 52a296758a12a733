package dev.quarry.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Dead-letter output: writes every {@link Reject} to {@code rejects/rejects.jsonl}, one JSON object per line
 * ({@code step, reason, message, template_id, sql, question}), sorted so the file's bytes are deterministic.
 * Rejects are bounded by the number of candidates (not by data size), so one file suffices.
 */
public final class WriteRejects extends PTransform<PCollection<Reject>, PCollection<Long>> {

  /** Path of the rejects file relative to the dataset directory. */
  public static final String PATH = "rejects/rejects.jsonl";

  private final String outputDir;

  /** Writes under {@code outputDir}. */
  public WriteRejects(String outputDir) {
    this.outputDir = outputDir;
  }

  @Override
  public PCollection<Long> expand(PCollection<Reject> rejects) {
    return rejects
        .apply("KeyAll", WithKeys.<String, Reject>of("rejects").withKeyType(TypeDescriptors.strings()))
        .apply("GatherRejects", GroupByKey.create())
        .apply("WriteRejectsFile", ParDo.of(new WriteFn(outputDir)));
  }

  static final class WriteFn extends DoFn<KV<String, Iterable<Reject>>, Long> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String outputDir;

    WriteFn(String outputDir) {
      this.outputDir = outputDir;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Reject>> all, OutputReceiver<Long> out) {
      List<Reject> rows = new ArrayList<>();
      all.getValue().forEach(rows::add);
      rows.sort(Comparator.comparing(Reject::step).thenComparing(r -> r.reason().id())
          .thenComparing(Reject::sql).thenComparing(r -> r.question() == null ? "" : r.question())
          .thenComparing(r -> r.message() == null ? "" : r.message()));
      Path file = Path.of(outputDir).resolve(PATH);
      try {
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          for (Reject r : rows) {
            Map<String, Object> m = new TreeMap<>();
            m.put("step", r.step());
            m.put("reason", r.reason().id());
            m.put("message", r.message());
            m.put("template_id", r.templateId());
            m.put("sql", r.sql());
            m.put("question", r.question());
            w.write(JSON.writeValueAsString(m));
            w.write('\n');
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + file, e);
      }
      out.output((long) rows.size());
    }
  }
}
