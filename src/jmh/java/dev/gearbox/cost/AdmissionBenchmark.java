package dev.gearbox.cost;

import dev.gearbox.store.Database;
import dev.gearbox.store.DatabaseConfig;
import dev.gearbox.store.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What admission adds to one request. {@link #reserveAndSettle}: a budget reservation of the
 * estimate and its settlement with the real cost, for a key with a daily hard budget whose tenant
 * has a monthly one (two counters), never refused. {@link #acquireAndRelease}: a rate-limit
 * permit of a key with requests- and tokens-per-minute limits, whose token charge is corrected
 * on release, never refused. {@code memory} counts in this process (the baseline of the same
 * run), {@code sqlite} in a SQLite file (WAL, synchronous=NORMAL, as the gateway opens it),
 * {@code postgresql} on the server the tests use (127.0.0.1:5432, or an embedded one).
 * Sample-time mode reports p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
@Threads(1)
public class AdmissionBenchmark {
  private static final BigDecimal ESTIMATE = new BigDecimal("0.004");
  private static final BigDecimal ACTUAL = new BigDecimal("0.0013");

  @Param({"memory", "sqlite", "postgresql"})
  public String counters;

  private Budgets budgets;
  private RateLimiter limiter;
  private Database database;
  private Path dataDir;
  private TestDatabases.PostgresSchema schema;

  @Setup
  public void open() throws IOException {
    List<Budget> config = List.of(
        new Budget(Budget.Scope.KEY, "k1", Budget.Period.DAY, new BigDecimal("1000000"),
            Budget.Enforcement.HARD),
        new Budget(Budget.Scope.TENANT, "acme", Budget.Period.MONTH, new BigDecimal("1000000"),
            Budget.Enforcement.HARD));
    Map<String, RateLimit> limits = Map.of("k1",
        RateLimit.NONE.withRequestsPerMinute(1_000_000_000_000L)
            .withTokensPerMinute(1_000_000_000_000L));
    Clock clock = Clock.systemUTC();
    Duration ttl = Duration.ofMinutes(10);
    switch (counters) {
      case "memory" -> {
        budgets = Budgets.create(config, clock, SpendHistory.none());
        limiter = new RateLimiter(limits, clock);
      }
      case "sqlite" -> {
        dataDir = Files.createTempDirectory("gearbox-admission-bench");
        database = Database.open(new DatabaseConfig.Sqlite(dataDir));
      }
      case "postgresql" -> {
        schema = TestDatabases.freshPostgresSchema();
        database = Database.open(schema.config());
      }
      default -> throw new IllegalArgumentException("unknown counters " + counters);
    }
    if (database != null) {
      budgets = Budgets.shared(config, clock, database, ttl);
      limiter = RateLimiter.shared(limits, clock, database);
    }
  }

  @TearDown
  public void close() {
    if (database != null) {
      database.close();
    }
    if (schema != null) {
      schema.close();
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Benchmark
  public Reservation reserveAndSettle() {
    Reservation reservation = budgets.reserve("k1", "acme", ESTIMATE);
    budgets.settle(reservation, ACTUAL);
    return reservation;
  }

  @Benchmark
  public Permit acquireAndRelease() {
    Permit permit = limiter.acquire("k1", 1_200);
    permit.settle(700);
    permit.close();
    return permit;
  }
}
