package dev.quarry.pipelines;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Console progress lines for the main job. */
final class Progress {

  private static final Logger LOG = LoggerFactory.getLogger("quarry");

  private Progress() {}

  /** Announces stage {@code i} of {@code n}. */
  static void stage(int i, int n, String name) {
    LOG.info("[{}/{}] {}", i, n, name);
  }
}
