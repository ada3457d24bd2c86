package dev.gearbox.route;

import dev.gearbox.compress.AgentTraces;
import dev.gearbox.embed.Embedder;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.provider.Capabilities;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.Tier;
import dev.gearbox.sim.RecordedItem;
import dev.gearbox.sim.RecordedSet;
import dev.gearbox.sim.RecordedSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the route stage adds to one request of the embedded default: the rules (including
 * counting the prompt's tokens against the small model's window), the prompt's hashed terms
 * and the bundled classifier ({@link #routeOneRequest}). The prompt vector is offered as the
 * gateway offers it, lazily; the bundled router does not ask for it. Beside it, as the baseline
 * of the same run, {@link #embedOnePrompt}: the MiniLM vector of the same prompts (head and
 * tail for long ones), which the semantic cache computes and which the router read before it
 * read terms. Prompts cycle through real recorded ones: {@code gsm8k} (short questions,
 * 100-900 characters) or {@code mixed} (Arena, MT-Bench and GSM8K in equal parts, so a third
 * are long chat prompts) or {@code agent} (the 80 longest calls of the bundled tau-bench agent
 * runs: system prompt, tools and the whole conversation so far, so the context-window rule has
 * the most to count). Sample-time mode reports p50 and p99 per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Threads(1)
public class RoutingStageBenchmark {
  private RoutePlanner planner;
  private Embedder embedder;
  private List<ChatRequest> requests;
  private int next;

  @Param({"gsm8k", "mixed", "agent"})
  public String prompts;

  @Setup
  public void setUp() {
    embedder = Embedder.miniLm();
    ModelSpec small = new ModelSpec("sim-small", "simulator", "sim-small", 32_768, Tier.SMALL,
        new Capabilities(true, true, true, true), "cl100k_base");
    ModelSpec frontier = new ModelSpec("sim-frontier", "simulator", "sim-frontier", 128_000,
        Tier.FRONTIER, new Capabilities(true, true, true, true), "cl100k_base");
    Router router = new Router(RouterFile.bundled(), new QualityTarget.QualityFloor(0.95),
        Optional.of(new CascadeBand(0.55, 0.70)));
    planner = new RoutePlanner(List.of(small, frontier), Map.of(), "sim-frontier",
        Optional.of(new RoutingPolicy(Optional.of(router), "sim-small", "sim-frontier",
            Map.of())));
    requests = new ArrayList<>();
    if (prompts.equals("agent")) {
      AgentTraces.bundled().trajectories().stream().flatMap(run -> run.calls().stream())
          .sorted(java.util.Comparator.comparingInt((ChatRequest c) -> c.messages().size())
              .reversed())
          .limit(80).forEach(call -> requests.add(call.withModel("auto")));
      return;
    }
    List<RecordedSet> sets = prompts.equals("gsm8k") ? List.of(RecordedSet.GSM8K)
        : List.of(RecordedSet.ARENA, RecordedSet.MT_BENCH, RecordedSet.GSM8K);
    for (RecordedSet set : sets) {
      for (RecordedItem item : RecordedSets.bundled().items(set).subList(0, 80)) {
        requests.add(ChatRequest.of("auto", List.of(Message.text(Role.USER, item.prompt()))));
      }
    }
  }

  @Benchmark
  public float[] embedOnePrompt() {
    ChatRequest request = requests.get(next++ % requests.size());
    return PromptVector.of(embedder, request.lastUserText().orElse(""));
  }

  @Benchmark
  public RoutePlan routeOneRequest() {
    ChatRequest request = requests.get(next++ % requests.size());
    String text = request.lastUserText().orElse("");
    return planner.plan(request,
        new RouteHints("bench", Optional.empty(), () -> PromptVector.of(embedder, text)));
  }
}
