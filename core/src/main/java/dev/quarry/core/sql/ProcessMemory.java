package dev.quarry.core.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resident memory of a process, read from {@code /proc/<pid>/status} ({@code VmRSS} and {@code VmHWM}, in kB;
 * see proc(5)). Linux only: elsewhere every reading is -1 and only the worker's heap and DuckDB limits apply.
 */
public final class ProcessMemory {

  private ProcessMemory() {}

  /**
   * The current resident set size.
   *
   * @param pid process id
   * @return bytes, or -1 if the process is gone or {@code /proc} is unavailable
   */
  public static long rssBytes(long pid) {
    return field(pid, "VmRSS:");
  }

  /**
   * The peak resident set size since the process started ("high water mark").
   *
   * @param pid process id
   * @return bytes, or -1 if unavailable
   */
  public static long peakRssBytes(long pid) {
    return field(pid, "VmHWM:");
  }

  private static long field(long pid, String name) {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
      for (String l : lines) {
        if (l.startsWith(name)) {
          String v = l.substring(name.length()).trim();
          int space = v.indexOf(' ');
          return Long.parseLong(space < 0 ? v : v.substring(0, space)) * 1024L;
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
