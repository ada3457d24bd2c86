package dev.gearbox.gateway;

import dev.gearbox.cache.CacheHeader;
import dev.gearbox.cost.Budgets;
import dev.gearbox.cost.CacheStatus;
import dev.gearbox.cost.Counterfactual;
import dev.gearbox.cost.Ledger;
import dev.gearbox.cost.LedgerEntry;
import dev.gearbox.cost.Permit;
import dev.gearbox.cost.PriceBook;
import dev.gearbox.cost.RateLimiter;
import dev.gearbox.cost.Reservation;
import dev.gearbox.cost.ServedCall;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.Usage;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.route.RoutePlan;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Admits calls against rate limits and budgets before they reach an upstream, then prices what
 * was served, settles the reservations and writes the ledger row. Every admitted call ends in
 * exactly one ledger row, errors and abandoned streams included.
 *
 * <p>Budgets reserve an estimate first (prompt tokens plus the request's max_tokens, or {@link
 * #DEFAULT_OUTPUT_ESTIMATE} when it sets none, priced on the chosen model) and settle the real
 * cost after, so concurrent calls cannot jointly overspend. The rate limiter is asked only once
 * the budget admitted the call, and a budget refusal consumes no rate-limit quota.
 */
public final class Accounting {
  static final int DEFAULT_OUTPUT_ESTIMATE = 1024;

  private final PriceBook prices;
  private final Counterfactual counterfactual;
  private final Budgets budgets;
  private final RateLimiter rateLimiter;
  private final Ledger ledger;
  private final CallObserver observer;
  private final Clock clock;

  public Accounting(
      PriceBook prices,
      Counterfactual counterfactual,
      Budgets budgets,
      RateLimiter rateLimiter,
      Ledger ledger,
      CallObserver observer,
      Clock clock) {
    this.prices = prices;
    this.counterfactual = counterfactual;
    this.budgets = budgets;
    this.rateLimiter = rateLimiter;
    this.ledger = ledger;
    this.observer = observer;
    this.clock = clock;
  }

  /** The price-book name of a model: its alias when priced under it, else the upstream name. */
  public static String priceKey(PriceBook prices, ModelSpec model) {
    return prices.price(model.alias()).isPresent() ? model.alias() : model.upstreamModel();
  }

  /** Reserves budget and rate-limit quota, or throws the refusal the client should see. */
  Admission admit(CallContext context, ChatRequest request, RoutePlan plan) {
    ModelSpec chosen = plan.chosen();
    long promptTokens = TokenCounter.named(chosen.tokenizer()).countPrompt(request);
    long outputTokens = request.sampling().maxTokens().orElse(DEFAULT_OUTPUT_ESTIMATE);
    BigDecimal estimate =
        prices.cost(priceKey(prices, chosen), Usage.counted(promptTokens, outputTokens));
    Reservation reservation;
    try {
      reservation = budgets.reserve(context.keyId(), context.tenant(), estimate);
    } catch (RuntimeException refused) {
      recordRefusal(context, plan, refused);
      throw refused;
    }
    try {
      Permit permit = rateLimiter.acquire(context.keyId(), promptTokens + outputTokens);
      return new Admission(context, request, plan, reservation, permit);
    } catch (RuntimeException refused) {
      budgets.release(reservation);
      recordRefusal(context, plan, refused);
      throw refused;
    }
  }

  /**
   * Records a request answered from the cache: nothing was called upstream, so it costs nothing
   * and the whole counterfactual (the baseline model's price for this prompt and this answer) is
   * saved. Cache hits reserve no budget and take no rate-limit quota.
   *
   * @param status 200, or 499 when a streaming client left before the replay ended
   */
  Priced cacheHit(CallContext context, ChatRequest request, Decision decision,
      CacheStatus status, ChatResponse answer, int httpStatus) {
    BigDecimal baseline = counterfactual.costOfCacheHit(request, answerText(answer));
    ledger.record(LedgerEntry.builder(context.requestId(), context.receivedAt(), request.model())
        .key(context.keyId(), context.tenant())
        .session(context.sessionId(), context.parentId())
        .route(decision.servedModel(), decision.tier(), decision.reason())
        .cacheStatus(status)
        .cost(BigDecimal.ZERO, baseline)
        .latency(Duration.between(context.receivedAt(), clock.instant()).toMillis(),
            OptionalLong.empty())
        .httpStatus(httpStatus)
        .build());
    return new Priced(BigDecimal.ZERO, baseline);
  }

  /** Records a request refused before it was routed (x-gearbox-cache: only on a miss). */
  void refusedBeforeRoute(
      CallContext context, String requestedModel, CacheStatus status, GatewayError error) {
    ledger.record(LedgerEntry.builder(context.requestId(), context.receivedAt(), requestedModel)
        .key(context.keyId(), context.tenant())
        .session(context.sessionId(), context.parentId())
        .cacheStatus(status)
        .latency(Duration.between(context.receivedAt(), clock.instant()).toMillis(),
            OptionalLong.empty())
        .httpStatus(error.httpStatus())
        .build());
  }

  /** Everything the answer says, as the baseline would have generated it. */
  private static String answerText(ChatResponse answer) {
    return answer.choices().stream()
        .map(c -> c.message().text() + c.message().toolCalls().stream()
            .map(call -> call.name() + call.argumentsJson())
            .collect(Collectors.joining()))
        .collect(Collectors.joining());
  }

  private void recordRefusal(CallContext context, RoutePlan plan, RuntimeException refused) {
    int status = refused instanceof dev.gearbox.model.GatewayException g
        ? g.error().httpStatus()
        : 500;
    ledger.record(entry(context, plan.requestedModel(), Optional.empty(), Usage.NONE,
        BigDecimal.ZERO, BigDecimal.ZERO, OptionalLong.empty(), status));
  }

  private LedgerEntry entry(
      CallContext context,
      String requestedModel,
      Optional<Decision> decision,
      Usage usage,
      BigDecimal cost,
      BigDecimal counterfactualCost,
      OptionalLong upstreamMs,
      int status) {
    Instant now = clock.instant();
    var builder =
        LedgerEntry.builder(context.requestId(), context.receivedAt(), requestedModel)
            .key(context.keyId(), context.tenant())
            .session(context.sessionId(), context.parentId())
            .cacheStatus(CacheStatus.BYPASS)
            .usage(usage)
            .cost(cost, counterfactualCost)
            .latency(Duration.between(context.receivedAt(), now).toMillis(), upstreamMs)
            .httpStatus(status);
    decision.ifPresent(d -> builder.route(d.servedModel(), d.tier(), d.reason())
        .cacheStatus(CacheHeader.status(d.cacheStatus())));
    return builder.build();
  }

  /** What a served call cost and saved against the all-frontier counterfactual. */
  public record Priced(BigDecimal costUsd, BigDecimal savedUsd) {}

  /** One admitted call: settle it with served / failed, then close it (always). */
  final class Admission implements AutoCloseable {
    private final CallContext context;
    private final ChatRequest request;
    private final RoutePlan plan;
    private final Reservation reservation;
    private final Permit permit;
    private boolean settled;

    private Admission(
        CallContext context,
        ChatRequest request,
        RoutePlan plan,
        Reservation reservation,
        Permit permit) {
      this.context = context;
      this.request = request;
      this.plan = plan;
      this.reservation = reservation;
      this.permit = permit;
    }

    Priced served(Decision decision, ModelSpec model, Usage usage, Duration upstream) {
      return settle(decision, model, usage, upstream, 200);
    }

    /** An upstream answered part of a stream, then failed or was abandoned by the client. */
    void failedMidStream(
        Decision decision, ModelSpec model, Usage usage, Duration upstream, int status) {
      settle(decision, model, usage, upstream, status);
    }

    void failed(Decision decision, GatewayError error) {
      settled = true;
      budgets.release(reservation);
      permit.settle(0);
      ledger.record(entry(context, plan.requestedModel(), Optional.of(decision), Usage.NONE,
          BigDecimal.ZERO, BigDecimal.ZERO, OptionalLong.empty(), error.httpStatus()));
      observer.failed(decision, error);
    }

    private Priced settle(
        Decision decision, ModelSpec model, Usage usage, Duration upstream, int status) {
      settled = true;
      BigDecimal cost = prices.cost(priceKey(prices, model), usage);
      BigDecimal baseline = counterfactual.costOf(request,
          new ServedCall(priceKey(prices, model), model.tokenizer(), usage, Optional.empty()));
      budgets.settle(reservation, cost);
      permit.settle(usage.totalTokens());
      ledger.record(entry(context, plan.requestedModel(), Optional.of(decision), usage, cost,
          baseline, OptionalLong.of(upstream.toMillis()), status));
      observer.served(decision, usage, upstream);
      return new Priced(cost, Counterfactual.saved(cost, baseline));
    }

    @Override
    public void close() {
      if (!settled) {
        budgets.release(reservation);
      }
      permit.close();
    }
  }
}
