package dev.gearbox.gateway;

import dev.gearbox.cache.CacheControl;
import dev.gearbox.cache.CacheDirective;
import dev.gearbox.cache.CacheHeader;
import dev.gearbox.cache.CacheLookup;
import dev.gearbox.cache.CacheQuery;
import dev.gearbox.cache.ResponseCache;
import dev.gearbox.compress.Compression;
import dev.gearbox.compress.CompressionNote;
import dev.gearbox.compress.ContextCompressor;
import dev.gearbox.compress.Summariser;
import dev.gearbox.compress.SummaryAnswer;
import dev.gearbox.cost.CacheStatus;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.embed.Embedder;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.model.Usage;
import dev.gearbox.policy.PolicyGuard;
import dev.gearbox.policy.Screening;
import dev.gearbox.provider.Attempt;
import dev.gearbox.provider.Candidate;
import dev.gearbox.provider.ChainOutcome;
import dev.gearbox.provider.Clearance;
import dev.gearbox.provider.Deadline;
import dev.gearbox.provider.FallbackChain;
import dev.gearbox.provider.Locality;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.Provider;
import dev.gearbox.provider.UpstreamStream;
import dev.gearbox.route.Cascade;
import dev.gearbox.route.RouteHints;
import dev.gearbox.route.RoutePlan;
import dev.gearbox.route.RoutePlanner;
import dev.gearbox.validate.Agreement;
import dev.gearbox.validate.Verdict;
import java.time.Clock;
import java.time.Duration;
import dev.gearbox.wire.StreamReplay;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline, the same for both client APIs: look the request up in the response cache
 * (a hit is answered at once, costs nothing upstream and passes budgets and rate limits
 * untouched), plan the route (rules), screen it by the request's data label, compress a long
 * prompt bound for an expensive model, admit the call against budgets and rate limits, call the
 * upstream through the fallback chain, account for the result in the ledger and the audit log,
 * and cache a complete answer. Each stage adds its verdict to the {@link Decision}.
 *
 * <p>Cache entries are kept per tenant and data label, so a hit was produced for a request of
 * the same label; it is served only while the model that produced it is one the label allows
 * (a policy made stricter since, or air-gap turned on, makes it a miss).
 *
 * <p>The cache, admission and the counterfactual see the request as the client sent it, the
 * upstream the compressed one: the ledger's saving then includes what compression saved. A
 * summary the compression stage asks of the small tier is a call of its own through this
 * pipeline (its own ledger and audit record, a child of the call it serves; no cache, no
 * compression, no counterfactual), made before the parent is admitted so that a per-key
 * concurrency limit of one cannot block it.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  /** Code points per text delta when a cached answer is replayed as a stream. */
  static final int REPLAY_CHARS_PER_DELTA = 16;

  private final RoutePlanner planner;
  private final FallbackChain chain;
  private final Map<String, Provider> providersByName;
  private final Accounting accounting;
  private final Duration totalTimeout;
  private final Clock clock;
  private final PolicyGuard policy;
  private final ResponseCache cache;
  private final Supplier<Embedder> embedder;
  private final ContextCompressor compressor;
  private final Cascade cascade;

  /**
   * @param cache looked up before routing, written after complete answers
   * @param embedder the prompt embedder, asked for only when a stage needs a prompt vector
   * @param compressor shrinks long prompts after routing, before the upstream call
   * @param cascade judges the small tier's answers that the router's plan asks to validate, and
   *     decides their escalation to the frontier
   */
  public Gateway(
      RoutePlanner planner,
      FallbackChain chain,
      Map<String, Provider> providersByName,
      Accounting accounting,
      Duration totalTimeout,
      Clock clock,
      PolicyGuard policy,
      ResponseCache cache,
      Supplier<Embedder> embedder,
      ContextCompressor compressor,
      Cascade cascade) {
    this.cascade = cascade;
    this.compressor = compressor;
    this.planner = planner;
    this.chain = chain;
    this.providersByName = Map.copyOf(providersByName);
    this.accounting = accounting;
    this.totalTimeout = totalTimeout;
    this.clock = clock;
    this.policy = policy;
    this.cache = cache;
    this.embedder = embedder;
  }

  /** Serves a non-streamed request, using the cache as usual. */
  public CompletedCall complete(CallContext context, ChatRequest request) {
    return complete(context, request, CacheDirective.USE);
  }

  /**
   * Serves a non-streamed request; throws GatewayException with the error the client sees.
   *
   * @param directive what the client asked of the cache ({@code x-gearbox-cache})
   */
  public CompletedCall complete(
      CallContext context, ChatRequest request, CacheDirective directive) {
    return serve(context, named(request), directive, true);
  }

  /**
   * @param clientCall false for a call the gateway makes itself (a summary): it is not
   *     compressed and has no counterfactual
   */
  private CompletedCall serve(
      CallContext context, ChatRequest request, CacheDirective directive, boolean clientCall) {
    PromptEmbedding prompt = PromptEmbedding.of(request, embedder);
    CacheQuery query = cacheQuery(context, request, directive, prompt);
    CacheLookup lookup = permitted(context, lookUp(query));
    if (lookup instanceof CacheLookup.Hit hit) {
      return answerFromCache(context, request, hit);
    }
    try {
      return upstream(context, request, directive, clientCall, prompt, query, lookup);
    } catch (GatewayException e) {
      throw e.withCacheStatus(CacheHeader.value(lookup.status()));
    }
  }

  /** Serves a request the cache did not answer. */
  private CompletedCall upstream(CallContext context, ChatRequest request,
      CacheDirective directive, boolean clientCall, PromptEmbedding prompt, CacheQuery query,
      CacheLookup lookup) {
    refuseOnlyIfCachedMiss(context, request, directive);
    RoutePlan plan = screened(context, request, planned(context, request, prompt, lookup));
    Optional<Compression> compression =
        clientCall ? compressed(context, request, plan) : Optional.empty();
    Call call = new Call(query, lookup, compression.map(Compression::note), plan,
        compression.map(Compression::request).orElse(request), policy.clearance(
            context.dataLabel()));
    try (Accounting.Admission admission = clientCall
        ? accounting.admit(context, request, plan)
        : accounting.admitOwnCall(context, request, plan)) {
      return complete(call, admission);
    }
  }

  /** One routed, admitted request on its way upstream: what the stages after routing need. */
  private record Call(CacheQuery query, CacheLookup lookup, Optional<CompressionNote> note,
      RoutePlan plan, ChatRequest upstream, Clearance clearance) {}

  private CompletedCall complete(Call call, Accounting.Admission admission) {
    Deadline deadline = Deadline.after(totalTimeout, clock);
    ChainOutcome<ChatResponse> outcome =
        chain.complete(call.upstream(), candidates(call.plan().candidates()), deadline,
            call.clearance());
    if (call.plan().validates()) {
      Optional<String> reason = escalationReason(call, outcome);
      if (reason.isPresent()) {
        return escalate(call, admission, outcome, List.of(), reason.get(), deadline,
            outcome.attempts());
      }
      if (call.plan().cascade() && cascade.secondSample()
          && outcome instanceof ChainOutcome.Served<ChatResponse> first) {
        return secondSample(call, admission, first, deadline);
      }
    }
    return switch (outcome) {
      case ChainOutcome.Served<ChatResponse> served ->
          served(call, admission, served, served.attempts(), List.of(),
              Accounting.NONE_DISCARDED);
      case ChainOutcome.Failed<ChatResponse> failed -> {
        admission.failed(decision(call, call.plan().chosen(), failed.attempts(), List.of()),
            failed.error());
        throw failed.error().toException();
      }
    };
  }

  private CompletedCall served(Call call, Accounting.Admission admission,
      ChainOutcome.Served<ChatResponse> served, List<Attempt> attempts, List<String> escalations,
      List<Accounting.Discarded> discarded) {
    Decision decision = decision(call, served.model(), attempts, escalations);
    ChatResponse response = served.value().withModel(served.model().alias());
    Accounting.Priced priced = admission.served(decision, served.model(), response.usage(),
        attempts.stream().map(Attempt::duration).reduce(Duration.ZERO, Duration::plus),
        Optional.of(response.choices()), discarded);
    remember(call.query(), response, decision);
    return new CompletedCall(response, decision, priced.costUsd(), priced.savedUsd());
  }

  // ---- cascade: validate the small tier's answer, escalate it to the frontier ---------------

  /** Why the small tier's outcome must go to the frontier, or empty to serve it. */
  private Optional<String> escalationReason(Call call, ChainOutcome<ChatResponse> outcome) {
    return switch (outcome) {
      case ChainOutcome.Served<ChatResponse> served -> switch (
          cascade.judge(call.upstream(), call.plan(), served.value())) {
        case Verdict.Accepted ignored -> Optional.empty();
        case Verdict.Rejected rejected -> {
          LOG.debug("escalating: {} ({})", rejected.reason().label(), rejected.detail());
          yield Optional.of(rejected.reason().label());
        }
      };
      case ChainOutcome.Failed<ChatResponse> ignored -> Optional.of("small_failed");
    };
  }

  /**
   * Asks the small tier once more and escalates when the two answers disagree (AutoMix's
   * self-consistency check): an answer a model cannot reproduce is one it is unsure of. The
   * second call is paid for either way; when it fails, the first answer stands.
   */
  private CompletedCall secondSample(Call call, Accounting.Admission admission,
      ChainOutcome.Served<ChatResponse> first, Deadline deadline) {
    ChainOutcome<ChatResponse> second =
        chain.complete(call.upstream(), candidates(call.plan().candidates()), deadline,
            call.clearance());
    List<Attempt> attempts = new ArrayList<>(first.attempts());
    attempts.addAll(second.attempts());
    if (!(second instanceof ChainOutcome.Served<ChatResponse> again)) {
      return served(call, admission, first, attempts, List.of(), Accounting.NONE_DISCARDED);
    }
    if (Agreement.agree(first.value().first().message().text(),
        again.value().first().message().text())) {
      return served(call, admission, first, attempts, List.of(),
          List.of(new Accounting.Discarded(again.model(), again.value().usage(),
              upstreamTime(again))));
    }
    return escalate(call, admission, again,
        List.of(new Accounting.Discarded(first.model(), first.value().usage(),
            upstreamTime(first))),
        "disagreement", deadline, attempts);
  }

  /**
   * Serves the request from the plan's escalation models; the small answers thrown away
   * ({@code first}, when it was served, and {@code alsoPaid}) are added to its cost.
   */
  private CompletedCall escalate(Call call, Accounting.Admission admission,
      ChainOutcome<ChatResponse> first, List<Accounting.Discarded> alsoPaid, String reason,
      Deadline deadline, List<Attempt> before) {
    ChainOutcome<ChatResponse> outcome =
        chain.complete(call.upstream(), candidates(call.plan().escalation()), deadline,
            call.clearance());
    List<Attempt> attempts = new ArrayList<>(before);
    attempts.addAll(outcome.attempts());
    List<Accounting.Discarded> discarded = new ArrayList<>(alsoPaid);
    if (first instanceof ChainOutcome.Served<ChatResponse> s) {
      discarded.add(new Accounting.Discarded(s.model(), s.value().usage(), upstreamTime(s)));
    }
    return switch (outcome) {
      case ChainOutcome.Served<ChatResponse> served ->
          served(call, admission, served, attempts, List.of(reason), discarded);
      case ChainOutcome.Failed<ChatResponse> failed -> {
        admission.failed(decision(call, call.plan().escalation().getFirst(), attempts,
            List.of(reason)), failed.error());
        throw failed.error().toException();
      }
    };
  }

  /**
   * The cascade for a streamed request: answered and judged in full first, then replayed, so
   * the client never sees the first byte of an answer that is then thrown away.
   */
  private StreamingCall replayed(CallContext context, ChatRequest request, Call call) {
    Call whole = new Call(call.query(), call.lookup(), call.note(), call.plan(),
        call.upstream().withStream(false, false), call.clearance());
    CompletedCall done;
    try (Accounting.Admission admission = accounting.admit(context, request, call.plan())) {
      done = complete(whole, admission);
    }
    return new ReplayedCall(
        StreamReplay.of(done.response(), REPLAY_CHARS_PER_DELTA), done.decision());
  }

  private static RouteHints hints(CallContext context, PromptEmbedding prompt) {
    return new RouteHints(context.keyId(), context.requestedTier(), prompt::vector);
  }

  /**
   * Opens a streamed request on the first model that starts answering. The returned call must be
   * closed; closing it records the call whatever happened to the stream.
   */
  public StreamingCall stream(CallContext context, ChatRequest request) {
    return stream(context, request, CacheDirective.USE);
  }

  /**
   * Opens a streamed request, or replays a cached answer as a stream; the returned call must be
   * closed, as above.
   *
   * @param directive what the client asked of the cache ({@code x-gearbox-cache})
   */
  public StreamingCall stream(
      CallContext context, ChatRequest asked, CacheDirective directive) {
    ChatRequest request = named(asked);
    PromptEmbedding prompt = PromptEmbedding.of(request, embedder);
    CacheQuery query = cacheQuery(context, request, directive, prompt);
    CacheLookup lookup = permitted(context, lookUp(query));
    if (lookup instanceof CacheLookup.Hit hit) {
      return replayFromCache(context, request, hit);
    }
    try {
      return streamUpstream(context, request, directive, prompt, query, lookup);
    } catch (GatewayException e) {
      throw e.withCacheStatus(CacheHeader.value(lookup.status()));
    }
  }

  /** Opens a stream for a request the cache did not answer. */
  private StreamingCall streamUpstream(CallContext context, ChatRequest request,
      CacheDirective directive, PromptEmbedding prompt, CacheQuery query, CacheLookup lookup) {
    refuseOnlyIfCachedMiss(context, request, directive);
    RoutePlan plan = screened(context, request, planned(context, request, prompt, lookup));
    Optional<Compression> compression = compressed(context, request, plan);
    Optional<CompressionNote> note = compression.map(Compression::note);
    ChatRequest upstream = compression.map(Compression::request).orElse(request);
    Call call = new Call(query, lookup, note, plan, upstream,
        policy.clearance(context.dataLabel()));
    if (plan.cascade()) {
      return replayed(context, request, call);
    }
    Accounting.Admission admission = accounting.admit(context, request, plan);
    try {
      ChainOutcome<UpstreamStream> outcome = chain.stream(upstream,
          candidates(plan.candidates()), Deadline.after(totalTimeout, clock), call.clearance());
      return switch (outcome) {
        case ChainOutcome.Served<UpstreamStream> served -> {
          Decision decision = decision(call, served.model(), served.attempts(), List.of());
          yield new RecordedStream(
              served.value(),
              decision,
              served.model(),
              admission,
              upstreamTime(served),
              () -> Usage.counted(
                  TokenCounter.named(served.model().tokenizer()).countPrompt(upstream), 0),
              clock,
              answer -> remember(query, answer, decision));
        }
        case ChainOutcome.Failed<UpstreamStream> failed -> {
          admission.failed(decision(call, plan.chosen(), failed.attempts(), List.of()),
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

  /**
   * The request under the configured name of the model it asks for, so that the cache, the
   * ledger and the audit log see one name however the client spelt it.
   */
  private ChatRequest named(ChatRequest request) {
    String configured = planner.canonical(request.model());
    return configured.equals(request.model()) ? request : request.withModel(configured);
  }

  private CacheQuery cacheQuery(CallContext context, ChatRequest request,
      CacheDirective directive, PromptEmbedding prompt) {
    return new CacheQuery(request, context.tenant(),
        new CacheControl(directive, context.dataLabel().name()), prompt::vector,
        planner.pin(request, hints(context, prompt)));
  }

  /** A cache that fails to answer is a miss: the request goes upstream as if it were empty. */
  private CacheLookup lookUp(CacheQuery query) {
    try {
      return cache.lookup(query);
    } catch (RuntimeException e) {
      LOG.warn("cache lookup failed; serving the request upstream", e);
      return new CacheLookup.Miss(Optional.empty());
    }
  }

  /**
   * A hit whose answer came from a model the request's label does not allow today (the policy
   * was made stricter since it was stored, or the model is no longer configured and the label
   * does not allow every locality) is a miss: a labelled request is only ever answered by a
   * model its label allows.
   */
  private CacheLookup permitted(CallContext context, CacheLookup lookup) {
    if (!(lookup instanceof CacheLookup.Hit hit)) {
      return lookup;
    }
    String producer = hit.answer().servedModel();
    boolean allowed = planner.models().stream()
        .filter(m -> m.alias().equals(producer))
        .findFirst()
        .map(m -> !policy.screen(context.dataLabel(), List.of(m)).refused())
        .orElse(policy.policy().allowedFor(context.dataLabel()).size()
            == Locality.values().length);
    if (allowed) {
      return lookup;
    }
    LOG.debug("cached answer of '{}' not served: data label {} does not allow it now", producer,
        context.dataLabel());
    return new CacheLookup.Miss(Optional.empty());
  }

  private CompletedCall answerFromCache(
      CallContext context, ChatRequest request, CacheLookup.Hit hit) {
    Decision decision = cacheDecision(request, hit);
    ChatResponse response = servedAgain(context, hit);
    Accounting.Priced priced =
        accounting.cacheHit(context, request, decision, hit.status(), response, 200);
    return new CompletedCall(response, decision, priced.costUsd(), priced.savedUsd());
  }

  private StreamingCall replayFromCache(
      CallContext context, ChatRequest request, CacheLookup.Hit hit) {
    Decision decision = cacheDecision(request, hit);
    ChatResponse response = servedAgain(context, hit);
    return new CachedStream(StreamReplay.of(response, REPLAY_CHARS_PER_DELTA), decision,
        status -> accounting.cacheHit(context, request, decision, hit.status(), response,
            status));
  }

  /** The cached answer under this request's id and time, so no two clients share an id. */
  private static ChatResponse servedAgain(CallContext context, CacheLookup.Hit hit) {
    ChatResponse cached = hit.answer().response();
    return new ChatResponse("gbx-" + context.requestId(), cached.model(),
        context.receivedAt().getEpochSecond(), cached.choices(), cached.usage());
  }

  private static Decision cacheDecision(ChatRequest request, CacheLookup.Hit hit) {
    String reason = hit.similarity().isPresent()
        ? String.format(Locale.ROOT, "semantic cache hit (cosine %.3f)",
            hit.similarity().getAsDouble())
        : "exact cache hit";
    return new Decision(request.model(), hit.answer().servedModel(), hit.answer().tier(), reason,
        CacheHeader.value(hit.status()), List.of());
  }

  /**
   * The route stage. A request it refuses (unknown model, a bad tier pin, nothing configured
   * can serve it) is recorded in the ledger and the audit log like every other refusal.
   */
  private RoutePlan planned(
      CallContext context, ChatRequest request, PromptEmbedding prompt, CacheLookup lookup) {
    try {
      return planner.plan(request, hints(context, prompt));
    } catch (GatewayException refused) {
      accounting.refuseUnrouted(context, request, lookup.status(), refused.error());
      throw refused;
    }
  }

  /**
   * {@code x-gearbox-cache: only} forbids calling a model. 404 rather than the 504 of HTTP's
   * only-if-cached: SDKs retry 5xx on their own, and a retry cannot turn this miss into a hit.
   */
  private void refuseOnlyIfCachedMiss(
      CallContext context, ChatRequest request, CacheDirective directive) {
    if (directive != CacheDirective.ONLY) {
      return;
    }
    GatewayError.NotFound miss = new GatewayError.NotFound("no cached answer matches this"
        + " request, and x-gearbox-cache: only forbids calling a model");
    accounting.refuseUnrouted(context, request, CacheStatus.MISS, miss);
    throw miss.toException();
  }

  /** Caches a complete answer; a cache failure never fails the call that produced it. */
  private void remember(CacheQuery query, ChatResponse response, Decision decision) {
    try {
      cache.store(query, response, decision.servedModel(), decision.tier());
    } catch (RuntimeException e) {
      LOG.warn("could not cache the answer; it was served, only the saving is lost", e);
    }
  }

  // ---- compression stage -------------------------------------------------------------------

  /**
   * The request compressed for the chosen model, when the stage applies to it. Summaries are
   * cached per tenant, data label and session: a summary written for a request of one label is
   * never put into a request of another.
   */
  private Optional<Compression> compressed(
      CallContext context, ChatRequest request, RoutePlan plan) {
    String session = context.tenant() + "/" + context.dataLabel().name() + "/"
        + context.sessionId().orElse("key:" + context.keyId());
    return compressor.compress(request, plan.chosen(), session, summaryCall(context));
  }

  /** Summaries are calls of their own: a child of the call being compressed. */
  private Summariser summaryCall(CallContext parent) {
    return summaryRequest -> {
      CallContext child = parent.child("-summary", clock.instant());
      CompletedCall call = serve(child, summaryRequest, CacheDirective.OFF, false);
      return new SummaryAnswer(call.response().first().message().text(), call.costUsd());
    };
  }

  /**
   * The plan without the candidates and escalation models the request's data label forbids
   * (the reason says which). A small tier the label forbids entirely leaves the request to the
   * escalation models, unvalidated; when no model is left the refusal is recorded and thrown,
   * before any upstream has seen the request. The fallback chain checks the label's clearance
   * again on every call, so this stage decides the route and its refusal, not the safety.
   */
  private RoutePlan screened(CallContext context, ChatRequest request, RoutePlan plan) {
    Screening screening = policy.screen(context.dataLabel(), plan.candidates());
    Screening escalation = policy.screen(context.dataLabel(), plan.escalation());
    if (screening.refused() && !escalation.refused()) {
      return new RoutePlan(plan.requestedModel(), escalation.allowed(), plan.reason() + "; "
          + screening.note().orElseThrow() + "; served by the escalation tier at once",
          plan.score(), List.of());
    }
    if (screening.refused()) {
      accounting.refuse(context, request, plan, screening.refusal());
      throw screening.refusal().toException();
    }
    String reason = plan.reason() + screening.note().map(note -> "; " + note).orElse("")
        + escalation.escalationNote().map(note -> "; " + note).orElse("");
    return new RoutePlan(plan.requestedModel(), screening.allowed(), reason, plan.score(),
        escalation.allowed());
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
      Call call, ModelSpec served, List<Attempt> attempts, List<String> escalations) {
    RoutePlan plan = call.plan();
    return new Decision(
        plan.requestedModel(),
        served.alias(),
        served.tier().name().toLowerCase(java.util.Locale.ROOT),
        plan.reason(),
        CacheHeader.value(call.lookup().status()),
        attempts.stream().map(Gateway::describe).toList(),
        call.note(),
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
