package dev.gearbox.cache;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.Sampling;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.Usage;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/** Requests, answers and queries for cache tests. */
final class Answers {
  static final Supplier<float[]> NEVER_EMBEDS = () -> {
    throw new AssertionError("this lookup must not need an embedding");
  };

  private Answers() {}

  static ChatRequest ask(String question) {
    return ChatRequest.of("auto", List.of(Message.text(Role.SYSTEM, "Answer briefly."),
        Message.text(Role.USER, question)));
  }

  static ChatRequest atTemperature(ChatRequest request, double temperature) {
    Sampling s = request.sampling();
    return request.withSampling(new Sampling(s.maxTokens(), OptionalDouble.of(temperature),
        s.topP(), s.seed(), s.n(), s.stop(), s.user()));
  }

  static ChatResponse answer(String text) {
    return answer(text, FinishReason.STOP);
  }

  static ChatResponse answer(String text, FinishReason finish) {
    return new ChatResponse("chatcmpl-1", "sim-frontier", 1_700_000_000L,
        List.of(new Choice(0, Message.assistant(text, List.of()), finish)),
        Usage.upstream(20, 5));
  }

  static ChatResponse toolCall() {
    return new ChatResponse("chatcmpl-2", "sim-frontier", 1_700_000_000L,
        List.of(new Choice(0, Message.assistant("", List.of(
            new ToolCall("call_1", "weather", "{\"city\":\"Oslo\"}"))), FinishReason.TOOL_CALLS)),
        Usage.upstream(30, 8));
  }

  static CacheQuery query(ChatRequest request, String tenant, CacheControl control,
      Supplier<float[]> vector) {
    return new CacheQuery(request, tenant, control, vector);
  }

  static CacheQuery exactQuery(ChatRequest request, String tenant) {
    return query(request, tenant, CacheControl.DEFAULT, NEVER_EMBEDS);
  }
}
