package dev.gearbox.eval;

import dev.gearbox.compress.Summariser;
import dev.gearbox.compress.SummaryAnswer;
import dev.gearbox.config.GatewayConfig;
import dev.gearbox.cost.PriceBook;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.gateway.Accounting;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import dev.gearbox.provider.Deadline;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.Provider;
import dev.gearbox.provider.ProviderSpec;
import dev.gearbox.sim.SimConfig;
import dev.gearbox.sim.Simulator;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The small tier as the evaluation calls it: the configured summary model's provider, called
 * directly over HTTP, one attempt, no ledger rows. When the config is served by the in-process
 * simulator, the simulator is started here (answering at once) and stopped on {@link #close()}.
 * The simulator answers with recorded sentences, not a real summary: the evaluation measures
 * what the method keeps whatever the summary says.
 */
public final class ProviderSummariser implements Summariser, AutoCloseable {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final ModelSpec model;
  private final Provider provider;
  private final Optional<Simulator> simulator;
  private final PriceBook prices;
  private final Clock clock;

  private ProviderSummariser(
      ModelSpec model, Provider provider, Optional<Simulator> simulator, PriceBook prices,
      Clock clock) {
    this.model = model;
    this.provider = provider;
    this.simulator = simulator;
    this.prices = prices;
    this.clock = clock;
  }

  /**
   * Connects to the summary model of {@code config.compression()}.
   *
   * @throws IllegalArgumentException when the config names no summary model
   */
  public static ProviderSummariser start(
      GatewayConfig config, Function<String, Optional<String>> env, Clock clock) {
    ModelSpec model = config.compression().summaryModel().flatMap(config::model)
        .orElseThrow(() -> new IllegalArgumentException(
            "no model to write summaries: configure a small-tier model or"
                + " compression.summary_model"));
    ProviderSpec spec = config.provider(model.providerName()).orElseThrow();
    Optional<Simulator> simulator = Optional.empty();
    if (spec.baseUrl().equals(GatewayConfig.EMBEDDED_SIMULATOR)) {
      simulator = Optional.of(Simulator.start(SimConfig.defaults().fast(), 0));
      spec = spec.withBaseUrl(simulator.get().baseUri());
    }
    PriceBook prices = PriceBook.bundled().withOverrides(config.priceOverrides());
    return new ProviderSummariser(model, Provider.create(spec, env, clock), simulator, prices,
        clock);
  }

  public ModelSpec model() {
    return model;
  }

  @Override
  public SummaryAnswer summarise(ChatRequest request) {
    ChatRequest upstream = request.withModel(model.upstreamModel());
    ChatResponse response = provider.complete(upstream, Deadline.after(CALL_TIMEOUT, clock));
    String text = response.first().message().text();
    Usage usage = response.usage().source() == UsageSource.NONE
        ? TokenCounter.named(model.tokenizer()).countUsage(upstream, text)
        : response.usage();
    return new SummaryAnswer(text, prices.cost(Accounting.priceKey(prices, model), usage));
  }

  @Override
  public void close() {
    provider.close();
    simulator.ifPresent(Simulator::close);
  }
}
