package dev.quarry.core.parquet;

import dev.quarry.core.domain.Domain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes one shard of one table as a Parquet file: the rows are sorted with {@link SortKeyComparator}
 * and written with parquet-avro (SNAPPY, no Hadoop file system), so the same rows always give a
 * byte-identical file.
 *
 * <p>Files are named {@code <dir>/<table>/part-<i:05d>-of-<n:05d>.parquet} ({@link #shardPath}).
 */
public final class ParquetShardWriter {

  /** Compression of every file written here. */
  public static final CompressionCodecName CODEC = CompressionCodecName.SNAPPY;

  private ParquetShardWriter() {}

  /**
   * Returns the file name of shard {@code index} of {@code count}, e.g. {@code part-00000-of-00001.parquet}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < count}
   */
  public static String shardFileName(int index, int count) {
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("Shard index " + index + " outside [0, " + count + ")");
    }
    return String.format(Locale.ROOT, "part-%05d-of-%05d.parquet", index, count);
  }

  /** Returns {@code <outputDir>/<table>/<shardFileName(index, count)>}. */
  public static Path shardPath(Path outputDir, String table, int index, int count) {
    return outputDir.resolve(table).resolve(shardFileName(index, count));
  }

  /**
   * Sorts {@code rows} by the table's sort key and writes them to {@code file}, replacing it. Parent
   * directories are created. The collection is not modified.
   *
   * @param file target file
   * @param table the domain table; rows must have {@link ParquetSchemas#beamSchema} of it
   * @param rows the shard's rows (may be empty: an empty file with the schema is written)
   * @return the number of rows written
   * @throws UncheckedIOException if the file cannot be written
   */
  public static long writeSorted(Path file, Domain.Table table, Collection<Row> rows) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(new SortKeyComparator(table));
    Schema schema = ParquetSchemas.avroSchema(table);
    int width = table.columns().size();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (ParquetWriter<GenericRecord> writer = open(file, schema)) {
        for (Row row : sorted) {
          GenericData.Record rec = new GenericData.Record(schema);
          for (int i = 0; i < width; i++) {
            rec.put(i, toAvro(row.getValue(i)));
          }
          writer.write(rec);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write Parquet file " + file, e);
    }
    return sorted.size();
  }

  /**
   * Opens a Parquet writer for Avro records of {@code schema} with Quarry's fixed settings (SNAPPY, plain
   * configuration without Hadoop, overwrite), so equal records give byte-identical files. The parent
   * directory must exist; the caller closes the writer.
   *
   * @throws IOException if the file cannot be created
   */
  public static ParquetWriter<GenericRecord> open(Path file, Schema schema) throws IOException {
    return AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
        .withSchema(schema)
        .withConf(new PlainParquetConfiguration())
        .withCompressionCodec(CODEC)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }

  private static Object toAvro(Object value) {
    if (value instanceof LocalDate d) {
      return (int) d.toEpochDay();
    }
    return value;
  }
}
