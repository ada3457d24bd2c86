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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback upstream that answers with scripted message content, in the Chat Completions format
 * on {@code /v1/chat/completions} and in the Messages format on {@code /v1/messages}: a real HTTP
 * server (the JDK's), for tests that need an upstream whose answer is known, such as a small
 * model that returns broken JSON, or that check what the gateway sent upstream.
 */
final class LoopbackModel implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger calls = new AtomicInteger();
  private final List<ObjectNode> received = new CopyOnWriteArrayList<>();

  private LoopbackModel(String... contents) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/chat/completions",
        exchange -> answer(exchange, completion(next(exchange, contents))));
    server.createContext("/v1/messages",
        exchange -> answer(exchange, message(next(exchange, contents))));
    server.start();
  }

  private String next(HttpExchange exchange, String[] contents) throws IOException {
    int call = calls.getAndIncrement();
    received.add((ObjectNode) Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
    return contents[call % contents.length];
  }

  private static void answer(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("content-type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  static LoopbackModel answering(String content) {
    return new LoopbackModel(content);
  }

  /** Answers with each content in turn, then starts over. */
  static LoopbackModel answeringInTurn(String... contents) {
    return new LoopbackModel(contents);
  }

  private static String completion(String content) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", "chatcmpl-loopback");
    root.put("object", "chat.completion");
    root.put("created", 1_700_000_000L);
    root.put("model", "loopback");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", content);
    choice.put("finish_reason", "stop");
    root.putObject("usage").put("prompt_tokens", 20).put("completion_tokens", 10)
        .put("total_tokens", 30);
    return root.toString();
  }

  private static String message(String content) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", "msg_loopback");
    root.put("type", "message");
    root.put("role", "assistant");
    root.put("model", "loopback");
    root.putArray("content").addObject().put("type", "text").put("text", content);
    root.put("stop_reason", "end_turn");
    root.putNull("stop_sequence");
    root.putObject("usage").put("input_tokens", 20).put("output_tokens", 10);
    return root.toString();
  }

  /** The request bodies received, in order. */
  List<ObjectNode> received() {
    return List.copyOf(received);
  }

  /** The body of the last request received. */
  ObjectNode lastRequest() {
    return received.getLast();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  int calls() {
    return calls.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
