package dev.gearbox.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints kept outside the database: from an export, or from the application log. */
class KeptCheckpointsTest {
  @TempDir Path dir;

  @Test
  void applicationLogLines_andExportLines_areBothRead() throws Exception {
    Checkpoint exported = new Checkpoint(5, "ab".repeat(32), 1000, "0123456789abcdef", "c2ln");
    Checkpoint logged = new Checkpoint(9, "cd".repeat(32), 2000, "0123456789abcdef", "c2ln");
    Path file = dir.resolve("kept.txt");
    Files.write(file, List.of(
        Canonical.json(exported.json()),
        "{\"type\":\"audit_record\",\"seq\":1}",
        "09:00:01.000 INFO  [main] SqlAuditLog - audit log open: signing key 0123456789abcdef",
        "09:00:02.000 INFO  [req_1] SqlAuditLog - audit checkpoint "
            + Canonical.json(logged.json()),
        ""));

    assertThat(AuditExport.checkpointsIn(file)).containsExactly(exported, logged);
  }
}
