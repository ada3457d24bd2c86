package dev.gearbox.wire;

import dev.gearbox.model.GatewayError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An incremental parser of {@code text/event-stream} bodies, following the WHATWG
 * server-sent-events rules, that accepts the body in chunks of any size.
 *
 * <p>Why it works on bytes: network reads split a stream anywhere, including inside a multi-byte
 * UTF-8 character, so bytes are buffered until a line ends and only complete lines are decoded.
 * A line ends at LF, CR or CRLF; a CR at the end of one chunk whose LF opens the next is still one
 * line end. Lines starting with ':' are comments (keep-alives) and are skipped; {@code id} and
 * {@code retry} fields are read past, as a gateway never reconnects mid-answer. An event the body
 * ends without its blank line is delivered by {@link #finish()}, because several servers close
 * the connection right after the last data line.
 *
 * <p>Not thread-safe: one parser reads one body.
 */
public final class SseParser {
  /** The longest line accepted by default, in bytes; a line this long is a broken upstream. */
  public static final int DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024;

  private static final byte LF = '\n';
  private static final byte CR = '\r';

  private final Consumer<SseEvent> sink;
  private final int maxLineBytes;
  private byte[] line = new byte[256];
  private int lineLength;
  private boolean skipNextLf;
  private boolean atStart = true;
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private Optional<String> eventType = Optional.empty();

  public SseParser(Consumer<SseEvent> sink) {
    this(sink, DEFAULT_MAX_LINE_BYTES);
  }

  public SseParser(Consumer<SseEvent> sink, int maxLineBytes) {
    this.sink = Objects.requireNonNull(sink, "sink");
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive");
    }
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Consumes the next chunk of the body, delivering every event it completes to the sink.
   *
   * @throws dev.gearbox.model.GatewayException {@code UpstreamFailed} when a line exceeds the
   *     line limit
   */
  public void feed(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    for (int i = offset; i < offset + length; i++) {
      accept(bytes[i]);
    }
  }

  public void feed(byte[] bytes) {
    feed(bytes, 0, bytes.length);
  }

  /** Ends the body: a last line without its line end, and a last event without its blank line,
   * are delivered now. */
  public void finish() {
    if (lineLength > 0) {
      endLine();
    }
    dispatch();
  }

  private void accept(byte b) {
    if (skipNextLf) {
      skipNextLf = false;
      if (b == LF) {
        return;
      }
    }
    if (b == LF || b == CR) {
      skipNextLf = b == CR;
      endLine();
      return;
    }
    append(b);
  }

  private void append(byte b) {
    if (lineLength == maxLineBytes) {
      throw new GatewayError.UpstreamFailed(
              "the upstream stream has a line longer than " + maxLineBytes + " bytes", 502, 0)
          .toException();
    }
    if (lineLength == line.length) {
      line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
    }
    line[lineLength++] = b;
  }

  private void endLine() {
    String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
    lineLength = 0;
    if (atStart) {
      atStart = false;
      text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
    if (text.isEmpty()) {
      dispatch();
    } else if (!text.startsWith(":")) {
      field(text);
    }
  }

  private void field(String text) {
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (name) {
      case "data" -> {
        data.append(value).append('\n');
        hasData = true;
      }
      case "event" -> eventType = Optional.of(value);
      default -> { }
    }
  }

  private void dispatch() {
    if (hasData) {
      data.setLength(data.length() - 1);
      sink.accept(new SseEvent(eventType, data.toString()));
    }
    data.setLength(0);
    hasData = false;
    eventType = Optional.empty();
  }
}
