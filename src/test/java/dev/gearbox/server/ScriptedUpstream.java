package dev.gearbox.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A loopback upstream that answers each call with the next body a test queued, byte for byte:
 * a JSON answer, or an event stream (sent as {@code text/event-stream} when it starts with an
 * SSE field). For answers shaped the way some real server shapes them, which neither the
 * simulator nor {@link LoopbackModel} produce. It serves both {@code /v1/chat/completions} and
 * {@code /v1/messages}.
 */
final class ScriptedUpstream implements AutoCloseable {
  private final HttpServer server;
  private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
  private final List<ObjectNode> received = new CopyOnWriteArrayList<>();

  ScriptedUpstream() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/", this::answer);
    server.start();
  }

  /** Queues the body of the next answer. */
  void next(String body) {
    bodies.add(body);
  }

  private void answer(HttpExchange exchange) throws IOException {
    received.add((ObjectNode) Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
    String body = bodies.poll();
    if (body == null) {
      body = "{\"error\":{\"message\":\"no answer queued\",\"type\":\"server_error\"}}";
    }
    boolean stream = body.startsWith("data:") || body.startsWith("event:");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("content-type",
        stream ? "text/event-stream" : "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** How many calls arrived. */
  int received() {
    return received.size();
  }

  ObjectNode lastRequest() {
    return received.getLast();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
