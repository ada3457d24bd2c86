package dev.gearbox.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirTest {
  @TempDir Path root;

  @Test
  void previousRun_isEmptiedAndMarkedAgain() throws Exception {
    Path dir = root.resolve("demo");
    StateDir.reset(dir);
    Files.writeString(dir.resolve("gearbox.db"), "old ledger");
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/file"), "x");

    StateDir.reset(dir);

    assertThat(dir.resolve("gearbox.db")).doesNotExist();
    assertThat(dir.resolve("sub")).doesNotExist();
    assertThat(dir.resolve(StateDir.MARKER)).exists();
  }

  @Test
  void directoryTheDemoDidNotMake_isLeftAlone() throws Exception {
    Path dir = root.resolve("precious");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("notes.txt"), "keep me");

    assertThatThrownBy(() -> StateDir.reset(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("--data-dir");
    assertThat(dir.resolve("notes.txt")).hasContent("keep me");
  }
}
