package dev.gearbox.gateway;

import dev.gearbox.cost.TokenCounter;
import dev.gearbox.embed.Embedder;
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
import dev.gearbox.route.Cascade;
import dev.gearbox.route.RouteHints;
import dev.gearbox.route.RoutePlan;
import dev.gearbox.route.RoutePlanner;
import dev.gearbox.validate.Agreement;
import dev.gearbox.validate.AnswerValidator;
import dev.gearbox.validate.Verdict;
import dev.gearbox.wire.StreamReplay;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline, the same for both client APIs: plan the route (rules, then the
 * classifier), screen it by the request's data label, admit the call against budgets and rate
 * limits, call the upstream through the fallback chain, validate a small-tier answer and
 * escalate it to the frontier when it fails (the cascade), and account for the result in the
 * ledger and the audit log. Each stage adds its verdict to the {@link Decision}.
 *
 * <p>An escalated request is one ledger row: the frontier's answer, with the discarded small
 * call's cost added. A streamed request in the cascade band is answered in full by the small
 * tier first and validated, then replayed to the client as a stream, so the client gets one
 * clean answer; outside the band a streamed answer passes through as it arrives.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final int REPLAY_CHARS_PER_DELTA = 24;

  private final RoutePlanner planner;
  private final Optional<Embedder> embedder;
  private final Cascade cascade;
  private final FallbackChain chain;
  private final Map<String, Provider> providersByName;
  private final Accounting accounting;
  private final Duration totalTimeout;
  private final Clock clock;
  private final PolicyGuard policy;

  public Gateway(
      RoutePlanner planner,
      FallbackChain chain,
      Map<String, Provider> providersByName,
      Accounting accounting,
      Duration totalTimeout,
      Clock clock,
      PolicyGuard policy) {
    this(planner, chain, providersByName, accounting, totalTimeout, clock, policy,
        Optional.empty(), new Cascade(new AnswerValidator(), Optional.empty()));
  }

  /**
   * A gateway whose router reads prompt embeddings from {@code embedder} and whose cascade
   * judges small-tier answers with {@code cascade}.
   */
  public Gateway(
      RoutePlanner planner,
      FallbackChain chain,
      Map<String, Provider> providersByName,
      Accounting accounting,
      Duration totalTimeout,
      Clock clock,
      PolicyGuard policy,
      Optional<Embedder> embedder,
      Cascade cascade) {
    this.embedder = embedder;
    this.cascade = cascade;
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
    RoutePlan plan = screened(context, request, planner.plan(request, hints(context, request)));
    try (Accounting.Admission admission = accounting.admit(context, request, plan)) {
      return complete(request, plan, admission);
    }
  }

  private CompletedCall complete(
      ChatRequest request, RoutePlan plan, Accounting.Admission admission) {
    Deadline deadline = Deadline.after(totalTimeout, clock);
    ChainOutcome<ChatResponse> outcome =
        chain.complete(request, candidates(plan.candidates()), deadline);
    if (plan.validates()) {
      Optional<String> reason = escalationReason(request, plan, outcome);
      if (reason.isPresent()) {
        return escalate(request, plan, admission, outcome, List.of(), reason.get(), deadline);
      }
      if (plan.cascade() && cascade.secondSample()
          && outcome instanceof ChainOutcome.Served<ChatResponse> first) {
        return secondSample(request, plan, admission, first, deadline);
      }
    }
    return switch (outcome) {
      case ChainOutcome.Served<ChatResponse> served ->
          served(plan, admission, served, served.attempts(), Accounting.NONE_DISCARDED);
      case ChainOutcome.Failed<ChatResponse> failed -> {
        admission.failed(decision(plan, plan.chosen(), failed.attempts(), List.of()),
            failed.error());
        throw failed.error().toException();
      }
    };
  }

  private CompletedCall served(RoutePlan plan, Accounting.Admission admission,
      ChainOutcome.Served<ChatResponse> served, List<Attempt> attempts,
      List<Accounting.Discarded> discarded) {
    Decision decision = decision(plan, served.model(), attempts, List.of());
    ChatResponse response = served.value().withModel(served.model().alias());
    Accounting.Priced priced = admission.served(decision, served.model(), response.usage(),
        upstreamTime(served), Optional.of(response.choices()), discarded);
    return new CompletedCall(response, decision, priced.costUsd(), priced.savedUsd());
  }

  /**
   * Asks the small tier once more and escalates when the two answers disagree (AutoMix's
   * self-consistency check): an answer a model cannot reproduce is one it is unsure of. The
   * second call is paid for either way; when it fails, the first answer stands.
   */
  private CompletedCall secondSample(ChatRequest request, RoutePlan plan,
      Accounting.Admission admission, ChainOutcome.Served<ChatResponse> first,
      Deadline deadline) {
    ChainOutcome<ChatResponse> second =
        chain.complete(request, candidates(plan.candidates()), deadline);
    List<Attempt> attempts = new ArrayList<>(first.attempts());
    attempts.addAll(second.attempts());
    if (!(second instanceof ChainOutcome.Served<ChatResponse> again)) {
      return served(plan, admission, first, attempts, Accounting.NONE_DISCARDED);
    }
    List<Accounting.Discarded> paid =
        List.of(new Accounting.Discarded(again.model(), again.value().usage()));
    if (Agreement.agree(first.value().first().message().text(),
        again.value().first().message().text())) {
      return served(plan, admission, first, attempts, paid);
    }
    return escalate(request, plan, admission, again, List.of(new Accounting.Discarded(
        first.model(), first.value().usage())), "disagreement", deadline, attempts);
  }

  /** Why the small tier's outcome must go to the frontier, or empty to serve it. */
  private Optional<String> escalationReason(
      ChatRequest request, RoutePlan plan, ChainOutcome<ChatResponse> outcome) {
    return switch (outcome) {
      case ChainOutcome.Served<ChatResponse> served -> switch (
          cascade.judge(request, plan, served.value())) {
        case Verdict.Accepted ignored -> Optional.empty();
        case Verdict.Rejected rejected -> {
          LOG.debug("escalating: {} ({})", rejected.reason().label(), rejected.detail());
          yield Optional.of(rejected.reason().label());
        }
      };
      case ChainOutcome.Failed<ChatResponse> ignored -> Optional.of("small_failed");
    };
  }

  private CompletedCall escalate(ChatRequest request, RoutePlan plan,
      Accounting.Admission admission, ChainOutcome<ChatResponse> first,
      List<Accounting.Discarded> alsoPaid, String reason, Deadline deadline) {
    return escalate(request, plan, admission, first, alsoPaid, reason, deadline,
        first.attempts());
  }

  private CompletedCall escalate(ChatRequest request, RoutePlan plan,
      Accounting.Admission admission, ChainOutcome<ChatResponse> first,
      List<Accounting.Discarded> alsoPaid, String reason, Deadline deadline,
      List<Attempt> before) {
    ChainOutcome<ChatResponse> outcome =
        chain.complete(request, candidates(plan.escalation()), deadline);
    List<Attempt> attempts = new ArrayList<>(before);
    attempts.addAll(outcome.attempts());
    List<Accounting.Discarded> discarded = new ArrayList<>(alsoPaid);
    if (first instanceof ChainOutcome.Served<ChatResponse> s) {
      discarded.add(new Accounting.Discarded(s.model(), s.value().usage()));
    }
    return switch (outcome) {
      case ChainOutcome.Served<ChatResponse> served -> {
        Decision decision = decision(plan, served.model(), attempts, List.of(reason));
        ChatResponse response = served.value().withModel(served.model().alias());
        Accounting.Priced priced = admission.served(decision, served.model(), response.usage(),
            upstreamTime(first).plus(upstreamTime(served)), Optional.of(response.choices()),
            discarded);
        yield new CompletedCall(response, decision, priced.costUsd(), priced.savedUsd());
      }
      case ChainOutcome.Failed<ChatResponse> failed -> {
        admission.failed(decision(plan, plan.escalation().getFirst(), attempts,
            List.of(reason)), failed.error());
        throw failed.error().toException();
      }
    };
  }

  /**
   * Opens a streamed request on the first model that starts answering. The returned call must be
   * closed; closing it records the call whatever happened to the stream.
   */
  public StreamingCall stream(CallContext context, ChatRequest request) {
    RoutePlan plan = screened(context, request, planner.plan(request, hints(context, request)));
    if (plan.cascade()) {
      return replayed(context, request, plan);
    }
    Accounting.Admission admission = accounting.admit(context, request, plan);
    try {
      ChainOutcome<UpstreamStream> outcome = chain.stream(
          request, candidates(plan.candidates()), Deadline.after(totalTimeout, clock));
      return switch (outcome) {
        case ChainOutcome.Served<UpstreamStream> served ->
            new RecordedStream(
                served.value(),
                decision(plan, served.model(), served.attempts(), List.of()),
                served.model(),
                admission,
                upstreamTime(served),
                () -> Usage.counted(
                    TokenCounter.named(served.model().tokenizer()).countPrompt(request), 0),
                clock);
        case ChainOutcome.Failed<UpstreamStream> failed -> {
          admission.failed(decision(plan, plan.chosen(), failed.attempts(), List.of()),
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

  /** The cascade for a streamed request: answered and judged in full, then replayed. */
  private StreamingCall replayed(CallContext context, ChatRequest request, RoutePlan plan) {
    ChatRequest whole = request.withStream(false, false);
    CompletedCall call;
    try (Accounting.Admission admission = accounting.admit(context, request, plan)) {
      call = complete(whole, plan, admission);
    }
    return new ReplayedCall(
        StreamReplay.of(call.response(), REPLAY_CHARS_PER_DELTA), call.decision());
  }

  private RouteHints hints(CallContext context, ChatRequest request) {
    PromptEmbedding prompt = embedder.map(e -> PromptEmbedding.of(e, request))
        .orElseGet(() -> PromptEmbedding.of(NO_EMBEDDER, request));
    return new RouteHints(context.keyId(), context.requestedTier(), prompt::vector);
  }

  /** Stands in when no router is configured: the planner then never asks for a vector. */
  private static final Embedder NO_EMBEDDER = new Embedder() {
    @Override
    public float[] embed(String text) {
      throw new IllegalStateException("no embedding model is configured");
    }

    @Override
    public int dimensions() {
      return 0;
    }

    @Override
    public String modelName() {
      return "none";
    }
  };

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
    List<ModelSpec> escalation = plan.escalation().isEmpty() ? List.of()
        : policy.screen(context.dataLabel(), plan.escalation()).allowed();
    return screening.note()
        .map(note -> new RoutePlan(plan.requestedModel(), screening.allowed(),
            plan.reason() + "; " + note, plan.score(), escalation))
        .orElse(new RoutePlan(plan.requestedModel(), plan.candidates(), plan.reason(),
            plan.score(), escalation));
  }

  public List<ModelSpec> models() {
    return planner.models();
  }

  private List<Candidate> candidates(List<ModelSpec> models) {
    return models.stream()
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
      RoutePlan plan, ModelSpec served, List<Attempt> attempts, List<String> escalations) {
    return new Decision(
        plan.requestedModel(),
        served.alias(),
        served.tier().name().toLowerCase(java.util.Locale.ROOT),
        plan.reason(),
        "miss",
        attempts.stream().map(Gateway::describe).toList(),
        plan.score().map(s -> OptionalDouble.of(s.score())).orElse(OptionalDouble.empty()),
        plan.score().map(s -> OptionalDouble.of(s.threshold())).orElse(OptionalDouble.empty()),
        escalations);
  }

  private static String describe(Attempt attempt) {
    return attempt.modelAlias() + ":" + attempt.outcome().name().toLowerCase(java.util.Locale.ROOT)
        + attempt.httpStatus().stream().mapToObj(s -> "(" + s + ")").findFirst().orElse("");
  }

  private static Duration upstreamTime(ChainOutcome<?> outcome) {
    return outcome.attempts().stream().map(Attempt::duration).reduce(Duration.ZERO, Duration::plus);
  }
}
