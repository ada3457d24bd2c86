package dev.gearbox.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback OpenAI-compatible upstream that answers with scripted message content:
 * a real HTTP server (the JDK's), for tests that need an upstream whose answer is known, such
 * as a small model that returns broken JSON.
 */
final class LoopbackModel implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger calls = new AtomicInteger();

  private LoopbackModel(String... contents) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/chat/completions", exchange -> {
      int call = calls.getAndIncrement();
      exchange.getRequestBody().readAllBytes();
      byte[] body = completion(contents[call % contents.length])
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("content-type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
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
