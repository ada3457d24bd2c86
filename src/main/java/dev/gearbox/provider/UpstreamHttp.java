package dev.gearbox.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of one provider: one shared JDK client (HTTP/1.1, the provider's connect
 * timeout), its headers, and the two exchanges the providers need: a JSON POST answered in full
 * and a JSON POST answered with a server-sent event stream.
 *
 * <p>Waits are bounded by the attempt timeout capped by the request's deadline. The response
 * head is awaited with {@code get(timeout)} and the exchange cancelled when that fires (the JDK
 * client aborts a cancelled exchange); stream bodies arrive through {@link OrderedBodyStream} and
 * are read through {@link BodyReader}. Bodies are decoded as their {@code Content-Encoding} says
 * ({@link ContentEncoding}).
 */
final class UpstreamHttp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UpstreamHttp.class);

  /** An error body longer than this is cut: we only quote its first few hundred characters. */
  private static final int ERROR_BODY_LIMIT_BYTES = 64 * 1024;

  /** A whole answer sent where a stream was asked for is read up to this size. */
  private static final int WHOLE_ANSWER_LIMIT_BYTES = 64 * 1024 * 1024;

  private static final String USER_AGENT = "gearbox";

  private final ProviderSpec spec;
  private final Map<String, String> headers;
  private final HttpClient client;
  private final Watchdog watchdog;
  private final ErrorClassifier errors;

  static {
    StaleConnections.resendOnExpired();
  }

  UpstreamHttp(ProviderSpec spec, Map<String, String> authHeaders, Redactor redactor, Clock clock) {
    if (!spec.callable()) {
      throw new IllegalArgumentException(
          "provider '%s': base URL %s cannot be called; an http(s) URL is needed"
              .formatted(spec.name(), spec.baseUrl()));
    }
    this.spec = spec;
    this.headers = headers(spec, authHeaders);
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(spec.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.watchdog = Watchdog.create();
    this.errors = new ErrorClassifier(spec, redactor, clock);
  }

  ErrorClassifier errors() {
    return errors;
  }

  /**
   * POSTs {@code body} to {@code path} and returns the answer of a 200 response.
   *
   * @throws GatewayException classified by {@link ErrorClassifier} for any other outcome
   */
  byte[] post(String path, ObjectNode body, String model, Deadline deadline) {
    Duration timeout = attemptTimeout(deadline);
    HttpRequest request = request(path, body, "application/json");
    HttpResponse<byte[]> response =
        await(
            client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()),
            timeout,
            "waiting for the answer");
    byte[] answer = ContentEncoding.decoded(response.headers(), response.body(), errors);
    if (response.statusCode() != 200) {
      throw errors.fromStatus(response.statusCode(), response.headers(), answer, model);
    }
    requireNoWebPage(response.headers());
    return answer;
  }

  /**
   * POSTs {@code body} to {@code path} and returns the open event stream of a 200 response, or
   * the whole answer when the upstream ignored {@code stream: true} and answered with JSON (as
   * some servers and proxies do).
   *
   * @throws GatewayException classified by {@link ErrorClassifier} for any other outcome
   */
  Opened openStream(String path, ObjectNode body, String model, Deadline deadline) {
    Duration timeout = attemptTimeout(deadline);
    HttpRequest request = request(path, body, "text/event-stream");
    HttpResponse<InputStream> response =
        await(
            client.sendAsync(request, head -> new OrderedBodyStream()),
            timeout,
            "waiting for the stream to start");
    InputStream decoded = ContentEncoding.decoding(response.headers(), response.body(), errors);
    BodyReader reader =
        new BodyReader(decoded, watchdog, errors, spec.attemptTimeout(), deadline);
    if (response.statusCode() != 200) {
      byte[] error = readErrorBody(reader);
      throw errors.fromStatus(response.statusCode(), response.headers(), error, model);
    }
    if (isWebPage(response.headers())) {
      reader.close();
      throw errors.notTheApi(contentType(response.headers()));
    }
    if (isJson(response.headers())) {
      try (reader) {
        return new Opened.Whole(reader.readUpTo(WHOLE_ANSWER_LIMIT_BYTES, "reading the answer"));
      }
    }
    return new Opened.Events(reader);
  }

  /** What a stream request got back. */
  sealed interface Opened {
    /** An event stream, read as it arrives. */
    record Events(BodyReader body) implements Opened {}

    /** A whole JSON answer (or error object) instead of a stream. */
    record Whole(byte[] answer) implements Opened {}
  }

  private static boolean isJson(HttpHeaders headers) {
    return contentType(headers).startsWith("application/json");
  }

  private void requireNoWebPage(HttpHeaders headers) {
    if (isWebPage(headers)) {
      throw errors.notTheApi(contentType(headers));
    }
  }

  private static boolean isWebPage(HttpHeaders headers) {
    return contentType(headers).startsWith("text/html");
  }

  /** The media type, lower case and without parameters; empty when there is none. */
  private static String contentType(HttpHeaders headers) {
    String type = headers.firstValue("content-type").orElse("");
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    watchdog.close();
    client.shutdownNow();
  }

  private Duration attemptTimeout(Deadline deadline) {
    Duration timeout = deadline.cap(spec.attemptTimeout());
    if (timeout.isZero()) {
      throw errors.timeout(
          "waiting to send the request: the request's time budget is spent", Duration.ZERO);
    }
    return timeout;
  }

  private HttpRequest request(String path, ObjectNode body, String accept) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(spec.endpoint(path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(serialize(body)))
            .header("content-type", "application/json")
            .header("accept", accept)
            .header("user-agent", USER_AGENT);
    headers.forEach(builder::header);
    return builder.build();
  }

  private static byte[] serialize(ObjectNode body) {
    try {
      return Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new GatewayException(
          new GatewayError.Internal("the upstream request could not be serialized"), e);
    }
  }

  private byte[] readErrorBody(BodyReader reader) {
    try (reader) {
      return reader.readUpTo(ERROR_BODY_LIMIT_BYTES, "reading the error body");
    } catch (GatewayException e) {
      log.debug("upstream '{}' error body could not be read: {}", spec.name(), e.getMessage());
      return new byte[0];
    }
  }

  private <T> HttpResponse<T> await(
      CompletableFuture<HttpResponse<T>> pending, Duration timeout, String phase) {
    try {
      return pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw errors.timeout(phase, timeout);
    } catch (ExecutionException e) {
      throw failure(e.getCause(), phase);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new GatewayError.Internal("the request was interrupted").toException();
    }
  }

  private GatewayException failure(Throwable cause, String phase) {
    Throwable root =
        cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
    if (root instanceof IOException io) {
      return errors.fromIo(io, phase);
    }
    log.error("upstream '{}' call failed unexpectedly while {}", spec.name(), phase, root);
    return new GatewayException(
        new GatewayError.Internal("the upstream call failed unexpectedly"), root);
  }

  private static Map<String, String> headers(ProviderSpec spec, Map<String, String> auth) {
    Map<String, String> all = new LinkedHashMap<>(spec.extraHeaders());
    all.putAll(auth);
    return Map.copyOf(all);
  }
}
