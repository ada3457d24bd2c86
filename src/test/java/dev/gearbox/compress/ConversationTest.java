package dev.gearbox.compress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationTest {
  private static final List<Message> MESSAGES = List.of(
      Message.text(Role.SYSTEM, "policy"),
      Message.text(Role.ASSISTANT, "Hello, how can I help?"),
      Message.text(Role.USER, "Book a flight."),
      Message.assistant("", List.of(new ToolCall("c1", "search", "{}"))),
      Message.toolResult("c1", "[]"),
      Message.text(Role.ASSISTANT, "Nothing found."),
      Message.text(Role.USER, "Try tomorrow."),
      Message.assistant("", List.of(new ToolCall("c2", "search", "{}"))),
      Message.toolResult("c2", "[1]"));

  @Test
  void roundsStartAtUserMessages_toolResultsStayWithTheirCall() {
    Conversation conversation = Conversation.of(MESSAGES);

    assertThat(conversation.system()).hasSize(1);
    assertThat(conversation.rounds()).extracting(Round::first).containsExactly(1, 2, 6);
    assertThat(conversation.rounds()).extracting(Round::size).containsExactly(1, 4, 3);
  }

  @Test
  void older_leavesTheCurrentRoundAndTheKeptOnesOut() {
    Conversation conversation = Conversation.of(MESSAGES);

    assertThat(conversation.older(0)).extracting(Round::first).containsExactly(1, 2);
    assertThat(conversation.older(1)).extracting(Round::first).containsExactly(1);
    assertThat(conversation.older(5)).isEmpty();
    assertThat(conversation.recent(1)).extracting(Round::first).containsExactly(2, 6);
  }

  @Test
  void onlySystemMessages_haveNoRounds() {
    assertThat(Conversation.of(List.of(Message.text(Role.SYSTEM, "x"))).rounds()).isEmpty();
  }
}
