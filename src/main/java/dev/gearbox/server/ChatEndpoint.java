package dev.gearbox.server;

import dev.gearbox.cache.CacheDirective;
import dev.gearbox.cost.CostHeaders;
import dev.gearbox.gateway.CallContext;
import dev.gearbox.gateway.CompletedCall;
import dev.gearbox.gateway.Decision;
import dev.gearbox.gateway.Gateway;
import dev.gearbox.gateway.StreamingCall;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.policy.DataPolicy;
import dev.gearbox.wire.StreamWriter;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Serves one chat API (OpenAI's or Anthropic's): authenticate, read a bounded body, decode into
 * the canonical request, run the gateway, and answer in the same API's format, streamed or not.
 * Every failure becomes that API's error JSON; before the first streamed byte it is a plain HTTP
 * error, after it an in-stream error event, never a silently cut answer.
 */
final class ChatEndpoint implements Handler {
  private static final Logger LOG = LoggerFactory.getLogger(ChatEndpoint.class);
  private static final HeaderName X_ACCEL_BUFFERING = HeaderNames.create("X-Accel-Buffering");

  private final ClientApi api;
  private final Gateway gateway;
  private final Authenticator authenticator;
  private final long maxBodyBytes;
  private final GatewayMetrics metrics;
  private final Clock clock;
  private final DataPolicy policy;

  ChatEndpoint(
      ClientApi api,
      Gateway gateway,
      Authenticator authenticator,
      long maxBodyBytes,
      GatewayMetrics metrics,
      Clock clock,
      DataPolicy policy) {
    this.api = api;
    this.gateway = gateway;
    this.authenticator = authenticator;
    this.maxBodyBytes = maxBodyBytes;
    this.metrics = metrics;
    this.clock = clock;
    this.policy = policy;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    Instant start = clock.instant();
    String requestId = RequestIds.next();
    MDC.put("requestId", requestId);
    res.header(GearboxHeaders.REQUEST_ID, requestId);
    try {
      CallContext context = context(req, requestId, start);
      res.header(GearboxHeaders.CALL_ID, context.callId());
      res.header(GearboxHeaders.DATA_LABEL, context.dataLabel().name());
      ChatRequest chat = api.decode(BoundedBody.read(req, maxBodyBytes));
      CacheDirective cache =
          CacheDirective.parse(GearboxHeaders.single(req.headers(), GearboxHeaders.CACHE));
      if (chat.stream()) {
        stream(context, chat, cache, res, start);
      } else {
        complete(context, chat, cache, res, start);
      }
    } catch (GatewayException e) {
      if (!res.isSent()) {
        e.cacheStatus().ifPresent(status -> res.header(GearboxHeaders.CACHE, status));
      }
      fail(res, e.error(), start, Optional.empty());
    } catch (RuntimeException e) {
      LOG.error("request failed unexpectedly", e);
      fail(res, internal(requestId), start, Optional.empty());
    } finally {
      MDC.remove("requestId");
    }
  }

  private CallContext context(ServerRequest req, String requestId, Instant start) {
    Authenticator.Caller caller =
        authenticator.authenticate(
            req.headers().first(HeaderNames.AUTHORIZATION),
            req.headers().first(GearboxHeaders.X_API_KEY),
            req.remotePeer().address());
    return new CallContext(
        requestId,
        start,
        caller.keyId(),
        caller.tenant(),
        GearboxHeaders.sessionId(req.headers()),
        GearboxHeaders.id(req.headers(), GearboxHeaders.PARENT),
        GearboxHeaders.id(req.headers(), GearboxHeaders.CALL_ID).orElse(requestId),
        policy.resolve(caller.dataLabel(), req.headers().all(GearboxHeaders.DATA_LABEL, List::of)),
        GearboxHeaders.single(req.headers(), GearboxHeaders.TIER));
  }

  private void complete(CallContext context, ChatRequest chat, CacheDirective cache,
      ServerResponse res, Instant start) {
    CompletedCall call = gateway.complete(context, chat, cache);
    decisionHeaders(res, call.decision());
    res.header(GearboxHeaders.COST_USD, CostHeaders.usd(call.costUsd()));
    res.header(GearboxHeaders.SAVED_USD, CostHeaders.usd(call.savedUsd()));
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(api.encodeResponse(call.response()));
    Duration took = Duration.between(start, clock.instant());
    metrics.request(api.label(), call.decision().servedModel(), call.decision().tier(), 200, took);
    LOG.debug("served {} in {} ms: {}", api.label(), took.toMillis(),
        call.decision().routeHeader());
  }

  private void stream(CallContext context, ChatRequest chat, CacheDirective cache,
      ServerResponse res, Instant start) {
    try (StreamingCall call = gateway.stream(context, chat, cache)) {
      decisionHeaders(res, call.decision());
      res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
      res.header(HeaderNames.CACHE_CONTROL, "no-cache");
      // nginx (and ingress controllers built on it) buffer proxied answers by default, which
      // holds back a stream until it ends; this header asks them to pass each event on.
      res.header(X_ACCEL_BUFFERING, "no");
      StreamWriter writer = api.streamWriter(chat.includeUsage());
      try (OutputStream out = res.outputStream()) {
        pump(call, writer, out);
      } catch (UncheckedIOException | IOException e) {
        call.clientGone();
        LOG.debug("client went away mid-stream: {}", e.getMessage());
      }
      metrics.request(api.label(), call.decision().servedModel(), call.decision().tier(), 200,
          Duration.between(start, clock.instant()));
    }
  }

  private void pump(StreamingCall call, StreamWriter writer, OutputStream out) throws IOException {
    try {
      Optional<StreamEvent> event;
      while ((event = call.next()).isPresent()) {
        String frames = writer.write(event.get());
        if (!frames.isEmpty()) {
          out.write(frames.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    } catch (GatewayException e) {
      metrics.error(api.label(), e.error().getClass().getSimpleName());
      LOG.warn("upstream failed after the stream began: {}", e.error().message());
      out.write(writer.writeError(e.error()).getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private void decisionHeaders(ServerResponse res, Decision decision) {
    res.header(GearboxHeaders.ROUTE, decision.routeHeader());
    res.header(GearboxHeaders.MODEL, decision.servedModel());
    res.header(GearboxHeaders.TIER, decision.tier());
    res.header(GearboxHeaders.CACHE, decision.cacheStatus());
    decision.compression().ifPresent(c -> res.header(GearboxHeaders.COMPRESSION, c.header()));
  }

  private void fail(
      ServerResponse res, GatewayError error, Instant start, Optional<Decision> decision) {
    metrics.error(api.label(), error.getClass().getSimpleName());
    if (res.isSent()) {
      return;
    }
    int status = api.status(error);
    retryAfter(error, status).ifPresent(s -> res.header(HeaderNames.RETRY_AFTER, s));
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(api.encodeError(error));
    LOG.debug("answered {} {}: {}", api.label(), status, error.message());
    metrics.request(api.label(), decision.map(Decision::servedModel).orElse("none"),
        decision.map(Decision::tier).orElse("none"), error.httpStatus(),
        Duration.between(start, clock.instant()));
  }

  /**
   * Retry-After for a refusal that passes with time: always on a 429 (the gateway's own limit or
   * an upstream's, whose hint is passed on), and on an overloaded upstream when it gave one.
   * SDKs wait as long as it says before their own retry, instead of guessing.
   */
  private static Optional<String> retryAfter(GatewayError error, int status) {
    long seconds = error.retryAfterSeconds();
    if (status == 429) {
      return Optional.of(Long.toString(Math.max(1, seconds)));
    }
    return status >= 500 && seconds > 0 ? Optional.of(Long.toString(seconds)) : Optional.empty();
  }

  private static GatewayError internal(String requestId) {
    return new GatewayError.Internal(
        "the gateway failed to process this request; quote request id " + requestId
            + " when reporting it");
  }
}
