package dev.gearbox.gateway;

import dev.gearbox.compress.Compression;
import dev.gearbox.compress.CompressionNote;
import dev.gearbox.compress.ContextCompressor;
import dev.gearbox.compress.Summariser;
import dev.gearbox.compress.SummaryAnswer;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.Usage;
import dev.gearbox.policy.PolicyGuard;
import dev.gearbox.policy.Screening;
import dev.gearbox.provider.Attempt;
import dev.gearbox.provider.Candidate;
import dev.gearbox.provider.ChainOutcome;
import dev.gearbox.provider.Deadline;
import dev.gearbox.provider.FallbackChain;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.Provider;
import dev.gearbox.provider.UpstreamStream;
import dev.gearbox.route.RoutePlan;
import dev.gearbox.route.RoutePlanner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request pipeline, the same for both client APIs: plan the route (rules), screen it by the
 * request's data label, compress a long prompt bound for an expensive model, admit the call
 * against budgets and rate limits, call the upstream through the fallback chain, and account
 * for the result in the ledger and the audit log. Each stage adds its verdict to the {@link
 * Decision}.
 *
 * <p>Admission and the counterfactual see the request as the client sent it, the upstream the
 * compressed one: the ledger's saving then includes what compression saved. A summary the
 * compression stage asks of the small tier is a call of its own through this pipeline (its own
 * ledger row, a child of the call it serves), made before the parent is admitted so that a
 * per-key concurrency limit of one cannot block it.
 */
public final class Gateway {
  private final RoutePlanner planner;
  private final FallbackChain chain;
  private final Map<String, Provider> providersByName;
  private final Accounting accounting;
  private final Duration totalTimeout;
  private final Clock clock;
  private final PolicyGuard policy;
  private final ContextCompressor compressor;

  public Gateway(
      RoutePlanner planner,
      FallbackChain chain,
      Map<String, Provider> providersByName,
      Accounting accounting,
      Duration totalTimeout,
      Clock clock,
      PolicyGuard policy) {
    this(planner, chain, providersByName, accounting, totalTimeout, clock, policy,
        ContextCompressor.disabled());
  }

  public Gateway(
      RoutePlanner planner,
      FallbackChain chain,
      Map<String, Provider> providersByName,
      Accounting accounting,
      Duration totalTimeout,
      Clock clock,
      PolicyGuard policy,
      ContextCompressor compressor) {
    this.compressor = compressor;
    this.planner = planner;
    this.chain = chain;
    this.providersByName = Map.copyOf(providersByName);
    this.accounting = accounting;
    this.totalTimeout = totalTimeout;
    this.clock = clock;
    this.policy = policy;
  }

  /** Serves a non-streamed request; throws GatewayException with the error the client sees. */
  public CompletedCall complete(CallContext context, ChatRequest request) {
    return complete(context, request, true);
  }

  /**
   * @param clientCall false for a call the gateway makes itself (a summary): it is neither
   *     compressed nor compared with a counterfactual
   */
  private CompletedCall complete(CallContext context, ChatRequest request, boolean clientCall) {
    RoutePlan plan = screened(context, request, planner.plan(request));
    Optional<CompressionNote> note = Optional.empty();
    ChatRequest upstream = request;
    if (clientCall) {
      Optional<Compression> compression = compressed(context, request, plan);
      note = compression.map(Compression::note);
      upstream = compression.map(Compression::request).orElse(request);
    }
    try (Accounting.Admission admission = clientCall
        ? accounting.admit(context, request, plan)
        : accounting.admitOwnCall(context, request, plan)) {
      ChainOutcome<ChatResponse> outcome =
          chain.complete(upstream, candidates(plan), Deadline.after(totalTimeout, clock));
      return switch (outcome) {
        case ChainOutcome.Served<ChatResponse> served -> {
          Decision decision = decision(plan, served.model(), served.attempts(), note);
          ChatResponse response = served.value().withModel(served.model().alias());
          Accounting.Priced priced = admission.served(decision, served.model(), response.usage(),
              upstreamTime(served), Optional.of(response.choices()));
          yield new CompletedCall(response, decision, priced.costUsd(), priced.savedUsd());
        }
        case ChainOutcome.Failed<ChatResponse> failed -> {
          admission.failed(decision(plan, plan.chosen(), failed.attempts(), note),
              failed.error());
          throw failed.error().toException();
        }
      };
    }
  }

  /**
   * Opens a streamed request on the first model that starts answering. The returned call must be
   * closed; closing it records the call whatever happened to the stream.
   */
  public StreamingCall stream(CallContext context, ChatRequest request) {
    RoutePlan plan = screened(context, request, planner.plan(request));
    Optional<Compression> compression = compressed(context, request, plan);
    Optional<CompressionNote> note = compression.map(Compression::note);
    ChatRequest upstream = compression.map(Compression::request).orElse(request);
    Accounting.Admission admission = accounting.admit(context, request, plan);
    try {
      ChainOutcome<UpstreamStream> outcome =
          chain.stream(upstream, candidates(plan), Deadline.after(totalTimeout, clock));
      return switch (outcome) {
        case ChainOutcome.Served<UpstreamStream> served ->
            new RecordedStream(
                served.value(),
                decision(plan, served.model(), served.attempts(), note),
                served.model(),
                admission,
                upstreamTime(served),
                () -> Usage.counted(
                    TokenCounter.named(served.model().tokenizer()).countPrompt(upstream), 0),
                clock);
        case ChainOutcome.Failed<UpstreamStream> failed -> {
          admission.failed(decision(plan, plan.chosen(), failed.attempts(), note),
              failed.error());
          admission.close();
          throw failed.error().toException();
        }
      };
    } catch (RuntimeException e) {
      admission.close();
      throw e;
    }
  }

  // ---- compression stage -------------------------------------------------------------------

  /** The request compressed for the chosen model, when the stage applies to it. */
  private Optional<Compression> compressed(
      CallContext context, ChatRequest request, RoutePlan plan) {
    String session = context.tenant() + "/"
        + context.sessionId().orElse("key:" + context.keyId());
    return compressor.compress(request, plan.chosen(), session, summaryCall(context));
  }

  /** Summaries are calls of their own: a child of the call being compressed, never compressed. */
  private Summariser summaryCall(CallContext parent) {
    return summaryRequest -> {
      CallContext child = parent.child("-summary", clock.instant());
      CompletedCall call = complete(child, summaryRequest, false);
      return new SummaryAnswer(call.response().first().message().text(), call.costUsd());
    };
  }

  /**
   * The plan without the candidates the request's data label forbids; when none is left the
   * refusal is recorded and thrown, before any upstream has seen the request.
   */
  private RoutePlan screened(CallContext context, ChatRequest request, RoutePlan plan) {
    Screening screening = policy.screen(context.dataLabel(), plan.candidates());
    if (screening.refused()) {
      accounting.refuse(context, request, plan, screening.refusal());
      throw screening.refusal().toException();
    }
    return screening.note()
        .map(note -> new RoutePlan(plan.requestedModel(), screening.allowed(),
            plan.reason() + "; " + note))
        .orElse(plan);
  }

  public List<ModelSpec> models() {
    return planner.models();
  }

  private List<Candidate> candidates(RoutePlan plan) {
    return plan.candidates().stream()
        .map(model -> new Candidate(model, provider(model)))
        .toList();
  }

  private Provider provider(ModelSpec model) {
    Provider provider = providersByName.get(model.providerName());
    if (provider == null) {
      throw new GatewayError.Internal(
              "model '" + model.alias() + "' names a provider that was not started")
          .toException();
    }
    return provider;
  }

  private static Decision decision(
      RoutePlan plan, ModelSpec served, List<Attempt> attempts,
      Optional<CompressionNote> compression) {
    return new Decision(
        plan.requestedModel(),
        served.alias(),
        served.tier().name().toLowerCase(java.util.Locale.ROOT),
        plan.reason(),
        "miss",
        attempts.stream().map(Gateway::describe).toList(),
        compression);
  }

  private static String describe(Attempt attempt) {
    return attempt.modelAlias() + ":" + attempt.outcome().name().toLowerCase(java.util.Locale.ROOT)
        + attempt.httpStatus().stream().mapToObj(s -> "(" + s + ")").findFirst().orElse("");
  }

  private static Duration upstreamTime(ChainOutcome<?> outcome) {
    return outcome.attempts().stream().map(Attempt::duration).reduce(Duration.ZERO, Duration::plus);
  }
}
