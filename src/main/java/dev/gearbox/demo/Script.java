package dev.gearbox.demo;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.sim.RecordedItem;
import java.util.List;
import java.util.Objects;

/**
 * What one demo client does next, as a real client would: ask a question, hold a two-turn
 * chat, run an agent through its recorded trajectory, or come back to an earlier question.
 */
sealed interface Script {

  /** How many HTTP requests the script sends. */
  int requests();

  /** One recorded question, asked once. */
  record Question(RecordedItem item, Api api) implements Script {
    public Question {
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(api, "api");
    }

    @Override
    public int requests() {
      return 1;
    }
  }

  /** A two-turn chat (MT-Bench): the second turn carries the answer the first one got. */
  record TwoTurns(RecordedItem item) implements Script {
    public TwoTurns {
      if (item.turns().size() != 2) {
        throw new IllegalArgumentException("item " + item.key() + " is not a two-turn chat");
      }
    }

    @Override
    public int requests() {
      return 2;
    }
  }

  /**
   * A recorded agent run replayed call by call: each call sends the run's recorded history up
   * to that point, in one session, each call the child of the call before it.
   */
  record AgentRun(String runId, List<ChatRequest> calls) implements Script {
    public AgentRun {
      Objects.requireNonNull(runId, "runId");
      calls = List.copyOf(calls);
      if (calls.isEmpty()) {
        throw new IllegalArgumentException("agent run " + runId + " has no calls");
      }
    }

    @Override
    public int requests() {
      return calls.size();
    }
  }

  /**
   * The first turn of an earlier question asked again, word for word (a repeat: for the exact
   * cache) or in other words (a paraphrase: for the semantic cache). Always placed after the
   * original on the same client, so the original's answer exists when it is asked.
   */
  record Echo(RecordedItem item, String prompt, EchoKind kind, Api api) implements Script {
    public Echo {
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(prompt, "prompt");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(api, "api");
    }

    @Override
    public int requests() {
      return 1;
    }
  }

  /** Whether an echo repeats its original verbatim or paraphrases it. */
  enum EchoKind {
    REPEAT,
    PARAPHRASE
  }
}
