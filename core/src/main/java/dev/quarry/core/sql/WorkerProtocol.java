package dev.quarry.core.sql;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * The frames a {@link SupervisedSqlExecutor} and its {@link SqlWorker} exchange over the worker's stdin and
 * stdout: {@code [int magic][byte kind][int length][length bytes]}, big-endian ({@link DataOutputStream}). A
 * payload is UTF-8 text (SQL, messages) or a Java-serialized object ({@link QueryOutcome}, row counts, the
 * worker's configuration); objects from the worker are read through an allow-list filter
 * ({@link #RESULT_FILTER}) so that a corrupted stream cannot instantiate anything else.
 */
final class WorkerProtocol {

  /** First four bytes of every frame ("QSQL"); anything else means the stream is corrupt. */
  static final int MAGIC = 0x5153514C;

  /** Largest payload accepted, bytes (results are bounded far below it by {@link SqlSandbox#MAX_RESULT_CHARS}). */
  static final int MAX_PAYLOAD = 256 << 20;

  /** Parent → worker: the {@link Config} (serialized). */
  static final byte INIT = 1;
  /** Parent → worker: run this SQL (UTF-8). */
  static final byte EXECUTE = 2;
  /** Parent → worker: send the row counts. */
  static final byte COUNTS = 3;
  /** Parent → worker: close the sandbox and exit. */
  static final byte QUIT = 4;
  /** Worker → parent: the sandbox is open (payload empty). */
  static final byte READY = 10;
  /** Worker → parent: a {@link QueryOutcome} (serialized). */
  static final byte OUTCOME = 11;
  /** Worker → parent: row counts, a {@code LinkedHashMap<String, Long>} (serialized). */
  static final byte ROW_COUNTS = 12;
  /** Worker → parent: the request failed; the payload is the message (UTF-8). */
  static final byte FAILED = 13;

  /** Classes the parent accepts from a worker. */
  static final ObjectInputFilter RESULT_FILTER = ObjectInputFilter.Config.createFilter(
      "maxdepth=20;maxrefs=50000000;maxbytes=" + MAX_PAYLOAD + ";"
          + "dev.quarry.core.sql.QueryOutcome;dev.quarry.core.sql.QueryOutcome$Status;dev.quarry.core.sql.RejectReason;"
          + "dev.quarry.core.sql.ErrorClass;java.lang.*;java.util.*;java.time.*;java.math.*;!*");

  private WorkerProtocol() {}

  /**
   * What a worker opens.
   *
   * @param domain the domain
   * @param seedDir seed data ({@code <table>/*.parquet})
   * @param databaseFile the prepared read-only database file (written by the first worker when missing)
   * @param workDir the worker's scratch folder (extension and spill folders)
   * @param settings sandbox settings without a work directory (a {@code Path} is not serializable)
   */
  record Config(dev.quarry.core.domain.Domain domain, String seedDir, String databaseFile, String workDir,
      SandboxSettings settings) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** One frame read from a stream. */
  record Frame(byte kind, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  static void write(DataOutputStream out, byte kind, byte[] payload) throws IOException {
    out.writeInt(MAGIC);
    out.writeByte(kind);
    out.writeInt(payload.length);
    out.write(payload);
    out.flush();
  }

  static void writeText(DataOutputStream out, byte kind, String text) throws IOException {
    write(out, kind, text.getBytes(StandardCharsets.UTF_8));
  }

  static void writeObject(DataOutputStream out, byte kind, Serializable value) throws IOException {
    write(out, kind, serialize(value));
  }

  static byte[] serialize(Serializable value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
      o.writeObject(value);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads one frame.
   *
   * @throws EOFException at the end of the stream (the other side exited)
   * @throws IOException if the stream is corrupt (bad magic, negative or oversized length)
   */
  static Frame read(DataInputStream in) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException("corrupt worker stream: frame starts with 0x" + Integer.toHexString(magic));
    }
    byte kind = in.readByte();
    int length = in.readInt();
    if (length < 0 || length > MAX_PAYLOAD) {
      throw new IOException("corrupt worker stream: frame length " + length);
    }
    byte[] payload = new byte[length];
    in.readFully(payload);
    return new Frame(kind, payload);
  }

  /**
   * Deserializes a payload.
   *
   * @param payload serialized bytes
   * @param filter allow-list, or null for none (the worker reading its own configuration)
   * @throws IOException if the bytes are not a serialized object of an allowed class
   */
  static Object deserialize(byte[] payload, ObjectInputFilter filter) throws IOException {
    try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(payload))) {
      if (filter != null) {
        o.setObjectInputFilter(filter);
      }
      return o.readObject();
    } catch (ClassNotFoundException | InvalidClassException e) {
      throw new IOException("unexpected object from the worker: " + e.getMessage(), e);
    }
  }
}
