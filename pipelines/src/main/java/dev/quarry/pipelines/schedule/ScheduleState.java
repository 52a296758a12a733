package dev.quarry.pipelines.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * {@code <workspace>/schedule-state.json}: {@code {"watching_since": ISO instant, "last_completed_fire": ISO
 * instant | null}}. {@code watching_since} is the first start of a scheduler on this workspace (no run before
 * it counts as missed). Written to a temp file and renamed.
 *
 * @param watchingSince first start
 * @param lastCompletedFire fire time of the last run that completed successfully, or null
 */
public record ScheduleState(Instant watchingSince, Instant lastCompletedFire) {

  /** State file name in the workspace. */
  public static final String FILE_NAME = "schedule-state.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads the state, or returns null if there is none yet.
   *
   * @throws IllegalStateException naming the file when it is malformed
   */
  public static ScheduleState read(Path workspace) {
    Path f = workspace.resolve(FILE_NAME);
    if (!Files.exists(f)) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(f.toFile());
      return new ScheduleState(Instant.parse(n.get("watching_since").asText()),
          n.hasNonNull("last_completed_fire") ? Instant.parse(n.get("last_completed_fire").asText()) : null);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Malformed schedule state " + f + " (delete it to start afresh): " + e.getMessage(), e);
    }
  }

  /** Writes the state atomically. */
  public void write(Path workspace) {
    ObjectNode n = JSON.createObjectNode();
    n.put("watching_since", watchingSince.toString());
    n.put("last_completed_fire", lastCompletedFire == null ? null : lastCompletedFire.toString());
    Path f = workspace.resolve(FILE_NAME);
    Path tmp = workspace.resolve(FILE_NAME + ".tmp");
    try {
      Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
      try {
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write schedule state " + f, e);
    }
  }
}
