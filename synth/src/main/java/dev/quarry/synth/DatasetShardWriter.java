package dev.quarry.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.quarry.core.parquet.ParquetShardWriter;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes pairs to one Parquet file with flat columns: {@code id, question, sql, family, hardness, split,
 * source_template, result_fingerprint, row_count} (all non-null; {@code row_count} BIGINT, the rest
 * VARCHAR). Written through {@link ParquetShardWriter#open} (SNAPPY, fixed configuration), so equal inputs give equal bytes.
 */
public final class DatasetShardWriter {

  /** Avro schema of the rows (record {@code pair}). */
  public static final Schema SCHEMA = SchemaBuilder.record("pair").namespace("dev.quarry.synth").fields()
      .requiredString("id")
      .requiredString("question")
      .requiredString("sql")
      .requiredString("family")
      .requiredString("hardness")
      .requiredString("split")
      .requiredString("source_template")
      .requiredString("result_fingerprint")
      .requiredLong("row_count")
      .endRecord();

  private DatasetShardWriter() {}

  /** Writes {@code pairs} in order to {@code file} (created; must not exist). */
  public static void write(Path file, List<SynthPair> pairs) throws IOException {
    Files.createDirectories(file.getParent());
    try (ParquetWriter<GenericRecord> w = ParquetShardWriter.open(file, SCHEMA)) {
      for (SynthPair p : pairs) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("id", p.id());
        r.put("question", p.question());
        r.put("sql", p.sql());
        r.put("family", p.family());
        r.put("hardness", p.hardness());
        r.put("split", p.split());
        r.put("source_template", p.templateId());
        r.put("result_fingerprint", p.fingerprint());
        r.put("row_count", p.rowCount());
        w.write(r);
      }
    }
  }
}
