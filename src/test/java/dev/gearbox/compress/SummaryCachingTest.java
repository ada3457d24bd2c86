package dev.gearbox.compress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GatewayConfig;
import dev.gearbox.eval.ProviderSummariser;
import dev.gearbox.model.ChatRequest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary method asks the small tier (here the simulator's small model, over HTTP) once per
 * session and prefix: later calls of the session reuse the summary or extend it.
 */
class SummaryCachingTest {
  @TempDir static Path dataDir;
  private static ProviderSummariser smallTier;

  @BeforeAll
  static void start() {
    smallTier = ProviderSummariser.start(Fixtures.embeddedDefault(dataDir),
        name -> Optional.empty(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    smallTier.close();
  }

  /** The small tier, with every request it was sent noted. */
  private static final class Recorded implements Summariser {
    final List<ChatRequest> requests = new ArrayList<>();
    BigDecimal paid = BigDecimal.ZERO;

    @Override
    public SummaryAnswer summarise(ChatRequest request) {
      requests.add(request);
      SummaryAnswer answer = smallTier.summarise(request);
      paid = paid.add(answer.costUsd());
      return answer;
    }
  }

  private static final Trajectory RUN = AgentTraces.bundled().trajectories().getFirst();

  private static List<Compression> replay(
      ContextCompressor stage, String session, Summariser summariser) {
    return RUN.calls().stream()
        .flatMap(call -> stage.compress(call, Fixtures.FRONTIER, session, summariser).stream())
        .toList();
  }

  @Test
  void sessionReplayedTwice_paysForEachSummaryOnce() {
    ContextCompressor stage = Fixtures.stage(CompressionMethod.SUMMARY, 0);
    Recorded small = new Recorded();

    List<Compression> first = replay(stage, "run-0", small);
    int askedFirst = small.requests.size();
    List<Compression> second = replay(stage, "run-0", small);

    assertThat(first).isNotEmpty().allMatch(c -> c.note().method() == CompressionMethod.SUMMARY);
    assertThat(askedFirst).isPositive().isLessThan(first.size());
    assertThat(small.requests).hasSize(askedFirst);
    assertThat(second).allMatch(c -> c.note().summaryCached()
        && c.note().summaryCostUsd().signum() == 0);
    assertThat(first.stream().map(c -> c.note().summaryCostUsd())
        .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(small.paid);
  }

  @Test
  void longerPrefix_isSummarisedFromTheCachedSummaryAndTheNewTurnsOnly() {
    ContextCompressor stage = Fixtures.stage(CompressionMethod.SUMMARY, 0);
    Recorded small = new Recorded();

    replay(stage, "run-0-incremental", small);

    assertThat(small.requests).hasSizeGreaterThan(1);
    assertThat(small.requests.getFirst().messages().getLast().text())
        .doesNotContain("Summary of the conversation so far");
    for (ChatRequest later : small.requests.subList(1, small.requests.size())) {
      assertThat(later.model()).isEqualTo("sim-small");
      assertThat(later.sampling().maxTokens()).hasValue(200);
      assertThat(later.messages().getLast().text())
          .startsWith("Summary of the conversation so far:");
    }
  }

  @Test
  void otherSession_paysForItsOwnSummary() {
    ContextCompressor stage = Fixtures.stage(CompressionMethod.SUMMARY, 0);
    Recorded small = new Recorded();
    ChatRequest last = RUN.calls().getLast();

    stage.compress(last, Fixtures.FRONTIER, "alice", small);
    stage.compress(last, Fixtures.FRONTIER, "bob", small);

    assertThat(small.requests).hasSize(2);
  }

  @Test
  void smallTierUnreachable_fallsBackToExtractive() {
    GatewayConfig unreachable = new ConfigLoader(name -> Optional.empty()).parse("""
        providers:
          - {name: local, kind: openai-compatible, base_url: "http://127.0.0.1:9/v1",
             max_retries: 0, connect_timeout_ms: 500}
        models:
          - {alias: big, provider: local, tier: frontier}
          - {alias: little, provider: local, tier: small}
        prices:
          big: {input_per_million: "10", output_per_million: "30"}
          little: {input_per_million: "0.2", output_per_million: "0.6"}
        compression: {method: summary}
        """, "test", dataDir);
    try (ProviderSummariser dead = ProviderSummariser.start(unreachable,
        name -> Optional.empty(), Clock.systemUTC())) {
      Compression result = Fixtures.stage(CompressionMethod.SUMMARY, 0)
          .compress(RUN.calls().getLast(), Fixtures.FRONTIER, "s", dead).orElseThrow();

      assertThat(result.note().method()).isEqualTo(CompressionMethod.EXTRACTIVE);
      Protocol.assertKept(RUN.calls().getLast(), result.request());
    }
  }
}
