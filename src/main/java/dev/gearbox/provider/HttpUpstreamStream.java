package dev.gearbox.provider;

import dev.gearbox.model.GatewayException;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.wire.SseEvent;
import dev.gearbox.wire.SseParser;
import dev.gearbox.wire.StreamReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * An upstream's event stream turned into canonical events: body bytes are read in chunks as
 * they arrive, cut into server-sent events by {@link SseParser} (which reassembles events split
 * across chunks, even inside a UTF-8 sequence) and translated by the wire's {@link StreamReader}.
 * Events are handed out in the order the upstream sent them, those before a failure included;
 * the failure is then remembered, so the stream never resumes after one. From its first content
 * the stream is bounded by its silences only, not by the request's deadline: the answer is
 * flowing to the client, and a long one is not cut off halfway.
 */
final class HttpUpstreamStream implements UpstreamStream {
  private static final int CHUNK_BYTES = 8192;
  private static final String READING = "reading the stream";

  private final BodyReader body;
  private final StreamReader reader;
  private final Redactor redactor;
  private final SseParser parser;
  private final List<SseEvent> parsed = new ArrayList<>();
  private final Deque<StreamEvent> ready = new ArrayDeque<>();
  private final byte[] chunk = new byte[CHUNK_BYTES];
  private boolean ended;
  private volatile boolean closed;
  private Optional<GatewayException> failure = Optional.empty();

  HttpUpstreamStream(BodyReader body, StreamReader reader, Redactor redactor) {
    this.body = body;
    this.reader = reader;
    this.redactor = redactor;
    this.parser = new SseParser(parsed::add);
  }

  @Override
  public Optional<StreamEvent> next() {
    if (closed && failure.isEmpty()) {
      throw new IllegalStateException("the stream was closed");
    }
    while (ready.isEmpty() && !ended && failure.isEmpty()) {
      pullOrFail();
    }
    if (!ready.isEmpty()) {
      return Optional.of(ready.poll());
    }
    if (failure.isPresent()) {
      throw failure.get();
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    closed = true;
    body.close();
  }

  /**
   * Pulls more events; a failure is kept rather than thrown, so the events that preceded it in
   * the same chunk still reach the caller first.
   */
  private void pullOrFail() {
    try {
      pull();
    } catch (GatewayException e) {
      failure = Optional.of(new GatewayException(redactor.scrub(e.error()), e.getCause()));
      body.close();
    }
  }

  private void pull() {
    int read = body.read(chunk, READING);
    if (read < 0) {
      parser.finish();
      translate();
      ready.addAll(reader.finish());
      ended = true;
      body.close();
      return;
    }
    parser.feed(chunk, 0, read);
    translate();
  }

  /**
   * Translates the parsed events. Once the upstream's terminator has produced
   * {@code Completed} the answer is whole: the body is released without reading on, so a
   * connection reset right after the terminator cannot turn a complete answer into an error.
   */
  private void translate() {
    for (SseEvent event : parsed) {
      List<StreamEvent> events = reader.read(event);
      ready.addAll(events);
      if (events.stream().anyMatch(ContentGate::opensAnswer)) {
        body.answering();
      }
      if (!events.isEmpty() && events.getLast() instanceof StreamEvent.Completed) {
        ended = true;
        body.close();
        break;
      }
    }
    parsed.clear();
  }
}
