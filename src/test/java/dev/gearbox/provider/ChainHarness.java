package dev.gearbox.provider;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Real providers on loopback upstreams, a chain over them, a test clock that only the
 * recording sleeper moves, and the resources to release after each test.
 */
final class ChainHarness implements AutoCloseable {
  static final RetryPolicy NO_JITTER =
      new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), 0, new SplittableRandom(1));

  final TestClock clock = TestClock.at("2026-12-03T10:00:00Z");
  final RecordingSleeper sleeper = new RecordingSleeper(clock);
  final HealthBoard health = new HealthBoard(clock);
  private final ExecutorService fanOut = Executors.newVirtualThreadPerTaskExecutor();
  private final List<AutoCloseable> owned = new ArrayList<>();

  FallbackChain chain() {
    return chain(Clock.systemUTC());
  }

  /** A chain whose attempt durations are read from {@code attemptClock}. */
  FallbackChain chain(Clock attemptClock) {
    return chain(NO_JITTER, attemptClock);
  }

  FallbackChain chain(RetryPolicy policy, Clock attemptClock) {
    return new FallbackChain(policy, sleeper, attemptClock, health, fanOut);
  }

  /** A chain that passes over a model for {@code cooldown} after failures in a row. */
  FallbackChain chainWithCooldown(Duration cooldown) {
    return new FallbackChain(
        NO_JITTER, sleeper, clock, health, fanOut, new Cooldowns(cooldown, clock));
  }

  ScriptedUpstream upstream() {
    ScriptedUpstream upstream = ScriptedUpstream.start();
    owned.add(upstream);
    return upstream;
  }

  /** A candidate named {@code alias} on its own provider at {@code baseUrl}. */
  Candidate candidate(String alias, URI baseUrl, UnaryOperator<ProviderSpec> tweak) {
    return candidate(Fixtures.model(alias, alias + "-provider"), baseUrl, tweak);
  }

  Candidate candidate(ModelSpec model, URI baseUrl, UnaryOperator<ProviderSpec> tweak) {
    ProviderSpec spec = tweak.apply(Fixtures.openAi(model.providerName(), baseUrl));
    Provider provider = Provider.create(spec, Fixtures::env, clock);
    owned.add(provider);
    return new Candidate(model, provider);
  }

  Candidate candidate(String alias, URI baseUrl) {
    return candidate(alias, baseUrl, UnaryOperator.identity());
  }

  Deadline minutes(int minutes) {
    return Deadline.after(Duration.ofMinutes(minutes), clock);
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable resource : owned.reversed()) {
      resource.close();
    }
    fanOut.close();
  }

  static URI refusing() {
    try {
      return ScriptedUpstream.refusingBaseUrl();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
