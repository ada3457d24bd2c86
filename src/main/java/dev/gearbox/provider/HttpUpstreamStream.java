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
 * A failure is remembered, so the stream never resumes after one.
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
  private boolean closed;
  private Optional<GatewayException> failure = Optional.empty();

  HttpUpstreamStream(BodyReader body, StreamReader reader, Redactor redactor) {
    this.body = body;
    this.reader = reader;
    this.redactor = redactor;
    this.parser = new SseParser(parsed::add);
  }

  @Override
  public Optional<StreamEvent> next() {
    if (failure.isPresent()) {
      throw failure.get();
    }
    if (closed) {
      throw new IllegalStateException("the stream was closed");
    }
    try {
      while (ready.isEmpty() && !ended) {
        pull();
      }
      return Optional.ofNullable(ready.poll());
    } catch (GatewayException e) {
      GatewayException clean = new GatewayException(redactor.scrub(e.error()), e.getCause());
      failure = Optional.of(clean);
      body.close();
      throw clean;
    }
  }

  @Override
  public void close() {
    closed = true;
    body.close();
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
      if (!events.isEmpty() && events.getLast() instanceof StreamEvent.Completed) {
        ended = true;
        body.close();
        break;
      }
    }
    parsed.clear();
  }
}
