package dev.gearbox.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * How the audit log runs.
 *
 * @param logContent whether records keep the request and answer themselves; off by default, when
 *     records hold only their SHA-256 digests
 * @param checkpointEveryRecords a signed checkpoint at least this often, counted in records
 * @param checkpointInterval and at least this often in time while records keep coming
 */
public record AuditSettings(
    boolean logContent, int checkpointEveryRecords, Duration checkpointInterval) {

  public static final AuditSettings DEFAULTS =
      new AuditSettings(false, 100, Duration.ofSeconds(30));

  public AuditSettings {
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    if (checkpointEveryRecords < 1) {
      throw new IllegalArgumentException("checkpoints come every 1 or more records");
    }
    if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
      throw new IllegalArgumentException("the checkpoint interval must be positive");
    }
  }

  public AuditSettings withLogContent(boolean on) {
    return new AuditSettings(on, checkpointEveryRecords, checkpointInterval);
  }
}
