package dev.gearbox.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads MT-Bench: the questions, and both models' answers extracted from the GPT-4 judge prompts
 * (FastChat's single-answer templates), which are the only place RouteLLM kept them.
 *
 * <p>A turn-1 judge prompt holds the answer between {@code [The Start of Assistant's Answer]} and
 * {@code [The End of Assistant's Answer]}; a turn-2 prompt holds the whole conversation, user
 * turns after {@code ### User:} and answers after {@code ### Assistant A:}. The turn-1 answer is
 * in both, so the loader checks they agree and that the judged user turns are the questions'.
 */
final class MtBenchData {
  static final String QUESTIONS = "mt-bench/question.jsonl";
  static final String JUDGEMENTS = "mt-bench/judgements.jsonl.gz";

  private static final String ANSWER_START = "[The Start of Assistant's Answer]\n";
  private static final String ANSWER_END = "\n[The End of Assistant's Answer]";
  private static final String CONVERSATION_START =
      "<|The Start of Assistant A's Conversation with User|>";
  private static final String CONVERSATION_END =
      "\n\n<|The End of Assistant A's Conversation with User|>";
  private static final String USER = "### User:\n";
  private static final String ASSISTANT = "\n\n### Assistant A:\n";

  private MtBenchData() {}

  /** What one judge record says: whose answer, which turn, the answers it shows, the score. */
  private record Judged(
      String model, int turn, String firstAnswer, Optional<String> secondAnswer, double score) {}

  static List<RecordedItem> load() {
    Map<String, JsonNode> questions = new LinkedHashMap<>();
    for (JsonNode q : BundledData.jsonLines(QUESTIONS)) {
      questions.put(q.get("question_id").asText(), q);
    }
    Map<String, List<Judged>> judgedByQuestion = new HashMap<>();
    for (JsonNode judgement : BundledData.jsonLines(JUDGEMENTS)) {
      String id = judgement.get("question_id").asText();
      judgedByQuestion
          .computeIfAbsent(id, k -> new ArrayList<>())
          .add(judged(judgement, turns(questions.get(id))));
    }
    List<RecordedItem> items = new ArrayList<>(questions.size());
    questions.forEach(
        (id, question) ->
            items.add(item(id, question, judgedByQuestion.getOrDefault(id, List.of()))));
    return items;
  }

  private static Judged judged(JsonNode judgement, List<String> turns) {
    String model = ModelNames.canonical(judgement.get("model").asText());
    String prompt = judgement.get("user_prompt").asText();
    double score = judgement.get("score").asDouble();
    int turn = judgement.get("turn").asInt();
    if (turn == 1) {
      String first = between(prompt, ANSWER_START, ANSWER_END, 0);
      return new Judged(model, turn, first, Optional.empty(), score);
    }
    int conversation = require(prompt.indexOf(CONVERSATION_START), "conversation");
    String secondUser = USER + turns.get(1) + ASSISTANT;
    String first =
        between(prompt, USER + turns.get(0) + ASSISTANT, "\n\n" + secondUser, conversation);
    int secondAt = require(prompt.indexOf(secondUser, conversation), "second turn");
    int end = require(prompt.lastIndexOf(CONVERSATION_END), "end of conversation");
    String second = prompt.substring(secondAt + secondUser.length(), end);
    return new Judged(model, turn, first, Optional.of(second), score);
  }

  private static RecordedItem item(String id, JsonNode question, List<Judged> judged) {
    Map<String, List<RecordedAnswer>> answers = new HashMap<>();
    for (String model : judged.stream().map(Judged::model).distinct().toList()) {
      Judged first = only(judged, model, 1, id);
      Judged second = only(judged, model, 2, id);
      if (!first.firstAnswer().equals(second.firstAnswer())) {
        throw new IllegalStateException(
            "MT-Bench question "
                + id
                + ": the two judge records of "
                + model
                + " disagree on the first answer; the bundled judgements are damaged");
      }
      answers.put(
          model,
          List.of(
              RecordedAnswer.ofText(first.firstAnswer(), score(first)),
              RecordedAnswer.ofText(second.secondAnswer().orElseThrow(), score(second))));
    }
    return new RecordedItem(
        RecordedSet.MT_BENCH, id, question.get("category").asText(), turns(question), answers);
  }

  private static Judged only(List<Judged> judged, String model, int turn, String id) {
    List<Judged> matching =
        judged.stream().filter(j -> j.model().equals(model) && j.turn() == turn).toList();
    if (matching.size() != 1) {
      throw new IllegalStateException(
          "MT-Bench question "
              + id
              + " has "
              + matching.size()
              + " judge records of "
              + model
              + " turn "
              + turn
              + " instead of one; the bundled judgements are damaged");
    }
    return matching.getFirst();
  }

  private static Optional<Outcome> score(Judged judged) {
    return Optional.of(new Outcome.Score(judged.score()));
  }

  private static List<String> turns(JsonNode question) {
    List<String> turns = new ArrayList<>();
    question.get("turns").forEach(t -> turns.add(t.asText()));
    return turns;
  }

  private static String between(String text, String start, String end, int from) {
    int s = require(text.indexOf(start, from), start.strip());
    int e = require(text.indexOf(end, s + start.length()), end.strip());
    return text.substring(s + start.length(), e);
  }

  private static int require(int index, String marker) {
    if (index < 0) {
      throw new IllegalStateException(
          "MT-Bench judge prompt lacks the marker '"
              + marker
              + "'; the bundled judgements are damaged");
    }
    return index;
  }
}
