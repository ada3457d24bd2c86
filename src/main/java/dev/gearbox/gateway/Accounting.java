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
import dev.gearbox.model.Choice;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.model.Usage;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.route.RoutePlan;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits calls against rate limits and budgets before they reach an upstream, then prices what
 * was served, settles the reservations and writes the ledger row. Every admitted call ends in
 * exactly one ledger row, errors and abandoned streams included.
 *
 * <p>Budgets reserve an estimate first (prompt tokens plus the request's max_tokens, or {@link
 * #DEFAULT_OUTPUT_ESTIMATE} when it sets none, priced on the chosen model, once per choice the
 * request asks for with {@code n}) and settle the real
 * cost after, so concurrent calls cannot jointly overspend. The rate limiter is asked only once
 * the budget admitted the call, and a budget refusal consumes no rate-limit quota.
 *
 * <p>Each ledger row has its audit record, written synchronously first: a served answer whose
 * record cannot be stored is withheld (the client gets an error), while a refusal or failure
 * whose record cannot be stored still reaches the client as the error it was, since the client
 * is not told of a success either way.
 */
public final class Accounting {
  static final int DEFAULT_OUTPUT_ESTIMATE = 1024;
  private static final Logger LOG = LoggerFactory.getLogger(Accounting.class);

  private final PriceBook prices;
  private final Counterfactual counterfactual;
  private final Budgets budgets;
  private final RateLimiter rateLimiter;
  private final Ledger ledger;
  private final CallObserver observer;
  private final Clock clock;
  private final AuditTrail audit;

  public Accounting(
      PriceBook prices,
      Counterfactual counterfactual,
      Budgets budgets,
      RateLimiter rateLimiter,
      Ledger ledger,
      CallObserver observer,
      Clock clock,
      AuditTrail audit) {
    this.prices = prices;
    this.counterfactual = counterfactual;
    this.budgets = budgets;
    this.rateLimiter = rateLimiter;
    this.ledger = ledger;
    this.observer = observer;
    this.clock = clock;
    this.audit = audit;
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
    // Each of n choices may generate max_tokens, and where they are fanned out (the upstream
    // returns one choice per call) each call pays for the prompt too: the worst case is n calls.
    int choices = request.sampling().n();
    long promptTokens = choices * TokenCounter.named(chosen.tokenizer()).countPrompt(request);
    long outputTokens =
        choices * (long) request.sampling().maxTokens().orElse(DEFAULT_OUTPUT_ESTIMATE);
    BigDecimal estimate =
        prices.cost(priceKey(prices, chosen), Usage.counted(promptTokens, outputTokens));
    Reservation reservation;
    try {
      reservation = budgets.reserve(context.keyId(), context.tenant(), estimate);
    } catch (RuntimeException refused) {
      recordRefusal(context, request, plan, refused);
      throw refused;
    }
    try {
      Permit permit = rateLimiter.acquire(context.keyId(), promptTokens + outputTokens);
      return new Admission(context, request, plan, reservation, permit, ownCall);
    } catch (RuntimeException refused) {
      budgets.release(reservation);
      recordRefusal(context, request, plan, refused);
      throw refused;
    }
  }

  /** Records a call refused before admission (by the data-label policy) in ledger and audit. */
  void refuse(CallContext context, ChatRequest request, RoutePlan plan, GatewayError error) {
    auditQuietly(new AuditedCall(context, plan.requestedModel(), request, Optional.empty(),
        error.httpStatus(), Optional.of(error), Usage.NONE, BigDecimal.ZERO, BigDecimal.ZERO,
        Optional.empty()));
    ledger.record(entry(context, plan.requestedModel(), Optional.empty(), Usage.NONE,
        BigDecimal.ZERO, BigDecimal.ZERO, OptionalLong.empty(), error.httpStatus()));
  }

  /**
   * Records a request answered from the cache: nothing was called upstream, so it costs nothing
   * and the whole counterfactual (the baseline model's price for this prompt and this answer) is
   * saved. Cache hits reserve no budget and take no rate-limit quota. A served hit's audit record
   * is durable when this returns.
   *
   * @param httpStatus 200, or 499 when a streaming client left before the replay ended
   * @throws GatewayException (Internal) when the audit record of a served hit could not be
   *     stored: the answer must then be withheld
   */
  Priced cacheHit(CallContext context, ChatRequest request, Decision decision,
      CacheStatus status, ChatResponse answer, int httpStatus) {
    BigDecimal baseline = counterfactual.costOfCacheHit(request, answerText(answer));
    boolean served = httpStatus == 200;
    AuditedCall call = new AuditedCall(context, request.model(), request, Optional.of(decision),
        httpStatus, Optional.empty(), Usage.NONE, BigDecimal.ZERO, baseline,
        served ? Optional.of(answer.choices()) : Optional.empty());
    int recorded = httpStatus;
    try {
      if (served) {
        audit.record(call);
      } else {
        auditQuietly(call);
      }
    } catch (GatewayException e) {
      recorded = e.error().httpStatus();
      throw e;
    } finally {
      ledger.record(LedgerEntry.builder(context.requestId(), context.receivedAt(),
              request.model())
          .key(context.keyId(), context.tenant())
          .session(context.sessionId(), context.parentId())
          .route(decision.servedModel(), decision.tier(), decision.reason())
          .cacheStatus(status)
          .cost(BigDecimal.ZERO, baseline)
          .latency(Duration.between(context.receivedAt(), clock.instant()).toMillis(),
              OptionalLong.empty())
          .httpStatus(recorded)
          .build());
    }
    return new Priced(BigDecimal.ZERO, baseline);
  }

  /** Records a request refused before it was routed (x-gearbox-cache: only on a miss). */
  void refuseUnrouted(
      CallContext context, ChatRequest request, CacheStatus status, GatewayError error) {
    auditQuietly(new AuditedCall(context, request.model(), request, Optional.empty(),
        error.httpStatus(), Optional.of(error), Usage.NONE, BigDecimal.ZERO, BigDecimal.ZERO,
        Optional.empty()));
    ledger.record(LedgerEntry.builder(context.requestId(), context.receivedAt(), request.model())
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

  private void recordRefusal(
      CallContext context, ChatRequest request, RoutePlan plan, RuntimeException refused) {
    GatewayError error = refused instanceof GatewayException g
        ? g.error()
        : new GatewayError.Internal("the call could not be admitted");
    refuse(context, request, plan, error);
  }

  /** For calls that end in an error anyway: a failed audit write is logged, not thrown. */
  private void auditQuietly(AuditedCall call) {
    try {
      audit.record(call);
    } catch (GatewayException e) {
      LOG.error("audit record of {} could not be stored: {}", call, e.error().message());
    }
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
    decision.ifPresent(d -> builder.route(d.servedModel(), d.tier(), d.routeSummary())
        .cacheStatus(CacheHeader.status(d.cacheStatus())));
    return builder.build();
  }

  /** What a served call cost and saved against the all-frontier counterfactual. */
  public record Priced(BigDecimal costUsd, BigDecimal savedUsd) {}

  /**
   * A small-tier answer the cascade threw away before escalating. It was paid for, so its cost
   * is added to the request's; its tokens stay out of the row, which describes the answer the
   * client got.
   */
  record Discarded(ModelSpec model, Usage usage, Duration upstream) {}

  /** A call that paid for no discarded answer. */
  static final List<Discarded> NONE_DISCARDED = List.of();

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

    /**
     * Settles a complete answer; its audit record is durable when this returns. {@code answer}
     * is absent only when a stream's answer could not be reassembled (its digest is then left
     * out of the record).
     *
     * @throws GatewayException (Internal) when the audit record could not be stored: the answer
     *     must then be withheld
     */
    Priced served(Decision decision, ModelSpec model, Usage usage, Duration upstream,
        Optional<List<Choice>> answer) {
      return settle(decision, model, usage, upstream, 200, answer, NONE_DISCARDED);
    }

    /** Served after answers were discarded (escalation, second sample): they are paid too. */
    Priced served(Decision decision, ModelSpec model, Usage usage, Duration upstream,
        Optional<List<Choice>> answer, List<Discarded> discarded) {
      return settle(decision, model, usage, upstream, 200, answer, discarded);
    }

    /** An upstream answered part of a stream, then failed or was abandoned by the client. */
    void failedMidStream(
        Decision decision, ModelSpec model, Usage usage, Duration upstream, int status) {
      try {
        settle(decision, model, usage, upstream, status, Optional.empty(), NONE_DISCARDED);
      } catch (GatewayException e) {
        LOG.error("audit record of a broken stream could not be stored: {}",
            e.error().message());
      }
    }

    void failed(Decision decision, GatewayError error) {
      settled = true;
      budgets.release(reservation);
      permit.settle(0);
      auditQuietly(new AuditedCall(context, plan.requestedModel(), request,
          Optional.of(decision), error.httpStatus(), Optional.of(error), Usage.NONE,
          BigDecimal.ZERO, BigDecimal.ZERO, Optional.empty()));
      ledger.record(entry(context, plan.requestedModel(), Optional.of(decision), Usage.NONE,
          BigDecimal.ZERO, BigDecimal.ZERO, OptionalLong.empty(), error.httpStatus()));
      observer.failed(decision, error);
    }

    boolean settled() {
      return settled;
    }

    private Priced settle(Decision decision, ModelSpec model, Usage usage, Duration upstream,
        int status, Optional<List<Choice>> answer, List<Discarded> discarded) {
      settled = true;
      BigDecimal cost = prices.cost(priceKey(prices, model), usage);
      for (Discarded d : discarded) {
        cost = cost.add(prices.cost(priceKey(prices, d.model()), d.usage()));
      }
      BigDecimal baseline = ownCall ? BigDecimal.ZERO : counterfactual.costOf(request,
          new ServedCall(priceKey(prices, model), model.tokenizer(), usage, Optional.empty()))
          .add(uncompressed(decision));
      budgets.settle(reservation, cost);
      permit.settle(usage.totalTokens());
      observer.served(decision, usage, upstream);
      discarded.forEach(d -> observer.discarded(d.model().alias(), d.usage(), d.upstream()));
      int recorded = status;
      try {
        audit.record(new AuditedCall(context, plan.requestedModel(), request,
            Optional.of(decision), status, Optional.empty(), usage, cost, baseline, answer));
      } catch (GatewayException e) {
        recorded = e.error().httpStatus();
        throw e;
      } finally {
        ledger.record(entry(context, plan.requestedModel(), Optional.of(decision), usage, cost,
            baseline, OptionalLong.of(upstream.toMillis()), recorded));
      }
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
