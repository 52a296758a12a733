package dev.quarry.core.workspace;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Moves a finished temporary file or folder into place: the one "write under a temporary name, then move" step. */
public final class AtomicMove {
  private AtomicMove() {}

  /**
   * Moves {@code from} to {@code to}, atomically where the file system allows (else a plain move on the same file
   * system; {@link Files#move} documents both).
   *
   * @param replace whether an existing {@code to} is replaced
   * @throws java.nio.file.FileAlreadyExistsException when {@code to} exists and {@code replace} is false
   * @throws IOException when the move fails
   */
  public static void into(Path from, Path to, boolean replace) throws IOException {
    CopyOption[] plain = replace ? new CopyOption[] {StandardCopyOption.REPLACE_EXISTING} : new CopyOption[0];
    CopyOption[] atomic = replace
        ? new CopyOption[] {StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING}
        : new CopyOption[] {StandardCopyOption.ATOMIC_MOVE};
    try {
      Files.move(from, to, atomic);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, plain);
    }
  }
}
