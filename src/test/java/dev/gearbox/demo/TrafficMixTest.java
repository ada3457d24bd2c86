package dev.gearbox.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.sim.RecordedSets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrafficMixTest {
  private static final RecordedSets SETS = RecordedSets.bundled();
  private static final List<Paraphrase> PARAPHRASES = Paraphrases.bundled(SETS);
  private static final List<Script.AgentRun> RUNS = IntStream.range(0, 30)
      .mapToObj(r -> new Script.AgentRun("run-" + r, calls(r, 6 + r % 9)))
      .toList();

  private static List<ChatRequest> calls(int run, int count) {
    List<ChatRequest> calls = new ArrayList<>();
    List<Message> history = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      history.add(Message.text(Role.USER, "run " + run + " turn " + i));
      calls.add(ChatRequest.of("auto", history));
      history.add(Message.text(Role.ASSISTANT, "answer " + i));
    }
    return calls;
  }

  private static TrafficMix mix(int requests, long seed, int clients) {
    return TrafficMix.build(requests, seed, clients, SETS, PARAPHRASES, RUNS);
  }

  @Test
  void sameSeed_drawsTheSameMixInTheSameOrderPerClient() {
    assertThat(mix(400, 7, 8)).isEqualTo(mix(400, 7, 8));
  }

  @Test
  void otherSeed_drawsAnotherMix() {
    assertThat(mix(400, 7, 8).queues()).isNotEqualTo(mix(400, 8, 8).queues());
  }

  @Test
  void mix_sendsExactlyTheRequestsAskedFor() {
    for (int requests : List.of(20, 37, 100, 401, 1000)) {
      assertThat(mix(requests, 1, 8).requests()).as("%d requests", requests)
          .isEqualTo(requests);
    }
  }

  @Test
  void defaultSizedMix_holdsEveryKindOfTrafficInItsShare() {
    List<Script> scripts = mix(400, 42, 8).scripts();

    int agentCalls = requests(scripts, Script.AgentRun.class);
    assertThat(agentCalls).isEqualTo(100);
    assertThat(requests(scripts, Script.TwoTurns.class)).isBetween(56, 80);
    List<Script.Echo> echoes = scripts.stream().filter(Script.Echo.class::isInstance)
        .map(Script.Echo.class::cast).toList();
    assertThat(echoes.stream().filter(e -> e.kind() == Script.EchoKind.REPEAT)).hasSize(32);
    assertThat(echoes.stream().filter(e -> e.kind() == Script.EchoKind.PARAPHRASE)).hasSize(28);
    assertThat(scripts.stream().filter(s -> s instanceof Script.Question q
        && q.api() == Api.ANTHROPIC)).hasSizeGreaterThanOrEqualTo(52);
  }

  @Test
  void everyEcho_runsAfterItsOriginalOnTheSameClient() {
    for (List<Script> queue : mix(400, 3, 8).queues()) {
      for (int i = 0; i < queue.size(); i++) {
        if (queue.get(i) instanceof Script.Echo echo) {
          List<Script> before = queue.subList(0, i);
          assertThat(before).anyMatch(s -> asks(s, echo));
        }
      }
    }
  }

  @Test
  void paraphrase_keepsItsOriginalsItem() {
    mix(400, 5, 8).scripts().stream()
        .filter(s -> s instanceof Script.Echo e && e.kind() == Script.EchoKind.PARAPHRASE)
        .map(Script.Echo.class::cast)
        .forEach(e -> assertThat(e.prompt()).isNotEqualTo(e.item().prompt()));
  }

  @Test
  void lastAgentRun_isCutToFitItsShare() {
    List<Script.AgentRun> runs = mix(40, 9, 2).scripts().stream()
        .filter(Script.AgentRun.class::isInstance).map(Script.AgentRun.class::cast).toList();

    assertThat(runs.stream().mapToInt(Script::requests).sum()).isEqualTo(10);
  }

  @Test
  void clients_getSimilarLoads() {
    List<Integer> loads = mix(400, 11, 8).queues().stream()
        .map(q -> q.stream().mapToInt(Script::requests).sum()).toList();

    assertThat(loads.stream().mapToInt(i -> i).max().orElseThrow()
        - loads.stream().mapToInt(i -> i).min().orElseThrow()).isLessThan(30);
  }

  @Test
  void agentRuns_goToDifferentClientsWhileThereAreEnoughClients() {
    TrafficMix mix = mix(400, 13, 16);
    long runs = mix.scripts().stream().filter(Script.AgentRun.class::isInstance).count();

    assertThat(runs).isLessThanOrEqualTo(16);
    for (List<Script> queue : mix.queues()) {
      assertThat(queue.stream().filter(Script.AgentRun.class::isInstance)).hasSizeLessThan(2);
      assertThat(queue.stream().skip(1)).noneMatch(Script.AgentRun.class::isInstance);
    }
  }

  @Test
  void longAgentRuns_areCutSoNoneSetsTheDuration() {
    List<Script.AgentRun> runs = List.of(new Script.AgentRun("long", calls(0, 40)));

    TrafficMix mix = TrafficMix.build(400, 1, 8, SETS, PARAPHRASES, runs);

    assertThat(mix.scripts()).filteredOn(Script.AgentRun.class::isInstance).singleElement()
        .extracting(Script::requests).isEqualTo(TrafficMix.MAX_AGENT_CALLS);
    assertThat(mix.requests()).isEqualTo(400);
  }

  @Test
  void tooFewRequests_areRefused() {
    assertThatThrownBy(() -> mix(19, 1, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("20");
  }

  private static boolean asks(Script script, Script.Echo echo) {
    return switch (script) {
      case Script.Question q -> q.item().key().equals(echo.item().key());
      case Script.TwoTurns t -> t.item().key().equals(echo.item().key());
      case Script.AgentRun a -> false;
      case Script.Echo e -> false;
    };
  }

  private static int requests(List<Script> scripts, Class<? extends Script> kind) {
    return scripts.stream().filter(kind::isInstance).mapToInt(Script::requests).sum();
  }
}
