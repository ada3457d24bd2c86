package dev.gearbox.cache;

import dev.gearbox.testing.MutableClock;
import static dev.gearbox.cache.Answers.answer;
import static dev.gearbox.cache.Answers.ask;
import static dev.gearbox.cache.Answers.exactQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import dev.gearbox.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entries survive a restart on SQLite, and replicas on one PostgreSQL share them. */
class CacheStoreTest {
  @TempDir Path dataDir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final ExecutorService writer = Executors.newSingleThreadExecutor();
  private static final CacheSettings SETTINGS =
      new CacheSettings(Duration.ofHours(1), 100, Optional.empty());

  @AfterEach
  void stop() {
    writer.shutdownNow();
  }

  private TieredCache start(Database database) {
    return TieredCache.start(SETTINGS, "none", 1, new SqlCacheStore(database, writer),
        CacheObserver.NONE, clock);
  }

  @Test
  void entries_surviveARestart_andExpiredOnesDoNot() {
    try (Database database = Database.open(new DatabaseConfig.Sqlite(dataDir))) {
      TieredCache first = start(database);
      first.store(exactQuery(ask("What is 2+2?"), "acme"), answer("4"), "sim-small", "small");
      clock.advance(Duration.ofMinutes(50));
      first.store(exactQuery(ask("What is 3+3?"), "acme"), answer("6"), "sim-small", "small");
      first.flush();
      clock.advance(Duration.ofMinutes(20));

      TieredCache restarted = start(database);

      CacheLookup.Hit hit =
          (CacheLookup.Hit) restarted.lookup(exactQuery(ask("What is 3+3?"), "acme"));
      assertThat(hit.answer().response()).isEqualTo(answer("6"));
      assertThat(hit.answer().servedModel()).isEqualTo("sim-small");
      assertThat(restarted.lookup(exactQuery(ask("What is 2+2?"), "acme")))
          .isInstanceOf(CacheLookup.Miss.class);
    }
  }

  @Test
  void vectors_roundTripExactly() {
    float[] vector = {0.25f, -1.5f, 3.0e-8f, 0f};
    assertThat(SqlCacheStore.floats(SqlCacheStore.bytes(vector))).containsExactly(vector);
  }

  @Test
  void aSemanticEntry_readsBackWithItsVectorAndPrompt() {
    try (Database database = Database.open(new DatabaseConfig.Sqlite(dataDir))) {
      SqlCacheStore store = new SqlCacheStore(database, writer);
      CachedAnswer answer = new CachedAnswer("key-1", "acme", "internal", Optional.of("scope-1"),
          Optional.of("What is 2+2?"), Optional.of(new float[] {0.6f, 0.8f}), "model-x",
          Answers.toolCall(), "sim-small", "small", clock.instant(),
          clock.instant().plusSeconds(60));
      store.save(answer);
      store.flush();

      CachedAnswer read = store.live(clock.instant(), 10).getFirst();

      assertThat(read.vector().get()).containsExactly(0.6f, 0.8f);
      assertThat(read).usingRecursiveComparison().ignoringFields("vector").isEqualTo(answer);
    }
  }

  @Test
  void replicasOnOnePostgres_shareEntries() {
    try (TestDatabases.PostgresSchema schema = TestDatabases.freshPostgresSchema();
        Database one = Database.open(schema.config());
        Database two = Database.open(schema.config())) {
      TieredCache replicaA = start(one);
      TieredCache replicaB = start(two);

      replicaA.store(exactQuery(ask("Who wrote Dune?"), "acme"), answer("Frank Herbert"),
          "sim-frontier", "frontier");
      replicaA.flush();
      assertThat(replicaB.lookup(exactQuery(ask("Who wrote Dune?"), "acme")))
          .isInstanceOf(CacheLookup.Miss.class);
      replicaB.syncFromStore();

      assertThat(replicaB.lookup(exactQuery(ask("Who wrote Dune?"), "acme")))
          .isInstanceOf(CacheLookup.Hit.class);
      assertThat(start(two).size()).isEqualTo(1);
    }
  }

  @Test
  void evictedAndExpiredEntries_areDeletedFromTheStore() {
    MemoryStore store = new MemoryStore(List.of());
    TieredCache cache = TieredCache.start(
        new CacheSettings(Duration.ofHours(1), 100, Optional.empty()), "none", 1, store,
        CacheObserver.NONE, clock);
    cache.store(exactQuery(ask("ping"), "acme"), answer("pong"), "m", "small");
    clock.advance(Duration.ofHours(2));

    cache.lookup(exactQuery(ask("ping"), "acme"));
    cache.size();

    assertThat(store.deleted).hasSize(1);
  }
}
