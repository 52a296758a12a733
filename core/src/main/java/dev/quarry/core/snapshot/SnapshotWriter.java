package dev.quarry.core.snapshot;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.parquet.ParquetSchemas;
import dev.quarry.core.parquet.ParquetShardWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes a {@link SourceSnapshot} in the seed layout the built-in generator writes and that synth and the SQL
 * sandbox read: {@code <dir>/<table>/part-<i:05d>-of-<n:05d>.parquet}, rows in {@link RowOrder}, at most
 * {@link #ROWS_PER_FILE} rows per file (a table without rows gets one empty file). Every column is nullable (an Avro
 * union of null and the column's type; DuckDB reads each back with the column's SQL type), SNAPPY compressed, with
 * no timestamps: the same snapshot always gives byte-identical files.
 */
public final class SnapshotWriter {

  /** The most rows in one Parquet file. */
  public static final int ROWS_PER_FILE = 1_000_000;

  private SnapshotWriter() {}

  /**
   * Writes every table of the snapshot under {@code dir}.
   *
   * @return rows per written file, keyed by path relative to {@code dir} with {@code /} separators
   * @throws UncheckedIOException if a file cannot be written
   */
  public static Map<String, Long> write(SourceSnapshot snapshot, Path dir) {
    Map<String, Long> rowsByPath = new TreeMap<>();
    for (SourceSnapshot.Table t : snapshot.tables()) {
      List<Object[]> rows = t.rows();
      int files = Math.max(1, (rows.size() + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
      Schema schema = avroSchema(t.table());
      for (int f = 0; f < files; f++) {
        List<Object[]> part = rows.subList(f * ROWS_PER_FILE, Math.min(rows.size(), (f + 1) * ROWS_PER_FILE));
        Path file = ParquetShardWriter.shardPath(dir, t.table().name(), f, files);
        writeFile(file, schema, part);
        rowsByPath.put(t.table().name() + "/" + file.getFileName(), (long) part.size());
      }
    }
    return rowsByPath;
  }

  /** The Avro schema of a snapshot table: the columns of {@link ParquetSchemas#avroSchema}, each nullable. */
  static Schema avroSchema(Domain.Table table) {
    SchemaBuilder.FieldAssembler<Schema> fields =
        SchemaBuilder.record(table.name()).namespace(ParquetSchemas.AVRO_NAMESPACE).fields();
    for (Domain.Column c : table.columns()) {
      Schema type = switch (c.type()) {
        case VARCHAR -> Schema.create(Schema.Type.STRING);
        case INTEGER -> Schema.create(Schema.Type.INT);
        case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
        case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
        case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
      };
      fields = fields.name(c.name()).type(Schema.createUnion(Schema.create(Schema.Type.NULL), type)).noDefault();
    }
    return fields.endRecord();
  }

  private static void writeFile(Path file, Schema schema, List<Object[]> rows) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (ParquetWriter<GenericRecord> writer = ParquetShardWriter.open(file, schema)) {
        for (Object[] row : rows) {
          GenericData.Record rec = new GenericData.Record(schema);
          for (int i = 0; i < row.length; i++) {
            rec.put(i, row[i] instanceof LocalDate d ? (Object) (int) d.toEpochDay() : row[i]);
          }
          writer.write(rec);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write Parquet file " + file, e);
    }
  }
}
