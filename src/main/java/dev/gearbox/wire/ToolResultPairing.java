package dev.gearbox.wire;

import dev.gearbox.model.ClientText;
import dev.gearbox.model.Message;
import dev.gearbox.model.ToolCall;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks, turn by turn while a request is decoded, that each tool result answers a call of the
 * assistant turn just before it. OpenAI's and Anthropic's APIs both refuse a result whose id no
 * such call has, and local servers take it and answer as if the call were made; refusing it here
 * names the result in the client's own terms, whichever upstream the route would have reached.
 * Results are matched to the nearest assistant turn only: a history cut in the middle of a tool
 * exchange (the call dropped, its result kept) is what this catches.
 */
final class ToolResultPairing {
  private static final int IDS_SHOWN = 5;

  private List<String> open = List.of();

  /** An assistant turn: its calls are the ones results may answer next. */
  void assistant(Message turn) {
    open = turn.toolCalls().stream().map(ToolCall::id).toList();
  }

  /** A user turn (after its own tool results): the assistant's calls are no longer open. */
  void userTurn() {
    open = List.of();
  }

  /** A tool result for {@code callId}, at the client's {@code param}. */
  void result(String callId, String param) {
    if (open.contains(callId)) {
      return;
    }
    String calls = open.isEmpty()
        ? "that turn made no tool calls"
        : "its calls are " + open.stream().limit(IDS_SHOWN).map(ClientText::quote)
            .collect(Collectors.joining(", ")) + (open.size() > IDS_SHOWN ? ", ..." : "");
    throw Fields.invalid(param, "'" + param + "' answers tool call " + ClientText.quote(callId)
        + ", which the assistant turn just before it did not make; " + calls);
  }
}
