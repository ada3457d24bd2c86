package dev.gearbox.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.wire.ApiFormat;
import dev.gearbox.wire.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The simulator's endpoints. A chat request is read with the gateway's own codec, recorded,
 * checked (model known, fault asked for, prompt within the context window), answered by the
 * {@link Responder}, and written by an {@link AnswerWriter}, plainly or with its fault.
 */
final class SimService {
  private static final Logger LOG = LoggerFactory.getLogger(SimService.class);
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "x-api-key", "proxy-authorization", "cookie");

  private final SimConfig config;
  private final Responder responder;
  private final TokenCounter tokens;
  private final FaultPlan faults;
  private final ReceivedLog received;
  private final Clock clock;
  private final Pacer pacer;
  private final CountDownLatch closing;

  SimService(
      SimConfig config,
      ReplayData data,
      ReceivedLog received,
      Clock clock,
      Pacer pacer,
      CountDownLatch closing) {
    this.config = config;
    this.tokens = TokenCounter.cl100k();
    this.responder = new Responder(data.index(), data.generator(), tokens);
    this.faults = new FaultPlan(config);
    this.received = received;
    this.clock = clock;
    this.pacer = pacer;
    this.closing = closing;
  }

  void chatCompletions(ServerRequest request, ServerResponse response) {
    chat(ApiFormat.OPENAI, request, response);
  }

  void messages(ServerRequest request, ServerResponse response) {
    chat(ApiFormat.ANTHROPIC, request, response);
  }

  /** The model list, in Anthropic's shape when the client sent {@code anthropic-version}. */
  void models(ServerRequest request, ServerResponse response) {
    boolean anthropic = request.headers().contains(HeaderNames.create("anthropic-version"));
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode data = body.putArray("data");
    for (SimModel model : config.models()) {
      ObjectNode entry = data.addObject();
      if (anthropic) {
        entry
            .put("type", "model")
            .put("id", model.name())
            .put("display_name", model.name())
            .put("created_at", "2024-01-01T00:00:00Z");
      } else {
        entry
            .put("id", model.name())
            .put("object", "model")
            .put("created", 1_704_067_200L)
            .put("owned_by", "gearbox-sim");
      }
    }
    if (anthropic) {
      body.put("has_more", false)
          .put("first_id", config.models().getFirst().name())
          .put("last_id", config.models().getLast().name());
    } else {
      body.put("object", "list");
    }
    response.header("content-type", "application/json");
    response.send(body.toString());
  }

  void health(ServerRequest request, ServerResponse response) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("status", "ok");
    config.models().forEach(m -> body.withArray("models").add(m.name()));
    response.header("content-type", "application/json");
    response.send(body.toString());
  }

  private void chat(ApiFormat api, ServerRequest request, ServerResponse response) {
    String requestId = "req_" + WireFormats.randomChars(24);
    MDC.put("requestId", requestId);
    try {
      response.header("x-request-id", requestId);
      AnswerWriter writer = new AnswerWriter(response, api, pacer, config.charsPerDelta());
      try {
        admit(api, request, writer);
      } catch (GatewayException e) {
        if (response.isSent()) {
          throw new CloseConnectionException("failed after the answer began", e);
        }
        writer.error(WireFormats.error(api, e.error()));
      } catch (UncheckedIOException e) {
        LOG.debug("client closed the connection while its answer was written", e);
        throw new CloseConnectionException("client went away", e);
      }
    } finally {
      MDC.remove("requestId");
    }
  }

  private void admit(ApiFormat api, ServerRequest http, AnswerWriter writer) {
    byte[] body = http.content().hasEntity() ? http.content().as(byte[].class) : new byte[0];
    ReceivedRequest seen = seen(http, body);
    ChatRequest request;
    try {
      request = WireFormats.decode(api, body);
    } catch (GatewayException e) {
      received.add(seen);
      throw e;
    }
    Optional<SimModel> model = config.model(request.model());
    if (model.isEmpty()) {
      received.add(seen.with(Optional.of(request.model()), Optional.empty()));
      throw new GatewayError.ModelNotFound(
              "The model `"
                  + request.model()
                  + "` does not exist or you do not have access to"
                  + " it. This simulator serves: "
                  + config.modelNames()
                  + ".")
          .toException();
    }
    Optional<Fault> fault = fault(http, model.get());
    received.add(seen.with(Optional.of(request.model()), fault));
    LOG.debug(
        "{} request for {}{}",
        api,
        request.model(),
        fault.map(f -> " with fault " + f.spec()).orElse(""));
    serve(api, request, model.get(), fault, writer);
  }

  private Optional<Fault> fault(ServerRequest http, SimModel model) {
    Optional<String> spec = http.headers().first(HeaderNames.create(Simulator.FAULT_HEADER));
    if (spec.isEmpty() || spec.get().isBlank()) {
      return faults.next(model);
    }
    try {
      return Optional.of(Fault.parse(spec.get(), config.retryAfterSeconds()));
    } catch (IllegalArgumentException e) {
      throw GatewayError.InvalidRequest.forParam(Simulator.FAULT_HEADER, e.getMessage())
          .toException();
    }
  }

  private void serve(
      ApiFormat api,
      ChatRequest request,
      SimModel model,
      Optional<Fault> fault,
      AnswerWriter writer) {
    long promptTokens = tokens.countPrompt(request);
    long completionTokens = request.sampling().maxTokens().orElse(0);
    if (fault.isEmpty() && promptTokens + completionTokens > model.contextWindowTokens()) {
      writer.error(
          UpstreamWordings.contextLength(
              dialect(api, model, Optional.empty()),
              promptTokens,
              completionTokens,
              model.contextWindowTokens()));
      return;
    }
    String id = WireFormats.responseId(api);
    SimAnswer answer = responder.answer(request, model, id, clock.instant().getEpochSecond());
    boolean stream = request.stream();
    boolean usage = request.includeUsage();
    if (fault.isEmpty()) {
      if (stream) {
        writer.stream(answer, model, usage);
      } else {
        writer.plain(answer, model);
      }
      LOG.debug(
          "answered from {} ({} output tokens)",
          answer.source(),
          answer.response().usage().outputTokens());
      return;
    }
    switch (fault.get()) {
      case Fault.RateLimit limit ->
          writer.error(UpstreamWordings.rateLimit(api, model.name(), limit.retryAfterSeconds()));
      case Fault.HttpError error -> writer.error(UpstreamWordings.serverError(api, error.status()));
      case Fault.Timeout timeout -> hold();
      case Fault.ContextLength overflow ->
          writer.error(
              UpstreamWordings.contextLength(
                  dialect(api, model, overflow.dialect()),
                  Math.max(promptTokens, model.contextWindowTokens() + 1L),
                  completionTokens,
                  model.contextWindowTokens()));
      case Fault.DropMidStream drop -> {
        if (stream) {
          int half = Math.max(1, writer.contentFrames(answer, usage) / 2);
          writer.streamDropped(answer, usage, drop.afterDeltas().orElse(half));
        } else {
          writer.plainDropped(answer);
        }
      }
      case Fault.ErrorInStream error -> {
        if (stream) {
          writer.streamWithError(answer, usage, error.afterDeltas());
        } else {
          writer.error(UpstreamWordings.serverError(api, 500));
        }
      }
      case Fault.SplitSse split -> {
        if (stream) {
          writer.streamSplit(answer, usage);
        } else {
          writer.plainSplit(answer);
        }
      }
    }
  }

  /**
   * The dialect of a context-length refusal: the one the fault names, else Anthropic's on the
   * Messages API and the model's own on Chat Completions.
   */
  private static ServerDialect dialect(
      ApiFormat api, SimModel model, Optional<ServerDialect> asked) {
    return asked.orElse(api == ApiFormat.ANTHROPIC ? ServerDialect.ANTHROPIC : model.dialect());
  }

  /**
   * Holds a request unanswered on its (virtual) thread until the simulator closes or the hold
   * time passes, then drops the connection.
   */
  private void hold() {
    try {
      closing.await(config.timeoutHoldMs(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new CloseConnectionException("timeout fault: the request was held and is now dropped");
  }

  private ReceivedRequest seen(ServerRequest http, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    http.headers()
        .forEach(
            h -> {
              String name = h.name().toLowerCase(Locale.ROOT);
              List<String> values =
                  SECRET_HEADERS.contains(name)
                      ? List.of(ReceivedRequest.REDACTED)
                      : List.copyOf(h.allValues());
              headers.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values);
            });
    Instant now = clock.instant();
    return new ReceivedRequest(
        now,
        http.prologue().method().text(),
        http.path().path(),
        Optional.empty(),
        headers,
        Seeds.sha256Hex(body),
        body.length,
        Optional.empty());
  }
}
