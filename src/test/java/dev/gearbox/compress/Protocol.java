package dev.gearbox.compress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.ToolCall;
import dev.gearbox.wire.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The protocol a compressed request must keep, checked against the request it came from. */
final class Protocol {
  private Protocol() {}

  static void assertKept(ChatRequest original, ChatRequest compressed) {
    assertThat(compressed.tools()).isEqualTo(original.tools());
    assertThat(compressed.sampling()).isEqualTo(original.sampling());
    assertThat(compressed.model()).isEqualTo(original.model());
    assertSystemPromptFirst(original, compressed);
    assertThat(compressed.messages().getLast()).isEqualTo(original.messages().getLast());
    assertThat(compressed.lastUserText()).isEqualTo(original.lastUserText());
    assertLastUserTurnUntouched(original, compressed);
    assertToolCallsPaired(compressed);
    assertNoNewRoleOrder(original, compressed);
  }

  private static void assertSystemPromptFirst(ChatRequest original, ChatRequest compressed) {
    List<Message> system = original.messages().stream()
        .takeWhile(m -> m.role() == Role.SYSTEM).toList();
    assertThat(compressed.messages().subList(0, system.size())).isEqualTo(system);
  }

  /**
   * The last user message and everything after it are kept: the same messages in the same order,
   * except that a JSON tool result before the last message may be written compactly, with every
   * one of its values still there.
   */
  private static void assertLastUserTurnUntouched(ChatRequest original, ChatRequest compressed) {
    List<Message> tail = tailFromLastUser(original.messages());
    List<Message> sent = compressed.messages().subList(
        compressed.messages().size() - tail.size(), compressed.messages().size());
    for (int i = 0; i < tail.size(); i++) {
      Message before = tail.get(i);
      Message after = sent.get(i);
      if (before.role() == Role.TOOL && i < tail.size() - 1 && !before.equals(after)) {
        assertThat(after.toolCallId()).isEqualTo(before.toolCallId());
        assertThat(after.text()).contains(jsonValues(before.text()));
      } else {
        assertThat(after).isEqualTo(before);
      }
    }
  }

  /** Every scalar of a JSON text, as it would be written bare. */
  static List<String> jsonValues(String json) {
    List<String> values = new ArrayList<>();
    try {
      collect(Json.MAPPER.readTree(json), values);
    } catch (java.io.IOException e) {
      throw new AssertionError("a rewritten tool result was not JSON: " + json, e);
    }
    return values;
  }

  private static void collect(JsonNode node, List<String> values) {
    if (node.isContainerNode()) {
      node.forEach(child -> collect(child, values));
    } else {
      values.add(node.asText());
    }
  }

  private static List<Message> tailFromLastUser(List<Message> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        return messages.subList(i, messages.size());
      }
    }
    return List.of();
  }

  /** Every result follows its call's assistant turn; every call has its result. */
  static void assertToolCallsPaired(ChatRequest request) {
    List<Message> messages = request.messages();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.role() == Role.TOOL) {
        int call = i - 1;
        while (messages.get(call).role() == Role.TOOL) {
          call--;
        }
        assertThat(messages.get(call).toolCalls()).extracting(ToolCall::id)
            .as("result at %d answers a call of the turn before it", i)
            .contains(m.toolCallId().orElseThrow());
      }
      if (!m.toolCalls().isEmpty() && i < messages.size() - 1) {
        Set<String> answered = new HashSet<>();
        for (int j = i + 1; j < messages.size() && messages.get(j).role() == Role.TOOL; j++) {
          answered.add(messages.get(j).toolCallId().orElseThrow());
        }
        assertThat(answered).as("calls at %d have their results", i)
            .containsAll(m.toolCalls().stream().map(ToolCall::id).toList());
      }
    }
  }

  /**
   * Any two neighbouring turns after the system messages were neighbours in the original, and
   * the first turn is a user turn or the original's first.
   */
  private static void assertNoNewRoleOrder(ChatRequest original, ChatRequest compressed) {
    Set<String> allowed = new HashSet<>(pairs(original));
    assertThat(allowed).containsAll(pairs(compressed));
    assertThat(firstTurnRole(compressed)).isIn(Role.USER, firstTurnRole(original));
  }

  private static List<String> pairs(ChatRequest request) {
    List<Role> roles = request.messages().stream().map(Message::role)
        .filter(r -> r != Role.SYSTEM).toList();
    List<String> pairs = new ArrayList<>();
    for (int i = 1; i < roles.size(); i++) {
      pairs.add(roles.get(i - 1) + ">" + roles.get(i));
    }
    return pairs;
  }

  private static Role firstTurnRole(ChatRequest request) {
    return request.messages().stream().map(Message::role).filter(r -> r != Role.SYSTEM)
        .findFirst().orElse(Role.SYSTEM);
  }
}
