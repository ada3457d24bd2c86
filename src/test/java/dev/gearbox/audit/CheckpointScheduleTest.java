package dev.gearbox.audit;

import dev.gearbox.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.store.DatabaseConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When checkpoints are signed: by count, by time while quiet, on close, and after a crash. */
class CheckpointScheduleTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(AuditFixtures.T0);

  @Test
  void everyNthRecord_isSigned() {
    try (AuditFixtures.Opened opened = open(3, Duration.ofHours(1))) {
      for (int i = 1; i <= 7; i++) {
        opened.log().record(AuditFixtures.call("req-" + i));
      }
      assertThat(checkpointSeqs()).containsExactly(3L, 6L);
    }
    assertThat(checkpointSeqs()).as("closing signs the rest").containsExactly(3L, 6L, 7L);
  }

  @Test
  void quietLog_isSignedOnceTheIntervalPasses() {
    try (AuditFixtures.Opened opened = open(1000, Duration.ofSeconds(30))) {
      opened.log().record(AuditFixtures.call("req-1"));
      opened.log().checkpointIfDue();
      assertThat(checkpointSeqs()).isEmpty();

      clock.advance(Duration.ofSeconds(31));
      opened.log().checkpointIfDue();
      assertThat(checkpointSeqs()).containsExactly(1L);

      clock.advance(Duration.ofSeconds(31));
      opened.log().checkpointIfDue();
      assertThat(checkpointSeqs()).as("nothing new to sign").containsExactly(1L);
    }
  }

  @Test
  void headLeftUnsignedByACrash_isSignedWhenTheLogOpensAgain() {
    AuditFixtures.Opened crashed = open(1000, Duration.ofHours(1));
    crashed.log().record(AuditFixtures.call("req-1"));
    crashed.log().record(AuditFixtures.call("req-2"));
    assertThat(checkpointSeqs()).isEmpty();

    try (AuditFixtures.Opened restarted = open(1000, Duration.ofHours(1))) {
      assertThat(checkpointSeqs()).containsExactly(2L);
    } finally {
      crashed.close();
    }
  }

  private AuditFixtures.Opened open(int every, Duration interval) {
    return AuditFixtures.open(dir, new AuditSettings(false, every, interval), clock);
  }

  private java.util.List<Long> checkpointSeqs() {
    return AuditReader.direct(new DatabaseConfig.Sqlite(dir)).checkpoints().stream()
        .map(Checkpoint::seq).toList();
  }
}
