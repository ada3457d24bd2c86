package dev.gearbox.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.wire.Json;
import dev.gearbox.wire.OpenAiCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated client of the gateway: runs its queue of scripts in order over real HTTP, the
 * way an application or an agent would (OpenAI or Anthropic wire format, {@code model: auto},
 * session and parent headers for agent calls), and reports each answer to the listener.
 */
final class DemoClient {
  static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(3);
  /** Room for the longest recorded answer; the Messages API requires a limit. */
  static final int ANTHROPIC_MAX_TOKENS = 8192;

  private static final String SESSION = "x-gearbox-session";
  private static final String PARENT = "x-gearbox-parent";

  private final HttpClient http;
  private final URI root;
  private final Clock clock;
  private final long runStartMs;
  private final DemoListener listener;

  DemoClient(HttpClient http, URI root, Clock clock, long runStartMs, DemoListener listener) {
    this.http = http;
    this.root = root;
    this.clock = clock;
    this.runStartMs = runStartMs;
    this.listener = listener;
  }

  /** Runs every script of the queue, in order; a failed request never stops the queue. */
  void run(List<Script> queue) throws InterruptedException {
    for (Script script : queue) {
      switch (script) {
        case Script.Question q -> question(q);
        case Script.TwoTurns t -> twoTurns(t);
        case Script.AgentRun a -> agentRun(a);
        case Script.Echo e -> echo(e);
      }
    }
  }

  private void question(Script.Question q) throws InterruptedException {
    ItemTurn asked = new ItemTurn(q.item(), 0);
    Exchange answer = send(q.api(), body(q.api(), List.of(asked.prompt())), Map.of());
    TrafficKind kind = q.item().set() == dev.gearbox.sim.RecordedSet.ARENA
        ? TrafficKind.ARENA : TrafficKind.GSM8K;
    report(answer, q.api(), kind, Optional.of(asked), Optional.empty());
  }

  private void twoTurns(Script.TwoTurns t) throws InterruptedException {
    String session = "chat-" + t.item().key();
    ItemTurn first = new ItemTurn(t.item(), 0);
    Exchange one = send(Api.OPENAI, body(Api.OPENAI, List.of(first.prompt())),
        Map.of(SESSION, session));
    CallRecord firstCall = report(one, Api.OPENAI, TrafficKind.MT_BENCH, Optional.of(first),
        Optional.of(session));
    Optional<String> firstAnswer = firstCall.answerText();
    if (firstAnswer.isEmpty() || firstCall.requestId().isEmpty()) {
      listener.skipped(1);
      return;
    }
    ItemTurn second = new ItemTurn(t.item(), 1);
    ObjectNode body = body(Api.OPENAI,
        List.of(first.prompt(), firstAnswer.get(), second.prompt()));
    Exchange two = send(Api.OPENAI, body,
        Map.of(SESSION, session, PARENT, firstCall.requestId().get()));
    report(two, Api.OPENAI, TrafficKind.MT_BENCH, Optional.of(second), Optional.of(session));
  }

  private void agentRun(Script.AgentRun run) throws InterruptedException {
    Optional<String> parent = Optional.empty();
    for (ChatRequest call : run.calls()) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put(SESSION, run.runId());
      parent.ifPresent(p -> headers.put(PARENT, p));
      Exchange answer = send(Api.OPENAI, OpenAiCodec.encodeRequest(call), headers);
      CallRecord record = report(answer, Api.OPENAI, TrafficKind.AGENT, Optional.empty(),
          Optional.of(run.runId()));
      if (record.requestId().isPresent()) {
        parent = record.requestId();
      }
    }
  }

  private void echo(Script.Echo e) throws InterruptedException {
    ItemTurn asked = new ItemTurn(e.item(), 0);
    Exchange answer = send(e.api(), body(e.api(), List.of(e.prompt())), Map.of());
    TrafficKind kind = e.kind() == Script.EchoKind.REPEAT
        ? TrafficKind.REPEAT : TrafficKind.PARAPHRASE;
    report(answer, e.api(), kind, Optional.of(asked), Optional.empty());
  }

  /** A chat body for {@code model: auto}: user and assistant turns alternate, user first. */
  static ObjectNode body(Api api, List<String> turns) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("model", "auto");
    if (api == Api.ANTHROPIC) {
      body.put("max_tokens", ANTHROPIC_MAX_TOKENS);
    }
    ArrayNode messages = body.putArray("messages");
    for (int i = 0; i < turns.size(); i++) {
      messages.addObject().put("role", i % 2 == 0 ? "user" : "assistant")
          .put("content", turns.get(i));
    }
    return body;
  }

  private Exchange send(Api api, ObjectNode body, Map<String, String> headers)
      throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(api.path()))
        .timeout(REQUEST_TIMEOUT)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
    headers.forEach(request::header);
    long started = clock.millis();
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Exchange(response.statusCode(), response.headers(), response.body(),
          started - runStartMs, clock.millis() - started);
    } catch (IOException e) {
      return Exchange.failed(started - runStartMs, clock.millis() - started);
    }
  }

  private CallRecord report(Exchange answer, Api api, TrafficKind kind,
      Optional<ItemTurn> asked, Optional<String> session) {
    CallRecord record = new CallRecord(
        answer.header("x-gearbox-request-id"),
        kind,
        asked,
        asked.isPresent() ? answer.text(api) : Optional.empty(),
        answer.status(),
        answer.header("x-gearbox-model"),
        answer.header("x-gearbox-tier"),
        answer.header("x-gearbox-cache"),
        answer.usd("x-gearbox-cost-usd"),
        answer.usd("x-gearbox-saved-usd"),
        answer.header("x-gearbox-compression").flatMap(Compression::parse),
        session,
        answer.startedMs(),
        answer.latencyMs());
    listener.called(record);
    return record;
  }

  private static byte[] bytes(ObjectNode body) {
    try {
      return Json.MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a request body", e);
    }
  }
}
