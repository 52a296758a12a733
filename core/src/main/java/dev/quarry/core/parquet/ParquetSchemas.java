package dev.quarry.core.parquet;

import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.SqlType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.SchemaBuilder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;

/**
 * Schemas derived from a domain table, so that Beam rows, Avro records and Parquet files all carry the
 * table's column names, order and SQL types.
 *
 * <p>Type mapping (all fields non-null):
 *
 * <pre>
 * SQL      Beam                      Avro / Parquet           DuckDB reads back
 * VARCHAR  STRING                    string / binary(STRING)  VARCHAR
 * INTEGER  INT32                     int / int32              INTEGER
 * DOUBLE   DOUBLE                    double / double          DOUBLE
 * BOOLEAN  BOOLEAN                   boolean / boolean        BOOLEAN
 * DATE     SqlTypes.DATE (LocalDate) int(date) / int32(DATE) DATE
 * </pre>
 */
public final class ParquetSchemas {

  /** Avro namespace of the generated record schemas. */
  public static final String AVRO_NAMESPACE = "dev.quarry.data";

  private ParquetSchemas() {}

  /**
   * Returns the Beam schema of a table: one non-null field per column, in file order.
   *
   * @throws IllegalArgumentException if a column has no SQL type
   */
  public static Schema beamSchema(Domain.Table table) {
    Schema.Builder b = Schema.builder();
    for (Domain.Column c : table.columns()) {
      b.addField(c.name(), beamType(c));
    }
    return b.build();
  }

  /**
   * Returns the Avro record schema of a table (record name = table name), the schema parquet-avro
   * writes; DuckDB reads each column back with exactly the column's SQL type.
   *
   * @throws IllegalArgumentException if a column has no SQL type
   */
  public static org.apache.avro.Schema avroSchema(Domain.Table table) {
    SchemaBuilder.FieldAssembler<org.apache.avro.Schema> fields =
        SchemaBuilder.record(table.name()).namespace(AVRO_NAMESPACE).fields();
    for (Domain.Column c : table.columns()) {
      fields = fields.name(c.name()).type(avroType(c)).noDefault();
    }
    return fields.endRecord();
  }

  private static FieldType beamType(Domain.Column c) {
    return switch (requireType(c)) {
      case VARCHAR -> FieldType.STRING;
      case INTEGER -> FieldType.INT32;
      case DOUBLE -> FieldType.DOUBLE;
      case BOOLEAN -> FieldType.BOOLEAN;
      case DATE -> FieldType.logicalType(SqlTypes.DATE);
    };
  }

  private static org.apache.avro.Schema avroType(Domain.Column c) {
    return switch (requireType(c)) {
      case VARCHAR -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
      case INTEGER -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
      case DOUBLE -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE);
      case BOOLEAN -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BOOLEAN);
      case DATE -> LogicalTypes.date().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT));
    };
  }

  private static SqlType requireType(Domain.Column c) {
    if (c.type() == null) {
      throw new IllegalArgumentException("Column " + c.name() + " has no SQL type");
    }
    return c.type();
  }
}
