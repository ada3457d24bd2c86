package dev.gearbox.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.Message;
import dev.gearbox.model.ResponseFormat;
import dev.gearbox.model.Role;
import dev.gearbox.model.Tool;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.ToolChoice;
import dev.gearbox.model.Usage;
import dev.gearbox.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Composes the answer of a simulated model: the recorded answer when the conversation is a
 * recorded prompt, otherwise a generated one; then shaped the way a real server shapes output
 * (tool calls when tools are offered, JSON when JSON is asked for, cut at a stop sequence, cut at
 * max_tokens with finish reason "length"), with usage counted by a real tokenizer.
 *
 * <p>With tools offered and tool_choice not "none", the answer is a call, except under "auto"
 * when the last message is a tool result: then the model answers in text, as a real one would
 * after using its tool, so that agent loops end.
 */
final class Responder {
  private final PromptIndex index;
  private final AnswerGenerator generator;
  private final TokenCounter tokens;

  Responder(PromptIndex index, AnswerGenerator generator, TokenCounter tokens) {
    this.index = index;
    this.generator = generator;
    this.tokens = tokens;
  }

  /** One choice before usage is summed. */
  private record Draft(
      Message message, FinishReason finish, Optional<String> stopSequence, long outputTokens) {}

  /**
   * The answer of {@code model} to {@code request}.
   *
   * @throws dev.gearbox.model.GatewayException {@code InvalidRequest} when tool_choice names a
   *     tool the request does not offer
   */
  SimAnswer answer(ChatRequest request, SimModel model, String id, long createdEpochSeconds) {
    String recordedModel = model.recordedModel();
    Optional<RecordedMatch> match = index.find(Prompts.userTurns(request), recordedModel);
    boolean shaped =
        wantsToolCall(request)
            || request.responseFormat().isPresent()
                && !(request.responseFormat().get() instanceof ResponseFormat.Text);

    List<Choice> choices = new ArrayList<>();
    long outputTokens = 0;
    for (int i = 0; i < request.sampling().n(); i++) {
      String text =
          i == 0 && match.isPresent()
              ? recordedText(match.get())
              : generated(request, recordedModel, i);
      Draft draft = draft(request, model, text, i);
      choices.add(new Choice(i, draft.message(), draft.finish(), draft.stopSequence()));
      outputTokens += draft.outputTokens();
    }

    Usage usage = Usage.upstream(tokens.countPrompt(request), outputTokens);
    ChatResponse response = new ChatResponse(id, model.name(), createdEpochSeconds, choices, usage);
    if (match.isEmpty() || shaped) {
      return new SimAnswer(response, Optional.empty(), "generated");
    }
    return new SimAnswer(response, match.get().answer().outcome(), match.get().source());
  }

  private Draft draft(ChatRequest request, SimModel model, String text, int choice) {
    if (wantsToolCall(request)) {
      ToolCall call = toolCall(request, model, choice);
      long callTokens = tokens.count(call.name()) + tokens.count(call.argumentsJson());
      return new Draft(Message.assistant("", List.of(call)), FinishReason.TOOL_CALLS,
          Optional.empty(), callTokens);
    }
    String body = request.responseFormat().map(f -> formatted(f, text)).orElse(text);
    FinishReason finish = FinishReason.STOP;
    Optional<String> stopped = stopAt(body, request.sampling().stop());
    body = cutAtStop(body, request.sampling().stop());
    if (request.sampling().maxTokens().isPresent()) {
      String cut = tokens.truncate(body, request.sampling().maxTokens().getAsInt());
      if (!cut.equals(body)) {
        finish = FinishReason.LENGTH;
        stopped = Optional.empty();
        body = cut;
      }
    }
    return new Draft(Message.assistant(body, List.of()), finish, stopped, tokens.count(body));
  }

  private String recordedText(RecordedMatch match) {
    RecordedAnswer answer = match.answer();
    if (answer.text().isPresent()) {
      return answer.text().get();
    }
    long seed = Seeds.of("placeholder", match.source(), match.model());
    int length =
        answer.lengthChars() > 0
            ? answer.lengthChars()
            : generator.drawLength(match.model(), new SplittableRandom(seed));
    return generator.placeholder(match.model(), seed, length);
  }

  private String generated(ChatRequest request, String recordedModel, int choice) {
    String model = RecordedSets.canonicalModel(recordedModel);
    return generator.generate(
        model, Seeds.of("generated", model, Prompts.seedText(request), Integer.toString(choice)));
  }

  static boolean wantsToolCall(ChatRequest request) {
    if (request.tools().isEmpty()) {
      return false;
    }
    ToolChoice choice = request.toolChoice().orElse(new ToolChoice.Auto());
    return switch (choice) {
      case ToolChoice.None none -> false;
      case ToolChoice.Required required -> true;
      case ToolChoice.Named named -> true;
      case ToolChoice.Auto auto -> request.messages().getLast().role() != Role.TOOL;
    };
  }

  private ToolCall toolCall(ChatRequest request, SimModel model, int choice) {
    SplittableRandom random =
        Seeds.random(
            "tool", model.recordedModel(), Prompts.seedText(request), Integer.toString(choice));
    Tool tool = chooseTool(request, random);
    JsonNode arguments =
        SchemaSampler.sample(tool.parametersSchema(), random, promptWords(request, random));
    String id =
        "call_"
            + Long.toUnsignedString(random.nextLong(), 36)
            + Long.toUnsignedString(random.nextLong(), 36);
    return new ToolCall(id, tool.name(), json(arguments));
  }

  private static Tool chooseTool(ChatRequest request, SplittableRandom random) {
    Optional<String> named =
        request
            .toolChoice()
            .filter(ToolChoice.Named.class::isInstance)
            .map(c -> ((ToolChoice.Named) c).name());
    if (named.isPresent()) {
      return request.tools().stream()
          .filter(t -> t.name().equals(named.get()))
          .findFirst()
          .orElseThrow(
              () ->
                  GatewayError.InvalidRequest.forParam(
                          "tool_choice",
                          "tool_choice names '"
                              + named.get()
                              + "', which is not among the request's tools")
                      .toException());
    }
    return request.tools().get(random.nextInt(request.tools().size()));
  }

  /** A few consecutive words of the last user turn: what a model would pass to its tool. */
  private static Supplier<String> promptWords(ChatRequest request, SplittableRandom random) {
    String[] words = request.lastUserText().orElse("").strip().split("\\s+");
    return () -> {
      if (words.length == 0 || words[0].isEmpty()) {
        return "example";
      }
      int start = random.nextInt(words.length);
      int end = Math.min(words.length, start + 1 + random.nextInt(5));
      return String.join(" ", List.of(words).subList(start, end));
    };
  }

  private String formatted(ResponseFormat format, String text) {
    return switch (format) {
      case ResponseFormat.Text plain -> text;
      case ResponseFormat.JsonObject object ->
          json(Json.MAPPER.createObjectNode().put("answer", text));
      case ResponseFormat.JsonSchema schema ->
          json(
              SchemaSampler.sample(schema.schema(), Seeds.random("json", text), sentencesOf(text)));
    };
  }

  private static Supplier<String> sentencesOf(String text) {
    List<String> sentences = AnswerGenerator.sentences(text);
    int[] next = {0};
    return () -> sentences.isEmpty() ? "" : sentences.get(next[0]++ % sentences.size());
  }

  /** The text up to the first stop sequence, which a server never includes. */
  /** The stop sequence that occurs first in the text, as servers report the one that matched. */
  static Optional<String> stopAt(String text, List<String> stops) {
    Optional<String> first = Optional.empty();
    int cut = text.length();
    for (String stop : stops) {
      int at = stop.isEmpty() ? -1 : text.indexOf(stop);
      if (at >= 0 && at < cut) {
        cut = at;
        first = Optional.of(stop);
      }
    }
    return first;
  }

  static String cutAtStop(String text, List<String> stops) {
    int cut = text.length();
    for (String stop : stops) {
      int at = stop.isEmpty() ? -1 : text.indexOf(stop);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return text.substring(0, cut);
  }

  private static String json(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree built in memory always serialises", e);
    }
  }
}
