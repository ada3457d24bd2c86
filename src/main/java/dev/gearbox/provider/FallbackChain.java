package dev.gearbox.provider;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a request's models in order (the chosen one, then its configured fallbacks) until one
 * serves it, within the request's deadline, and never one its {@link Clearance} forbids.
 *
 * <p>The clearance is checked here, the one place every upstream call of the gateway passes
 * through, before each model's first attempt: a model on a provider the request's data label
 * does not allow is never called (its attempt is recorded as {@code withheld}), and when no
 * model is left the call fails with a 403 that says why.
 *
 * <p>On each model: up to {@code 1 + maxRetries} attempts of its provider, waiting between them
 * as the {@link RetryPolicy} says or, when the upstream sent one, as its Retry-After says. A wait
 * that would outlast the deadline is not taken: the chain moves on to the next model instead.
 * Which failures retry, fall back or stop is decided by {@link Recovery}. A model that cannot
 * honour the request ({@link RequestFit}) ends the call when it is the chosen one and is skipped
 * when it is a fallback.
 *
 * <p>Streams count as served at their first content ({@link ContentGate}); later failures reach
 * the caller from {@link UpstreamStream#next()}. Answers without upstream usage get counted
 * usage ({@link UsageCount}, {@link CountingStream}); {@code n > 1} is fanned out where the
 * upstream returns one choice per call ({@link ChoiceFanOut}). Every attempt is reported to the
 * {@link HealthBoard} and the {@link Cooldowns}, and returned in the outcome; a model cooling
 * down after failures in a row is passed over while a later one can take the request.
 */
public final class FallbackChain {
  private static final Logger log = LoggerFactory.getLogger(FallbackChain.class);

  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final HealthBoard health;
  private final ChoiceFanOut fanOut;
  private final Cooldowns cooldowns;

  /**
   * @param fanOutExecutor runs the parallel calls of an {@code n > 1} fan-out; a
   *     virtual-thread-per-task executor in production
   */
  public FallbackChain(
      RetryPolicy policy,
      Sleeper sleeper,
      Clock clock,
      HealthBoard health,
      Executor fanOutExecutor) {
    this(policy, sleeper, clock, health, fanOutExecutor, Cooldowns.off(clock));
  }

  /**
   * @param cooldowns which models to pass over while they keep failing
   */
  public FallbackChain(
      RetryPolicy policy,
      Sleeper sleeper,
      Clock clock,
      HealthBoard health,
      Executor fanOutExecutor,
      Cooldowns cooldowns) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.clock = clock;
    this.health = health;
    this.fanOut = new ChoiceFanOut(fanOutExecutor);
    this.cooldowns = cooldowns;
  }

  /**
   * Serves a non-streamed request from the first candidate that can.
   *
   * @param candidates the chosen model first, then its fallbacks; at least one
   * @param clearance the localities the request's content may be sent to
   */
  public ChainOutcome<ChatResponse> complete(
      ChatRequest request, List<Candidate> candidates, Deadline deadline, Clearance clearance) {
    return run(request.withStream(false, false), candidates, deadline, clearance,
        this::completeOnce);
  }

  /**
   * Opens a stream on the first candidate that delivers content. A served stream must be
   * closed by the caller.
   *
   * @param candidates the chosen model first, then its fallbacks; at least one
   * @param clearance the localities the request's content may be sent to
   */
  public ChainOutcome<UpstreamStream> stream(
      ChatRequest request, List<Candidate> candidates, Deadline deadline, Clearance clearance) {
    return run(request.withStream(true, request.includeUsage()), candidates, deadline,
        clearance, this::openOnce);
  }

  private ChatResponse completeOnce(ChatRequest request, Candidate candidate, Deadline deadline) {
    Function<ChatRequest, ChatResponse> call =
        single ->
            UsageCount.fill(
                single, candidate.provider().complete(single, deadline), candidate.model());
    return RequestFit.needsFanOut(request, candidate)
        ? fanOut.complete(request, call)
        : call.apply(request);
  }

  private UpstreamStream openOnce(ChatRequest request, Candidate candidate, Deadline deadline) {
    UpstreamStream opened = candidate.provider().stream(request, deadline);
    UpstreamStream gated = ContentGate.open(opened, candidate.provider().spec().name());
    return new CountingStream(gated, request, candidate.model());
  }

  private <T> ChainOutcome<T> run(ChatRequest request, List<Candidate> candidates,
      Deadline deadline, Clearance clearance, Call<T> call) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("a call needs at least one candidate model");
    }
    List<Attempt> attempts = new ArrayList<>();
    Optional<GatewayError> lastFailure = Optional.empty();
    Optional<GatewayError> withheld = Optional.empty();
    int notCalled = 0;
    for (int i = 0; i < candidates.size(); i++) {
      Candidate candidate = candidates.get(i);
      if (!clearance.permits(candidate.provider().spec())) {
        GatewayError.Forbidden refusal = clearance.withheld(candidate);
        attempts.add(
            Attempt.failed(candidate.model(), Duration.ZERO, refusal, OptionalInt.empty()));
        if (withheld.isEmpty()) {
          withheld = Optional.of(refusal);
        }
        notCalled++;
        continue;
      }
      Optional<GatewayError.InvalidRequest> misfit = RequestFit.check(request, candidate);
      if (misfit.isPresent()) {
        attempts.add(
            Attempt.failed(candidate.model(), Duration.ZERO, misfit.get(), OptionalInt.empty()));
        if (i == notCalled) {
          return new ChainOutcome.Failed<>(misfit.get(), attempts);
        }
        log.info(
            "skipping fallback model '{}': {}", candidate.model().alias(), misfit.get().message());
        continue;
      }
      Optional<GatewayError> cooling = coolingDown(request, candidates, i);
      if (cooling.isPresent()) {
        attempts.add(Attempt.cooledDown(candidate.model(), cooling.get()));
        log.info("passing over model '{}': {}", candidate.model().alias(), cooling.get().message());
        continue;
      }
      ChatRequest upstreamRequest = request.withModel(candidate.model().upstreamModel());
      switch (onModel(upstreamRequest, candidate, deadline, call, attempts)) {
        case Step.Served<T>(T value) -> {
          return new ChainOutcome.Served<>(value, candidate.model(), attempts);
        }
        case Step.Stop<T>(GatewayError error) -> {
          return new ChainOutcome.Failed<>(error, attempts);
        }
        case Step.FallBack<T>(GatewayError error) -> lastFailure = Optional.of(error);
      }
    }
    return new ChainOutcome.Failed<>(
        lastFailure.isPresent() ? lastFailure.get() : withheld.orElseThrow(), attempts);
  }

  /**
   * Why candidate {@code index} is passed over: it is cooling down and a later candidate that
   * is not, and can honour the request, is there to take it. A request is never refused for
   * cooldowns alone.
   */
  private Optional<GatewayError> coolingDown(
      ChatRequest request, List<Candidate> candidates, int index) {
    Optional<Duration> left = cooldowns.remaining(candidates.get(index).model().alias());
    if (left.isEmpty()) {
      return Optional.empty();
    }
    boolean another =
        candidates.subList(index + 1, candidates.size()).stream()
            .anyMatch(
                later ->
                    cooldowns.remaining(later.model().alias()).isEmpty()
                        && RequestFit.check(request, later).isEmpty());
    if (!another) {
      return Optional.empty();
    }
    return Optional.of(
        new GatewayError.UpstreamUnreachable(
            "model '%s' failed %d times in a row and is passed over for %d s more"
                .formatted(
                    candidates.get(index).model().alias(),
                    Cooldowns.FAILURES_IN_A_ROW,
                    Math.max(1, left.get().toSeconds()))));
  }

  private <T> Step<T> onModel(
      ChatRequest request,
      Candidate candidate,
      Deadline deadline,
      Call<T> call,
      List<Attempt> attempts) {
    int allowed = 1 + candidate.provider().spec().maxRetries();
    for (int number = 1; ; number++) {
      if (deadline.expired()) {
        return new Step.Stop<>(budgetSpent(attempts));
      }
      Instant start = clock.instant();
      try {
        T value = call.attempt(request, candidate, deadline);
        record(attempts, Attempt.succeeded(candidate.model(), since(start), 200));
        return new Step.Served<>(value);
      } catch (GatewayException e) {
        record(attempts, Attempt.failed(candidate.model(), since(start), e.error(), statusOf(e)));
        Optional<Step<T>> end = afterFailure(e.error(), candidate, number, allowed, deadline);
        if (end.isPresent()) {
          return end.get();
        }
      }
    }
  }

  /** Ends the attempts on a model after a failure, or waits and returns empty to try again. */
  private <T> Optional<Step<T>> afterFailure(
      GatewayError error, Candidate candidate, int number, int allowed, Deadline deadline) {
    Optional<Duration> retryIn = retryIn(error, number, allowed, deadline);
    log(
        candidate,
        number,
        allowed,
        error,
        retryIn.map(wait -> "; retrying in %d ms".formatted(wait.toMillis())).orElse(""));
    if (retryIn.isEmpty()) {
      return Optional.of(
          Recovery.of(error) == Recovery.STOP
              ? new Step.Stop<>(error)
              : new Step.FallBack<>(error));
    }
    if (pause(retryIn.get())) {
      return Optional.empty();
    }
    return Optional.of(
        new Step.Stop<>(
            new GatewayError.Internal("the request was interrupted while waiting to retry")));
  }

  /** The wait before another try on the same model, or empty when there is none to make. */
  private Optional<Duration> retryIn(
      GatewayError error, int number, int allowed, Deadline deadline) {
    if (Recovery.of(error) != Recovery.RETRY || number >= allowed) {
      return Optional.empty();
    }
    Duration wait =
        error instanceof GatewayError.UpstreamFailed failed && failed.retryAfterSeconds() > 0
            ? Duration.ofSeconds(failed.retryAfterSeconds())
            : policy.backoff(number);
    return deadline.allows(wait) ? Optional.of(wait) : Optional.empty();
  }

  private boolean pause(Duration wait) {
    try {
      sleeper.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void record(List<Attempt> attempts, Attempt attempt) {
    attempts.add(attempt);
    health.record(attempt);
    cooldowns.record(attempt);
  }

  private Duration since(Instant start) {
    return Duration.between(start, clock.instant());
  }

  private static GatewayError budgetSpent(List<Attempt> attempts) {
    return new GatewayError.UpstreamTimeout(
        "no model answered within the request's time budget (%d attempts)"
            .formatted(attempts.size()));
  }

  private static OptionalInt statusOf(GatewayException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof UpstreamStatus status) {
        return OptionalInt.of(status.status());
      }
    }
    return OptionalInt.empty();
  }

  private static void log(
      Candidate candidate, int number, int allowed, GatewayError error, String next) {
    log.atLevel(error.logLevel())
        .log(
            "model '{}' on '{}': attempt {}/{} failed: {}{}",
            candidate.model().alias(),
            candidate.provider().spec().name(),
            number,
            allowed,
            error.message(),
            next);
  }

  /** One attempt of one candidate. */
  @FunctionalInterface
  private interface Call<T> {
    T attempt(ChatRequest request, Candidate candidate, Deadline deadline);
  }

  /** How the attempts on one model ended. */
  private sealed interface Step<T> {
    record Served<T>(T value) implements Step<T> {}

    record FallBack<T>(GatewayError error) implements Step<T> {}

    record Stop<T>(GatewayError error) implements Step<T> {}
  }
}
