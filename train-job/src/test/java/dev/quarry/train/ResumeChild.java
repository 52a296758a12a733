package dev.quarry.train;

import java.nio.file.Path;

/** Child-process entry point of {@link ResumeAfterKillTest}: trains the tiny model until killed. */
public final class ResumeChild {

  private ResumeChild() {}

  /** Args: dataset dir, models dir, model id, max steps. */
  public static void main(String[] args) {
    DjlTrainer.run(TinyTrainingTest.tiny(Path.of(args[0]), Path.of(args[1]), args[2], Long.parseLong(args[3]), 5, false),
        System.out::println);
  }
}
