package dev.gearbox.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The gateway's data directory for a demo run. Every run starts from an empty one, so that
 * caches and the ledger hold only that run and two runs with one seed give the same figures. A
 * marker file says the directory is the demo's own: a directory without it is never emptied.
 */
final class StateDir {
  static final String MARKER = ".gearbox-demo";

  private StateDir() {}

  /**
   * Empties {@code dir} (or creates it) and marks it as the demo's.
   *
   * @throws IllegalStateException when {@code dir} holds files and no marker
   */
  static void reset(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        if (!Files.exists(dir.resolve(MARKER)) && !isEmpty(dir)) {
          throw new IllegalStateException(dir + " holds files the demo did not write; point"
              + " --data-dir at another directory");
        }
        deleteTree(dir);
      }
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(MARKER),
          "Written by gearbox demo: this directory is emptied at the start of every demo run.\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the demo's data directory " + dir, e);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
