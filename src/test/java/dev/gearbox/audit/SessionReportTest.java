package dev.gearbox.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.audit.SessionReport.DepthLine;
import dev.gearbox.audit.SessionReport.Node;
import dev.gearbox.store.DatabaseConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent run of plan, two subtasks, a verification under the second and a synthesis, each call
 * sending a longer prompt than its parent: the tree, the totals and the growth by depth.
 */
class SessionReportTest {
  @TempDir Path dir;

  @BeforeEach
  void recordAnAgentRun() {
    try (AuditFixtures.Opened opened = AuditFixtures.open(dir, 100)) {
      record(opened, "r1", "plan", Optional.empty(), 100);
      record(opened, "r2", "sub-a", Optional.of("plan"), 400);
      record(opened, "r3", "sub-b", Optional.of("plan"), 500);
      record(opened, "r4", "verify", Optional.of("sub-b"), 900);
      record(opened, "r5", "synth", Optional.of("plan"), 1200);
      record(opened, "r6", "stray", Optional.of("not-in-this-session"), 50);
      opened.log().record(AuditFixtures.call("other", "other", Optional.of("run-2"),
          Optional.empty(), "x", "y"));
    }
  }

  @Test
  void callsFormATreeUnderTheCallsThatSpawnedThem() {
    SessionReport report = report("run-1");

    assertThat(report.roots()).extracting(n -> n.call().callId()).containsExactly("plan",
        "stray");
    Node plan = report.roots().getFirst();
    assertThat(plan.children()).extracting(n -> n.call().callId())
        .containsExactly("sub-a", "sub-b", "synth");
    Node verify = plan.children().get(1).children().getFirst();
    assertThat(verify.call().callId()).isEqualTo("verify");
    assertThat(verify.depth()).isEqualTo(2);
  }

  @Test
  void totalsAndPromptGrowthByDepth() {
    SessionReport report = report("run-1");

    assertThat(report.totals().calls()).isEqualTo(6);
    assertThat(report.totals().inputTokens()).isEqualTo(3150);
    assertThat(report.totals().costUsd()).isEqualByComparingTo(new BigDecimal("0.00072"));
    assertThat(report.byDepth()).containsExactly(
        new DepthLine(0, 2, 150, 100), new DepthLine(1, 3, 2100, 1200),
        new DepthLine(2, 1, 900, 900));
    assertThat(report.byDepth().get(1).averagePromptTokens()).isEqualTo(700);
  }

  @Test
  void textAndJson_showTheTree() {
    SessionReport report = report("run-1");

    String text = SessionRendering.text(report);
    assertThat(text).contains("session run-1: 6 calls", "├─ sub-a", "│  └─ verify", "└─ synth");
    JsonNode json = SessionRendering.json(report);
    assertThat(json.at("/calls/0/children/1/children/0/call_id").asText()).isEqualTo("verify");
    assertThat(json.at("/prompt_tokens_by_depth/2/max_prompt_tokens").asLong()).isEqualTo(900);
  }

  @Test
  void callsNamingEachOtherAsParents_areEachShownOnce() {
    try (AuditFixtures.Opened opened = AuditFixtures.open(dir, 100)) {
      record(opened, "c1", "a", Optional.of("b"), 10, "loop");
      record(opened, "c2", "b", Optional.of("a"), 10, "loop");
    }

    assertThat(report("loop").flattened()).extracting(n -> n.call().callId())
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void unknownSession_hasNoReport() {
    assertThat(SessionReport.of("nope", reader().session("nope"))).isEmpty();
  }

  private SessionReport report(String session) {
    return SessionReport.of(session, reader().session(session)).orElseThrow();
  }

  private AuditReader reader() {
    return AuditReader.direct(new DatabaseConfig.Sqlite(dir));
  }

  private static void record(AuditFixtures.Opened opened, String requestId, String callId,
      Optional<String> parent, int promptTokens) {
    record(opened, requestId, callId, parent, promptTokens, "run-1");
  }

  private static void record(AuditFixtures.Opened opened, String requestId, String callId,
      Optional<String> parent, int promptTokens, String session) {
    opened.log().record(AuditFixtures.call(requestId, callId, Optional.of(session), parent,
        "p".repeat(promptTokens), "answer"));
  }
}
