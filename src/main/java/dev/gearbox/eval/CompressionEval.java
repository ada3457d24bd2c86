package dev.gearbox.eval;

import dev.gearbox.compress.AgentStep;
import dev.gearbox.compress.Compression;
import dev.gearbox.compress.CompressionMethod;
import dev.gearbox.compress.CompressionSettings;
import dev.gearbox.compress.ContextCompressor;
import dev.gearbox.compress.Summariser;
import dev.gearbox.compress.SummaryAnswer;
import dev.gearbox.compress.TokenPricer;
import dev.gearbox.compress.Trajectory;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.embed.Embedder;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.provider.ModelSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Replays the bundled agent runs through the compression stage, one method at a time, and
 * measures what it does to every call over the threshold: prompt tokens before and after, and
 * the share of facts needed later that the compressed context still holds ({@link
 * NeededFacts}). Each run is one session, replayed call by call in order, so cached summaries
 * are reused exactly as they would be in the gateway.
 *
 * <p>Calls at or under the threshold are not counted. Calls over it where the stage found
 * nothing old enough to shrink count with a reduction of 1.
 */
public final class CompressionEval {
  /** Prompt sizes reported besides the threshold: the target is stated for 8k. */
  public static final List<Long> REPORTED_SIZES = List.of(4_000L, 6_000L, 8_000L);

  private final List<Trajectory> trajectories;
  private final ModelSpec target;
  private final CompressionSettings settings;
  private final Supplier<Embedder> embedder;
  private final TokenPricer pricer;
  private final Summariser summariser;

  /**
   * @param trajectories the agent runs to replay (normally {@code AgentTraces.bundled()})
   * @param target the expensive model the compressed prompts are meant for (its tokenizer
   *     counts, its price values the savings)
   * @param settings the stage's settings; the method is replaced by each method evaluated and
   *     the stage is switched on
   * @param summariser the small tier, for the summary method
   */
  public CompressionEval(
      List<Trajectory> trajectories,
      ModelSpec target,
      CompressionSettings settings,
      Supplier<Embedder> embedder,
      TokenPricer pricer,
      Summariser summariser) {
    this.trajectories = List.copyOf(trajectories);
    this.target = target;
    this.settings = settings;
    this.embedder = embedder;
    this.pricer = pricer;
    this.summariser = summariser;
  }

  /** Evaluates each method in turn, each with a fresh stage (empty caches). */
  public CompressionReport run(List<CompressionMethod> methods) {
    List<MethodResult> results = methods.stream().map(this::run).toList();
    return new CompressionReport(
        "tau-bench airline, GPT-4o agent: %d runs, %d calls".formatted(trajectories.size(),
            trajectories.stream().mapToInt(t -> t.steps().size()).sum()),
        target.alias(), TokenCounter.named(target.tokenizer()).encodingName(),
        settings.minPromptTokens(), settings.keepLastTurns(), settings.targetRatio(), results);
  }

  private MethodResult run(CompressionMethod method) {
    CompressionSettings on = new CompressionSettings(true, method, settings.minPromptTokens(),
        settings.keepLastTurns(), Set.of(target.tier()), settings.targetRatio(),
        settings.sentenceKeepShare(), settings.summaryModel(), settings.summaryMaxTokens(),
        settings.cachedSummaries());
    ContextCompressor stage = new ContextCompressor(on, embedder, pricer);
    AtomicInteger summaryCalls = new AtomicInteger();
    AtomicReference<BigDecimal> summaryCost = new AtomicReference<>(BigDecimal.ZERO);
    Summariser counted = request -> {
      SummaryAnswer answer = summariser.summarise(request);
      summaryCalls.incrementAndGet();
      summaryCost.accumulateAndGet(answer.costUsd(), BigDecimal::add);
      return answer;
    };
    List<CallMeasure> calls = new ArrayList<>();
    for (Trajectory trajectory : trajectories) {
      for (AgentStep step : trajectory.steps()) {
        measure(stage, trajectory, step, counted).ifPresent(calls::add);
      }
    }
    return new MethodResult(method, buckets(calls), summaryCalls.get(), summaryCost.get());
  }

  private Optional<CallMeasure> measure(
      ContextCompressor stage, Trajectory trajectory, AgentStep step, Summariser counted) {
    TokenCounter tokens = TokenCounter.named(target.tokenizer());
    long before = tokens.countPrompt(step.request());
    if (before <= settings.minPromptTokens()) {
      return Optional.empty();
    }
    Optional<Compression> compression =
        stage.compress(step.request(), target, trajectory.id(), counted);
    ChatRequest sent = compression.map(Compression::request).orElse(step.request());
    Set<String> needed = NeededFacts.at(trajectory, step);
    return Optional.of(new CallMeasure(before, tokens.countPrompt(sent),
        compression.isPresent(), needed.size(), NeededFacts.kept(needed, sent),
        compression.map(c -> c.note().savedUsd()).orElse(BigDecimal.ZERO)));
  }

  private List<SizeBucket> buckets(List<CallMeasure> calls) {
    TreeSet<Long> sizes = new TreeSet<>(REPORTED_SIZES);
    sizes.removeIf(size -> size <= settings.minPromptTokens());
    List<SizeBucket> buckets = new ArrayList<>();
    buckets.add(SizeBucket.of(settings.minPromptTokens(), calls));
    sizes.forEach(size -> buckets.add(SizeBucket.of(size, calls)));
    return buckets;
  }
}
