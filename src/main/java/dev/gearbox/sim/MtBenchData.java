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

  /** The turns of one model's two answers, filled from two judge records. */
  private static final class Pair {
    String firstFromTurnOne;
    String firstFromTurnTwo;
    String second;
    double firstScore = Double.NaN;
    double secondScore = Double.NaN;
  }

  static List<RecordedItem> load() {
    Map<String, JsonNode> questions = new LinkedHashMap<>();
    for (JsonNode q : BundledData.jsonLines(QUESTIONS)) {
      questions.put(q.get("question_id").asText(), q);
    }
    Map<String, Map<String, Pair>> pairs = new HashMap<>();
    for (JsonNode judgement : BundledData.jsonLines(JUDGEMENTS)) {
      String id = judgement.get("question_id").asText();
      String model = ModelNames.canonical(judgement.get("model").asText());
      Pair pair = pairs.computeIfAbsent(id, k -> new HashMap<>()).computeIfAbsent(model, k -> new Pair());
      fill(pair, judgement, turns(questions.get(id)));
    }
    List<RecordedItem> items = new ArrayList<>(questions.size());
    for (var question : questions.entrySet()) {
      items.add(item(question.getKey(), question.getValue(), pairs.getOrDefault(question.getKey(), Map.of())));
    }
    return items;
  }

  private static void fill(Pair pair, JsonNode judgement, List<String> turns) {
    String prompt = judgement.get("user_prompt").asText();
    double score = judgement.get("score").asDouble();
    if (judgement.get("turn").asInt() == 1) {
      pair.firstFromTurnOne = between(prompt, ANSWER_START, ANSWER_END, 0);
      pair.firstScore = score;
      return;
    }
    String secondUser = USER + turns.get(1) + ASSISTANT;
    int conversation = require(prompt.indexOf(CONVERSATION_START), "conversation");
    pair.firstFromTurnTwo =
        between(prompt, USER + turns.get(0) + ASSISTANT, "\n\n" + secondUser, conversation);
    int secondAt = require(prompt.indexOf(secondUser, conversation), "second turn");
    pair.second = prompt.substring(secondAt + secondUser.length(), require(prompt.lastIndexOf(CONVERSATION_END), "end"));
    pair.secondScore = score;
  }

  private static RecordedItem item(String id, JsonNode question, Map<String, Pair> byModel) {
    Map<String, List<RecordedAnswer>> answers = new HashMap<>();
    for (var entry : byModel.entrySet()) {
      Pair pair = entry.getValue();
      if (pair.firstFromTurnOne == null || !pair.firstFromTurnOne.equals(pair.firstFromTurnTwo)) {
        throw new IllegalStateException(
            "MT-Bench question " + id + ": the two judge records of " + entry.getKey()
                + " disagree on the first answer; the bundled judgements are damaged");
      }
      answers.put(
          entry.getKey(),
          List.of(
              RecordedAnswer.ofText(pair.firstFromTurnOne, Optional.of(new Outcome.Score(pair.firstScore))),
              RecordedAnswer.ofText(pair.second, Optional.of(new Outcome.Score(pair.secondScore)))));
    }
    return new RecordedItem(
        RecordedSet.MT_BENCH, id, question.get("category").asText(), turns(question), answers);
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
          "MT-Bench judge prompt lacks the marker '" + marker + "'; the bundled judgements are damaged");
    }
    return index;
  }
}
