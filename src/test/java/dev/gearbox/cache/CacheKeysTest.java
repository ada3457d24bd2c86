package dev.gearbox.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.Message;
import dev.gearbox.model.ResponseFormat;
import dev.gearbox.model.Role;
import dev.gearbox.model.Sampling;
import dev.gearbox.model.Tool;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.ToolChoice;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CacheKeysTest {
  private static final ChatRequest BASE = ChatRequest.of("auto", List.of(
      Message.text(Role.SYSTEM, "You are terse."),
      Message.text(Role.USER, "What is the capital of France?")));

  private static CacheKey key(ChatRequest request) {
    return CacheKeys.of(request, "acme", "public");
  }

  private static ChatRequest sampling(UnaryOperator<Sampling> change) {
    return BASE.withSampling(change.apply(BASE.sampling()));
  }

  private static Sampling with(Sampling s, OptionalInt max, OptionalDouble temperature,
      OptionalDouble topP, OptionalLong seed, int n, List<String> stop) {
    return new Sampling(max, temperature, topP, seed, n, stop, s.user());
  }

  static Stream<Arguments> answerChangingVariants() {
    Sampling s = BASE.sampling();
    return Stream.of(
        Arguments.of("model", BASE.withModel("gpt-4o")),
        Arguments.of("system prompt", BASE.withMessages(List.of(
            Message.text(Role.SYSTEM, "You are verbose."), BASE.messages().get(1)))),
        Arguments.of("temperature", sampling(x -> with(x, s.maxTokens(), OptionalDouble.of(0.7),
            s.topP(), s.seed(), 1, s.stop()))),
        Arguments.of("top_p", sampling(x -> with(x, s.maxTokens(), s.temperature(),
            OptionalDouble.of(0.5), s.seed(), 1, s.stop()))),
        Arguments.of("seed", sampling(x -> with(x, s.maxTokens(), s.temperature(), s.topP(),
            OptionalLong.of(7), 1, s.stop()))),
        Arguments.of("n", sampling(x -> x.withN(2))),
        Arguments.of("stop", sampling(x -> with(x, s.maxTokens(), s.temperature(), s.topP(),
            s.seed(), 1, List.of("\n")))),
        Arguments.of("max tokens", sampling(x -> x.withMaxTokens(50))),
        Arguments.of("tools", new ChatRequest(BASE.model(), BASE.messages(), List.of(weather()),
            Optional.empty(), Optional.empty(), s, false, false)),
        Arguments.of("tool_choice", new ChatRequest(BASE.model(), BASE.messages(), List.of(),
            Optional.of(new ToolChoice.None()), Optional.empty(), s, false, false)),
        Arguments.of("response_format", new ChatRequest(BASE.model(), BASE.messages(),
            List.of(), Optional.empty(), Optional.of(new ResponseFormat.JsonObject()), s, false,
            false)));
  }

  private static Tool weather() {
    return new Tool("weather", Optional.empty(), JsonNodeFactory.instance.objectNode());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answerChangingVariants")
  void everyPartThatChangesTheAnswer_changesTheExactKey(String part, ChatRequest variant) {
    assertThat(key(variant).exact()).isNotEqualTo(key(BASE).exact());
  }

  @Test
  void streamingAndTheEndUser_doNotChangeTheKey() {
    ChatRequest streamed = BASE.withStream(true, true);
    ChatRequest otherUser = BASE.withSampling(new Sampling(OptionalInt.empty(),
        OptionalDouble.empty(), OptionalDouble.empty(), OptionalLong.empty(), 1, List.of(),
        Optional.of("end-user-42")));

    assertThat(key(streamed)).isEqualTo(key(BASE));
    assertThat(key(otherUser)).isEqualTo(key(BASE));
  }

  @Test
  void tenantsAndDataLabels_haveSeparateNamespaces() {
    CacheKey acme = CacheKeys.of(BASE, "acme", "public");

    assertThat(CacheKeys.of(BASE, "globex", "public").exact()).isNotEqualTo(acme.exact());
    assertThat(CacheKeys.of(BASE, "globex", "public").scope()).isNotEqualTo(acme.scope());
    assertThat(CacheKeys.of(BASE, "acme", "restricted").exact()).isNotEqualTo(acme.exact());
    assertThat(CacheKeys.of(BASE, "acme", "restricted").scope()).isNotEqualTo(acme.scope());
  }

  @Test
  void namespaceParts_cannotBeShiftedIntoEachOther() {
    assertThat(CacheKeys.of(BASE, "a", "b\u0000c").exact())
        .isNotEqualTo(CacheKeys.of(BASE, "a\u0000b", "c").exact());
  }

  @Test
  void theSameLastQuestion_afterADifferentEarlierTurn_hasAnotherScope() {
    ChatRequest afterFrance = ChatRequest.of("auto", List.of(
        Message.text(Role.USER, "What is the capital of France?"),
        Message.assistant("Paris.", List.of()),
        Message.text(Role.USER, "And its population?")));
    ChatRequest afterSpain = ChatRequest.of("auto", List.of(
        Message.text(Role.USER, "What is the capital of Spain?"),
        Message.assistant("Madrid.", List.of()),
        Message.text(Role.USER, "And its population?")));

    assertThat(key(afterFrance).scope()).isPresent().isNotEqualTo(key(afterSpain).scope());
    assertThat(key(afterFrance).promptText()).contains("And its population?");
  }

  @Test
  void toolResults_areInTheKey_andEndingOnOne_isNotSemantic() {
    List<Message> turns = List.of(
        Message.text(Role.USER, "Weather in Oslo?"),
        Message.assistant("", List.of(new ToolCall("call_1", "weather", "{\"city\":\"Oslo\"}"))));
    ChatRequest sunny = ChatRequest.of("auto", append(turns,
        Message.toolResult("call_1", "sunny, 21C")));
    ChatRequest rainy = ChatRequest.of("auto", append(turns,
        Message.toolResult("call_1", "rain, 9C")));

    assertThat(key(sunny).exact()).isNotEqualTo(key(rainy).exact());
    assertThat(key(sunny).scope()).isEmpty();
  }

  @Test
  void aLastMessageWithAnImage_isNotSemantic_andTheImageIsInTheKey() {
    Message withImage = new Message(Role.USER, List.of(new ContentPart.Text("What is this?"),
        ContentPart.Image.inline("image/png", "aGVsbG8=")), List.of(), Optional.empty(),
        Optional.empty());
    Message otherImage = new Message(Role.USER, List.of(new ContentPart.Text("What is this?"),
        ContentPart.Image.inline("image/png", "d29ybGQ=")), List.of(), Optional.empty(),
        Optional.empty());

    CacheKey first = key(ChatRequest.of("auto", List.of(withImage)));
    assertThat(first.scope()).isEmpty();
    assertThat(first.exact())
        .isNotEqualTo(key(ChatRequest.of("auto", List.of(otherImage))).exact());
  }

  private static List<Message> append(List<Message> turns, Message last) {
    return Stream.concat(turns.stream(), Stream.of(last)).toList();
  }
}
