package dev.gearbox.gateway;

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
    return admit(context, request, plan, false);
  }

  /**
   * Admits a call the gateway makes for its own purposes (a compression summary). Its
   * counterfactual is zero: without the gateway the call would not exist, so its whole cost
   * counts against the saving of the call it served.
   */
  Admission admitOwnCall(CallContext context, ChatRequest request, RoutePlan plan) {
    return admit(context, request, plan, true);
  }

  private Admission admit(
      CallContext context, ChatRequest request, RoutePlan plan, boolean ownCall) {
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
      return new Admission(context, request, plan, reservation, permit, ownCall);
    } catch (RuntimeException refused) {
      budgets.release(reservation);
      recordRefusal(context, plan, refused);
      throw refused;
    }
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
        .cacheStatus(CacheStatus.MISS));
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
    private final boolean ownCall;
    private boolean settled;

    private Admission(
        CallContext context,
        ChatRequest request,
        RoutePlan plan,
        Reservation reservation,
        Permit permit,
        boolean ownCall) {
      this.context = context;
      this.request = request;
      this.plan = plan;
      this.reservation = reservation;
      this.permit = permit;
      this.ownCall = ownCall;
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
      BigDecimal baseline = ownCall ? BigDecimal.ZERO : counterfactual.costOf(request,
          new ServedCall(priceKey(prices, model), model.tokenizer(), usage, Optional.empty()))
          .add(uncompressed(decision));
      budgets.settle(reservation, cost);
      permit.settle(usage.totalTokens());
      ledger.record(entry(context, plan.requestedModel(), Optional.of(decision), usage, cost,
          baseline, OptionalLong.of(upstream.toMillis()), status));
      observer.served(decision, usage, upstream);
      return new Priced(cost, Counterfactual.saved(cost, baseline));
    }

    /**
     * The prompt tokens the compression stage removed, priced on the baseline: the counterfactual
     * is the request as the client sent it, so what compression saved counts as saved.
     */
    private BigDecimal uncompressed(Decision decision) {
      return decision.compression()
          .map(note -> counterfactual.cost(note.tokensBefore() - note.tokensAfter(), 0))
          .orElse(BigDecimal.ZERO);
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
