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
      } catch (CloseConnectionException deliberate) {
        throw deliberate;
      } catch (GatewayException e) {
        fail(api, response, writer, e.error(), e);
      } catch (UncheckedIOException e) {
        LOG.debug("client closed the connection while its answer was written", e);
        throw new CloseConnectionException("client went away", e);
      } catch (RuntimeException e) {
        LOG.error("the simulator failed on a request; the client got a 500", e);
        GatewayError internal =
            new GatewayError.Internal("The simulator failed on this request; its log has why.");
        fail(api, response, writer, internal, e);
      }
    } finally {
      MDC.remove("requestId");
    }
  }

  /** Answers with the error, or drops the connection when the answer has already begun. */
  private static void fail(
      ApiFormat api,
      ServerResponse response,
      AnswerWriter writer,
      GatewayError error,
      RuntimeException cause) {
    if (response.isSent()) {
      throw new CloseConnectionException("failed after the answer began", cause);
    }
    writer.error(WireFormats.error(api, error));
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
    serve(new Call(api, request, model.get(), writer), fault);
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

  /** One admitted chat call: the API it came on, the request, the model, where to answer. */
  private record Call(ApiFormat api, ChatRequest request, SimModel model, AnswerWriter writer) {
    boolean stream() {
      return request.stream();
    }

    boolean usage() {
      return request.includeUsage();
    }

    long completionTokens() {
      return request.sampling().maxTokens().orElse(0);
    }
  }

  private void serve(Call call, Optional<Fault> fault) {
    long promptTokens = tokens.countPrompt(call.request());
    int window = call.model().contextWindowTokens();
    if (fault.isEmpty() && promptTokens + call.completionTokens() > window) {
      refuseOverflow(call, Optional.empty(), promptTokens);
      return;
    }
    String id = WireFormats.responseId(call.api());
    SimAnswer answer =
        responder.answer(call.request(), call.model(), id, clock.instant().getEpochSecond());
    if (fault.isPresent()) {
      misbehave(call, fault.get(), answer, promptTokens);
      return;
    }
    if (call.stream()) {
      call.writer().stream(answer, call.model(), call.usage());
    } else {
      call.writer().plain(answer, call.model());
    }
    LOG.debug(
        "answered from {} ({} output tokens)",
        answer.source(),
        answer.response().usage().outputTokens());
  }

  private void misbehave(Call call, Fault fault, SimAnswer answer, long promptTokens) {
    AnswerWriter writer = call.writer();
    switch (fault) {
      case Fault.RateLimit limit ->
          writer.error(
              UpstreamWordings.rateLimit(
                  call.api(), call.model().name(), limit.retryAfterSeconds()));
      case Fault.HttpError error ->
          writer.error(UpstreamWordings.serverError(call.api(), error.status()));
      case Fault.Timeout timeout -> hold();
      case Fault.ContextLength overflow ->
          // The fault claims an overflow even for a short prompt: it reports one token too many.
          refuseOverflow(
              call,
              overflow.dialect(),
              Math.max(promptTokens, call.model().contextWindowTokens() + 1L));
      case Fault.DropMidStream drop -> {
        if (call.stream()) {
          int half = Math.max(1, writer.contentFrames(answer, call.usage()) / 2);
          writer.streamDropped(answer, call.usage(), drop.afterDeltas().orElse(half));
        } else {
          writer.plainDropped(answer);
        }
      }
      case Fault.ErrorInStream error -> {
        if (call.stream()) {
          writer.streamWithError(answer, call.usage(), error.afterDeltas());
        } else {
          writer.error(UpstreamWordings.serverError(call.api(), 500));
        }
      }
      case Fault.SplitSse split -> {
        if (call.stream()) {
          writer.streamSplit(answer, call.usage());
        } else {
          writer.plainSplit(answer);
        }
      }
    }
  }

  private void refuseOverflow(Call call, Optional<ServerDialect> asked, long promptTokens) {
    call.writer()
        .error(
            UpstreamWordings.contextLength(
                dialect(call.api(), call.model(), asked),
                promptTokens,
                call.completionTokens(),
                call.model().contextWindowTokens()));
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
