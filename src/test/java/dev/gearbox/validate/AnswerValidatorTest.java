package dev.gearbox.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.FinishReason;
import dev.gearbox.model.Message;
import dev.gearbox.model.ResponseFormat;
import dev.gearbox.model.Role;
import dev.gearbox.model.Sampling;
import dev.gearbox.model.Tool;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.Usage;
import dev.gearbox.wire.Json;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerValidatorTest {
  private static final AnswerValidator VALIDATOR = new AnswerValidator();
  private static final JsonNode PERSON_SCHEMA = json("""
      {"type": "object", "required": ["name", "age"],
       "properties": {"name": {"type": "string"}, "age": {"type": "integer"}}}""");

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ChatRequest request(Optional<ResponseFormat> format, List<Tool> tools) {
    return new ChatRequest("auto", List.of(Message.text(Role.USER, "Tell me about Ada.")), tools,
        Optional.empty(), format, Sampling.DEFAULT, false, false);
  }

  private static ChatResponse answer(String text, FinishReason finish) {
    return answer(Message.assistant(text, List.of()), finish);
  }

  private static ChatResponse answer(Message message, FinishReason finish) {
    return new ChatResponse("r1", "small", 0, List.of(new Choice(0, message, finish)),
        Usage.NONE);
  }

  private static Verdict check(ChatRequest request, ChatResponse response) {
    return VALIDATOR.check(request, response);
  }

  private static EscalationReason reason(Verdict verdict) {
    return ((Verdict.Rejected) verdict).reason();
  }

  @Test
  void plainAnswer_isAccepted() {
    Verdict verdict = check(request(Optional.empty(), List.of()),
        answer("Ada Lovelace wrote the first published program.", FinishReason.STOP));
    assertThat(verdict.accepted()).isTrue();
  }

  @Test
  void blankAnswer_escalatesAsEmpty() {
    Verdict verdict =
        check(request(Optional.empty(), List.of()), answer("  \n", FinishReason.STOP));
    assertThat(reason(verdict)).isEqualTo(EscalationReason.EMPTY);
  }

  @Test
  void stockRefusal_escalatesAsRefusal() {
    for (String refusal : List.of("I'm sorry, but I can't help with that.",
        "As an AI language model, I cannot provide medical advice.",
        "I am unable to assist with this request.", "Sorry, I won't write that.")) {
      Verdict verdict = check(request(Optional.empty(), List.of()),
          answer(refusal, FinishReason.STOP));
      assertThat(verdict.accepted()).as(refusal).isFalse();
      assertThat(reason(verdict)).isEqualTo(EscalationReason.REFUSAL);
    }
  }

  @Test
  void longAnswerOpeningWithAnApology_isNotARefusal() {
    String text = "I'm sorry, but I can't help noticing the premise is off. "
        + "Here is the full derivation. ".repeat(40);
    assertThat(check(request(Optional.empty(), List.of()), answer(text, FinishReason.STOP))
        .accepted()).isTrue();
  }

  @Test
  void contentFilter_escalatesAsRefusal() {
    Verdict verdict = check(request(Optional.empty(), List.of()),
        answer("partial", FinishReason.CONTENT_FILTER));
    assertThat(reason(verdict)).isEqualTo(EscalationReason.REFUSAL);
  }

  @Test
  void cutAtTheTokenLimit_escalatesAsTruncated() {
    Verdict verdict = check(request(Optional.empty(), List.of()),
        answer("Ada Lovelace was born in", FinishReason.LENGTH));
    assertThat(reason(verdict)).isEqualTo(EscalationReason.TRUNCATED);
    assertThat(reason(verdict).label()).isEqualTo("length");
  }

  @Test
  void jsonMode_fencedJsonIsInvalid() {
    ChatRequest request = request(Optional.of(new ResponseFormat.JsonObject()), List.of());
    assertThat(reason(check(request, answer("```json\n{\"a\": 1}\n```", FinishReason.STOP))))
        .isEqualTo(EscalationReason.INVALID_JSON);
    assertThat(reason(check(request, answer("[1, 2]", FinishReason.STOP))))
        .isEqualTo(EscalationReason.INVALID_JSON);
    assertThat(check(request, answer("{\"a\": 1}", FinishReason.STOP)).accepted()).isTrue();
  }

  @Test
  void jsonSchema_mismatchEscalates_matchPasses() {
    ChatRequest request = request(
        Optional.of(new ResponseFormat.JsonSchema("person", PERSON_SCHEMA, true)), List.of());
    assertThat(reason(check(request, answer("{\"name\": \"Ada\", \"age\": \"old\"}",
        FinishReason.STOP)))).isEqualTo(EscalationReason.SCHEMA_MISMATCH);
    assertThat(reason(check(request, answer("{\"name\": \"Ada\"}", FinishReason.STOP))))
        .isEqualTo(EscalationReason.SCHEMA_MISMATCH);
    assertThat(reason(check(request, answer("name: Ada", FinishReason.STOP))))
        .isEqualTo(EscalationReason.INVALID_JSON);
    assertThat(check(request, answer("{\"name\": \"Ada\", \"age\": 36}", FinishReason.STOP))
        .accepted()).isTrue();
  }

  @Test
  void toolCalls_argumentsMustParseAndFitTheSchema() {
    Tool tool = new Tool("save_person", Optional.empty(), PERSON_SCHEMA);
    ChatRequest request = request(Optional.empty(), List.of(tool));
    assertThat(reason(check(request, toolCall("save_person", "{\"name\": \"Ada\""))))
        .isEqualTo(EscalationReason.INVALID_TOOL_ARGUMENTS);
    assertThat(reason(check(request, toolCall("save_person", "{\"name\": 7, \"age\": 1}"))))
        .isEqualTo(EscalationReason.INVALID_TOOL_ARGUMENTS);
    assertThat(reason(check(request, toolCall("delete_all", "{}"))))
        .isEqualTo(EscalationReason.INVALID_TOOL_ARGUMENTS);
    assertThat(check(request, toolCall("save_person", "{\"name\": \"Ada\", \"age\": 36}"))
        .accepted()).isTrue();
  }

  private static ChatResponse toolCall(String name, String arguments) {
    return answer(Message.assistant("", List.of(new ToolCall("call_1", name, arguments))),
        FinishReason.TOOL_CALLS);
  }

  @Test
  void schemaWithRemoteRef_isNotFetched_andTheAnswerIsNotBlamed() {
    JsonNode remote = json("{\"$ref\": \"http://127.0.0.1:9/unreachable.json\"}");
    ChatRequest request = request(
        Optional.of(new ResponseFormat.JsonSchema("remote", remote, false)), List.of());
    assertThat(check(request, answer("{\"a\": 1}", FinishReason.STOP)).accepted()).isTrue();
  }
}
