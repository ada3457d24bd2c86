package dev.gearbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.cost.CacheStatus;
import dev.gearbox.cost.LedgerEntry;
import dev.gearbox.model.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SessionTreeTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  static LedgerEntry call(String id, int second, Optional<String> parent, String tier,
      long inputTokens) {
    return LedgerEntry.builder(id, T0.plusSeconds(second), "auto")
        .session(Optional.of("agent-1"), parent)
        .route("sim-" + tier, tier, "test")
        .cacheStatus(CacheStatus.MISS)
        .usage(Usage.counted(inputTokens, 20))
        .cost(BigDecimal.ZERO, BigDecimal.ZERO)
        .latency(100, OptionalLong.of(90))
        .httpStatus(200)
        .build();
  }

  @Test
  void chainOfCalls_growsOneLevelPerCall() {
    SessionTree tree = SessionTree.of("agent-1", List.of(
        call("c", 2, Optional.of("b"), "small", 300),
        call("a", 0, Optional.empty(), "frontier", 100),
        call("b", 1, Optional.of("a"), "small", 200)));

    assertThat(tree.nodes()).extracting(n -> n.entry().requestId())
        .containsExactly("a", "b", "c");
    assertThat(tree.nodes()).extracting(SessionTree.Node::depth).containsExactly(0, 1, 2);
    assertThat(tree.nodes()).extracting(SessionTree.Node::route)
        .containsExactly(Route.FRONTIER, Route.SMALL, Route.SMALL);
  }

  @Test
  void branchingCalls_areWalkedDepthFirstInTimeOrder() {
    SessionTree tree = SessionTree.of("agent-1", List.of(
        call("root", 0, Optional.empty(), "frontier", 100),
        call("second-child", 3, Optional.of("root"), "small", 100),
        call("first-child", 1, Optional.of("root"), "small", 100),
        call("grandchild", 2, Optional.of("first-child"), "small", 100)));

    assertThat(tree.nodes()).extracting(n -> n.entry().requestId())
        .containsExactly("root", "first-child", "grandchild", "second-child");
    assertThat(tree.nodes()).extracting(SessionTree.Node::depth).containsExactly(0, 1, 2, 1);
  }

  @Test
  void parentOutsideTheSession_makesTheCallARoot() {
    SessionTree tree = SessionTree.of("agent-1", List.of(
        call("a", 0, Optional.of("elsewhere"), "small", 100)));

    assertThat(tree.nodes()).singleElement().extracting(SessionTree.Node::depth).isEqualTo(0);
  }

  @Test
  void compressedCall_showsWhatItWasBefore() {
    SessionTree tree = SessionTree.of("agent-1", List.of(
        call("a", 0, Optional.empty(), "frontier", 4_200)),
        java.util.Map.of("a", new Compression("extractive", 9_000, 4_200)));

    assertThat(tree.nodes().getFirst().compression()).isPresent();
    assertThat(tree.text()).contains("4,200 tokens in, 20 out (compressed from 9,000, extractive)");
    assertThat(DemoCharts.sessionTokens(tree).series()).extracting(s -> s.name())
        .contains("prompt tokens removed by compression");
  }

  @Test
  void compressionHeader_isReadOrIgnoredWhenMalformed() {
    assertThat(Compression.parse("method=extractive; tokens=12000->5400"))
        .hasValue(new Compression("extractive", 12_000, 5_400));
    assertThat(Compression.parse("method=summary; tokens=10->20")).isEmpty();
    assertThat(Compression.parse("garbage")).isEmpty();
  }

  @Test
  void text_indentsByDepthAndShowsTokens() {
    SessionTree tree = SessionTree.of("agent-1", List.of(
        call("a", 0, Optional.empty(), "frontier", 1500),
        call("b", 1, Optional.of("a"), "small", 2500)));

    assertThat(tree.text()).isEqualTo("""
        agent-1 (2 calls)
        └─ call 0, depth 0: frontier tier, 1,500 tokens in, 20 out
         └─ call 1, depth 1: small tier, 2,500 tokens in, 20 out
        """);
  }
}
