package dev.gearbox.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import java.util.Optional;

/**
 * Canonical events as Anthropic Messages stream events.
 *
 * <p>The format nests: content blocks open, take deltas and close, one at a time, and the stop
 * reason and output usage travel together in {@code message_delta} right before
 * {@code message_stop}. So a block is closed whenever a different one must open, and the
 * finish reason and usage are held until {@link StreamEvent.Completed}. The format has one
 * choice; events of other choices are not written. Tool calls must arrive one after the other
 * (as every known upstream sends them): a fragment for a call whose block is already closed
 * cannot be expressed and fails the stream. Reasoning opens a thinking block that its signature
 * ends; redacted reasoning is a block of its own.
 */
final class AnthropicStreamWriter implements StreamWriter {
  private enum Block { NONE, THINKING, TEXT, TOOL }

  private Optional<StreamEvent.Started> started = Optional.empty();
  private Block open = Block.NONE;
  private int openToolIndex = -1;
  private int nextBlockIndex;
  private FinishReason reason = FinishReason.STOP;
  private Optional<String> stopSequence = Optional.empty();
  private Usage usage = Usage.NONE;

  @Override
  public String write(StreamEvent event) {
    if (started.isEmpty() && !(event instanceof StreamEvent.Started)) {
      throw new IllegalStateException("a stream begins with Started");
    }
    return switch (event) {
      case StreamEvent.Started s -> start(s);
      case StreamEvent.TextDelta d -> d.choiceIndex() == 0 ? text(d.text()) : "";
      case StreamEvent.ThinkingDelta t -> t.choiceIndex() == 0 ? thinking(t.text()) : "";
      case StreamEvent.ThinkingSignature t -> t.choiceIndex() == 0 ? sign(t.signature()) : "";
      case StreamEvent.RedactedThinking r -> r.choiceIndex() == 0 ? redacted(r.data()) : "";
      case StreamEvent.ToolCallStarted t -> t.choiceIndex() == 0 ? toolStart(t) : "";
      case StreamEvent.ToolCallArguments a -> a.choiceIndex() == 0 ? toolArguments(a) : "";
      case StreamEvent.Finished f -> f.choiceIndex() == 0 ? finish(f) : "";
      case StreamEvent.UsageReported u -> report(u);
      case StreamEvent.Completed c -> complete();
    };
  }

  @Override
  public String writeError(GatewayError error) {
    return frame("error", AnthropicCodec.encodeError(error));
  }

  private String start(StreamEvent.Started s) {
    if (started.isPresent()) {
      throw new IllegalStateException("a stream has exactly one Started event");
    }
    started = Optional.of(s);
    usage = s.promptUsage();
    ObjectNode message = Json.NODES.objectNode();
    message.put("id", ResponseIds.anthropic(s.id()));
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", s.model());
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.set("usage", AnthropicResponses.usageJson(s.promptUsage()));
    ObjectNode event = event("message_start");
    event.set("message", message);
    return frame("message_start", event) + frame("ping", event("ping"));
  }

  private String text(String text) {
    if (text.isEmpty()) {
      return "";
    }
    String opening = "";
    if (open != Block.TEXT) {
      ObjectNode block = Json.NODES.objectNode();
      block.put("type", "text");
      block.put("text", "");
      opening = close() + openBlock(Block.TEXT, block);
    }
    ObjectNode delta = Json.NODES.objectNode();
    delta.put("type", "text_delta");
    delta.put("text", text);
    return opening + delta(delta);
  }

  private String thinking(String text) {
    if (text.isEmpty()) {
      return "";
    }
    ObjectNode delta = Json.NODES.objectNode();
    delta.put("type", "thinking_delta");
    delta.put("thinking", text);
    return openThinking() + delta(delta);
  }

  private String sign(String signature) {
    ObjectNode delta = Json.NODES.objectNode();
    delta.put("type", "signature_delta");
    delta.put("signature", signature);
    return openThinking() + delta(delta) + close();
  }

  private String openThinking() {
    if (open == Block.THINKING) {
      return "";
    }
    ObjectNode block = Json.NODES.objectNode();
    block.put("type", "thinking");
    block.put("thinking", "");
    return close() + openBlock(Block.THINKING, block);
  }

  private String redacted(String data) {
    ObjectNode block = Json.NODES.objectNode();
    block.put("type", "redacted_thinking");
    block.put("data", data);
    String frames = close() + openBlock(Block.THINKING, block);
    return frames + close();
  }

  private String toolStart(StreamEvent.ToolCallStarted t) {
    ObjectNode block = Json.NODES.objectNode();
    block.put("type", "tool_use");
    block.put("id", t.id());
    block.put("name", t.name());
    block.putObject("input");
    String frames = close() + openBlock(Block.TOOL, block);
    openToolIndex = t.toolIndex();
    return frames;
  }

  private String toolArguments(StreamEvent.ToolCallArguments a) {
    if (open != Block.TOOL || openToolIndex != a.toolIndex()) {
      throw new GatewayError.UpstreamFailed("the upstream interleaved the arguments of several "
          + "tool calls, which an Anthropic stream cannot carry", 502, 0).toException();
    }
    if (a.fragment().isEmpty()) {
      return "";
    }
    ObjectNode delta = Json.NODES.objectNode();
    delta.put("type", "input_json_delta");
    delta.put("partial_json", a.fragment());
    return delta(delta);
  }

  private String finish(StreamEvent.Finished f) {
    reason = f.reason();
    stopSequence = f.stopSequence();
    return close();
  }

  private String report(StreamEvent.UsageReported u) {
    usage = u.usage();
    return "";
  }

  private String complete() {
    ObjectNode event = event("message_delta");
    ObjectNode delta = event.putObject("delta");
    FinishReasons.putAnthropic(delta, reason, stopSequence);
    ObjectNode counts = event.putObject("usage");
    if (usage.source() != UsageSource.NONE) {
      counts.setAll(AnthropicResponses.usageJson(usage));
    }
    counts.put("output_tokens", usage.outputTokens());
    return close() + frame("message_delta", event) + frame("message_stop", event("message_stop"));
  }

  private String openBlock(Block kind, ObjectNode contentBlock) {
    ObjectNode event = event("content_block_start");
    event.put("index", nextBlockIndex);
    event.set("content_block", contentBlock);
    open = kind;
    return frame("content_block_start", event);
  }

  private String delta(ObjectNode delta) {
    ObjectNode event = event("content_block_delta");
    event.put("index", nextBlockIndex);
    event.set("delta", delta);
    return frame("content_block_delta", event);
  }

  private String close() {
    if (open == Block.NONE) {
      return "";
    }
    ObjectNode event = event("content_block_stop");
    event.put("index", nextBlockIndex);
    open = Block.NONE;
    openToolIndex = -1;
    nextBlockIndex++;
    return frame("content_block_stop", event);
  }

  private static ObjectNode event(String type) {
    ObjectNode event = Json.NODES.objectNode();
    event.put("type", type);
    return event;
  }

  private static String frame(String type, ObjectNode data) {
    return "event: " + type + "\ndata: " + data + "\n\n";
  }
}
