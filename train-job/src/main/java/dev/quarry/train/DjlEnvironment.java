package dev.quarry.train;

import java.nio.file.Path;

/**
 * Points DJL at an offline, workspace-local setup: {@code ai.djl.offline=true} (never download) and
 * {@code DJL_CACHE_DIR} / {@code ENGINE_CACHE_DIR} under {@code <workspace>/cache/djl}. Must run before the
 * engine first loads; later calls keep the first values.
 */
public final class DjlEnvironment {

  private DjlEnvironment() {}

  /**
   * Sets the properties if not set yet, and applies {@link NativeRuntime#configure} (threads, OpenMP wait
   * policy, allocator).
   *
   * @param workspace the workspace root (null: {@code ./workspace})
   * @return {@link NativeRuntime#configure}'s one-line description of the native settings
   */
  public static synchronized String configure(Path workspace) {
    Path cache = (workspace == null ? Path.of("workspace") : workspace).toAbsolutePath().resolve("cache").resolve("djl");
    System.setProperty("ai.djl.offline", "true");
    if (System.getProperty("DJL_CACHE_DIR") == null) {
      System.setProperty("DJL_CACHE_DIR", cache.toString());
    }
    if (System.getProperty("ENGINE_CACHE_DIR") == null) {
      System.setProperty("ENGINE_CACHE_DIR", cache.toString());
    }
    return NativeRuntime.configure();
  }
}
