package dev.gearbox.provider;

import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stop sequences the gateway applies itself, for those an upstream cannot take (OpenAI takes
 * four; Anthropic clients may send more). An answer ends before the first place any of them
 * occurs, as it would have upstream: its text is cut there, tool calls that would have followed
 * are dropped, and it finishes as {@code stop} at that sequence. The upstream may have gone on
 * generating past it, and its usage counts those tokens, which were paid for.
 */
final class ExtraStops {
  private final List<String> stops;

  ExtraStops(List<String> stops) {
    this.stops = List.copyOf(stops);
  }

  boolean isEmpty() {
    return stops.isEmpty();
  }

  /** The earliest occurrence of any stop in {@code text} from {@code from}, if any. */
  Optional<Match> find(CharSequence text, int from) {
    String s = text.toString();
    Match best = null;
    for (String stop : stops) {
      int at = s.indexOf(stop, from);
      if (at >= 0 && (best == null || at < best.at())) {
        best = new Match(at, stop);
      }
    }
    return Optional.ofNullable(best);
  }

  /** How many trailing characters of {@code text} could still begin a stop sequence. */
  int heldBack(CharSequence text) {
    int longest = 0;
    for (String stop : stops) {
      for (int n = Math.min(stop.length() - 1, text.length()); n > longest; n--) {
        if (stop.startsWith(text.subSequence(text.length() - n, text.length()).toString())) {
          longest = n;
          break;
        }
      }
    }
    return longest;
  }

  record Match(int at, String stop) {}

  /** {@code response} ended at the first stop sequence of each choice. */
  ChatResponse apply(ChatResponse response) {
    if (stops.isEmpty()) {
      return response;
    }
    List<Choice> choices = new ArrayList<>();
    for (Choice choice : response.choices()) {
      String text = choice.message().text();
      Optional<Match> match = find(text, 0);
      choices.add(match.isEmpty() ? choice : new Choice(choice.index(),
          Message.answer(choice.message().reasoning(), text.substring(0, match.get().at()),
              List.of()),
          FinishReason.STOP, Optional.of(match.get().stop())));
    }
    return new ChatResponse(response.id(), response.model(), response.createdEpochSeconds(),
        choices, response.usage());
  }
}
