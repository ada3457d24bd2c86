package dev.gearbox.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.store.DatabaseConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many request threads appending at once still make one gap-free chain, each call once. */
class ConcurrentAppendTest {
  @TempDir Path dir;

  @Test
  void concurrentCallers_shareCommits_andFormOneChain() throws Exception {
    int threads = 16;
    int each = 20;
    try (AuditFixtures.Opened opened = AuditFixtures.open(dir, 50);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        running.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            opened.log().record(AuditFixtures.call("req-" + thread + "-" + i));
          }
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    }

    assertThat(AuditFixtures.verify(dir))
        .isEqualTo(new Verification.Intact(threads * each, threads * each, 7, 321));
    Set<String> ids = new HashSet<>();
    AuditReader.direct(new DatabaseConfig.Sqlite(dir)).forEach(r -> ids.add(r.requestId()));
    assertThat(ids).hasSize(threads * each);
  }
}
