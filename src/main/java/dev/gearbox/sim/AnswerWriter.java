package dev.gearbox.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.wire.ApiFormat;
import dev.gearbox.wire.Json;
import dev.gearbox.wire.StreamReplay;
import dev.gearbox.wire.StreamWriter;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one answer, or one failure, onto an HTTP response: plain JSON or SSE flushed frame by
 * frame, paced like the model generating it, or broken in the ways the faults ask for.
 *
 * <p>Dropping a connection is done by throwing Helidon's {@link CloseConnectionException} after
 * the partial answer has been flushed: the server then closes the socket without ending the
 * chunked body (or short of the announced Content-Length), which is what a client sees when an
 * upstream process dies mid-answer.
 */
final class AnswerWriter {
  private final ServerResponse response;
  private final ApiFormat api;
  private final Pacer pacer;
  private final int charsPerDelta;

  /** One SSE frame and how much content it carries (0 for framing-only frames). */
  private record Frame(String text, int contentChars) {}

  AnswerWriter(ServerResponse response, ApiFormat api, Pacer pacer, int charsPerDelta) {
    this.response = response;
    this.api = api;
    this.pacer = pacer;
    this.charsPerDelta = charsPerDelta;
  }

  /** An error status with the upstream's JSON body. */
  void error(ErrorReply reply) {
    response.status(reply.status());
    reply.headers().forEach(response::header);
    response.header("content-type", "application/json");
    response.send(bytes(reply.body()));
  }

  /** The whole answer as one JSON body, after the model's generation time. */
  void plain(SimAnswer answer, SimModel model) {
    pacer.pause(model.ttftMs() + model.generationMs(answer.response().usage().outputTokens()));
    answerHeaders(answer, "application/json");
    response.send(bytes(WireFormats.encode(api, answer.response())));
  }

  /** Half the JSON body under a full Content-Length, then the connection is closed. */
  void plainDropped(SimAnswer answer) {
    byte[] body = bytes(WireFormats.encode(api, answer.response()));
    answerHeaders(answer, "application/json");
    response.header("content-length", Integer.toString(body.length));
    OutputStream out = response.outputStream();
    write(out, Arrays.copyOf(body, body.length / 2));
    throw new CloseConnectionException("drop_mid_stream fault: connection dropped mid-body");
  }

  /** The JSON body in awkward pieces, each flushed. */
  void plainSplit(SimAnswer answer) {
    answerHeaders(answer, "application/json");
    writePieces(
        AwkwardSplits.pieces(
            new String(bytes(WireFormats.encode(api, answer.response())), StandardCharsets.UTF_8)));
  }

  /** The answer as SSE, each frame flushed when the model would have produced it. */
  void stream(SimAnswer answer, SimModel model, boolean includeUsage) {
    List<Frame> frames = frames(answer, includeUsage);
    int contentChars = frames.stream().mapToInt(Frame::contentChars).sum();
    long generationMs = model.generationMs(answer.response().usage().outputTokens());
    answerHeaders(answer, "text/event-stream");
    pacer.pause(model.ttftMs());
    OutputStream out = response.outputStream();
    for (Frame frame : frames) {
      if (frame.contentChars() > 0 && contentChars > 0) {
        pacer.pause(generationMs * frame.contentChars() / contentChars);
      }
      write(out, frame.text().getBytes(StandardCharsets.UTF_8));
    }
    close(out);
  }

  /**
   * The stream up to {@code afterDeltas} content frames (all but the end when there are fewer),
   * then the connection closed without the stream's end.
   */
  void streamDropped(SimAnswer answer, boolean includeUsage, int afterDeltas) {
    answerHeaders(answer, "text/event-stream");
    OutputStream out = response.outputStream();
    writeUntil(out, frames(answer, includeUsage), afterDeltas);
    throw new CloseConnectionException("drop_mid_stream fault: connection dropped mid-stream");
  }

  /** HTTP 200, the stream up to {@code afterDeltas} content frames, then an error frame. */
  void streamWithError(SimAnswer answer, boolean includeUsage, int afterDeltas) {
    answerHeaders(answer, "text/event-stream");
    OutputStream out = response.outputStream();
    if (afterDeltas > 0) {
      writeUntil(out, frames(answer, includeUsage), afterDeltas);
    }
    write(out, UpstreamWordings.streamError(api).getBytes(StandardCharsets.UTF_8));
    close(out);
  }

  /** The whole stream with CRLF line ends, in awkward pieces, each flushed. */
  void streamSplit(SimAnswer answer, boolean includeUsage) {
    StringBuilder all = new StringBuilder();
    frames(answer, includeUsage).forEach(f -> all.append(f.text()));
    answerHeaders(answer, "text/event-stream");
    writePieces(AwkwardSplits.pieces(AwkwardSplits.withCrlf(all.toString())));
  }

  /** How many content frames the stream of {@code answer} has. */
  int contentFrames(SimAnswer answer, boolean includeUsage) {
    return (int) frames(answer, includeUsage).stream().filter(f -> f.contentChars() > 0).count();
  }

  /**
   * Writes the opening frames and the first {@code afterDeltas} content frames; never the frames
   * that end the stream (finish, usage, [DONE] / message_stop).
   */
  private void writeUntil(OutputStream out, List<Frame> frames, int afterDeltas) {
    int lastContent = -1;
    for (int i = 0; i < frames.size(); i++) {
      lastContent = frames.get(i).contentChars() > 0 ? i : lastContent;
    }
    int written = 0;
    for (int i = 0; i < frames.size(); i++) {
      Frame frame = frames.get(i);
      boolean content = frame.contentChars() > 0;
      if ((content && written == afterDeltas) || (!content && i > lastContent)) {
        return;
      }
      write(out, frame.text().getBytes(StandardCharsets.UTF_8));
      written += content ? 1 : 0;
    }
  }

  private List<Frame> frames(SimAnswer answer, boolean includeUsage) {
    StreamWriter writer = WireFormats.writer(api, includeUsage);
    List<Frame> frames = new ArrayList<>();
    for (StreamEvent event : StreamReplay.of(answer.response(), charsPerDelta)) {
      String text = writer.write(event);
      if (!text.isEmpty()) {
        frames.add(new Frame(text, contentChars(event)));
      }
    }
    return frames;
  }

  private static int contentChars(StreamEvent event) {
    return switch (event) {
      case StreamEvent.TextDelta delta -> delta.text().length();
      case StreamEvent.ThinkingDelta thinking -> thinking.text().length();
      case StreamEvent.ThinkingSignature signature -> 0;
      case StreamEvent.RedactedThinking redacted -> 0;
      case StreamEvent.ToolCallArguments arguments -> arguments.fragment().length();
      case StreamEvent.Started started -> 0;
      case StreamEvent.ToolCallStarted started -> 0;
      case StreamEvent.Finished finished -> 0;
      case StreamEvent.UsageReported usage -> 0;
      case StreamEvent.Completed completed -> 0;
    };
  }

  private void answerHeaders(SimAnswer answer, String contentType) {
    response.status(200);
    response.header("content-type", contentType);
    if (contentType.equals("text/event-stream")) {
      response.header("cache-control", "no-cache");
    }
    response.header(Simulator.OUTCOME_HEADER, answer.outcomeHeader());
    response.header(Simulator.SOURCE_HEADER, answer.source());
  }

  private void writePieces(List<byte[]> pieces) {
    OutputStream out = response.outputStream();
    for (byte[] piece : pieces) {
      write(out, piece);
    }
    close(out);
  }

  private static void write(OutputStream out, byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("client went away while the answer was written", e);
    }
  }

  private static void close(OutputStream out) {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("client went away at the end of the answer", e);
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree built in memory always serialises", e);
    }
  }
}
