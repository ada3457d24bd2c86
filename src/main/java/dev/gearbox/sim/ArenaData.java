package dev.gearbox.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the Arena prompts with, per model, the GPT-4 grade and the answer length. Two models have
 * lengths but were never graded; they are kept, with no outcome.
 */
final class ArenaData {
  static final String QUESTIONS = "arena/question.jsonl.gz";
  static final String SCORES = "arena/gpt4_scores.csv";
  static final String ANSWER_CHARS = "arena/answer_chars.csv";

  private ArenaData() {}

  static List<RecordedItem> load() {
    List<String[]> scoreRows = BundledData.csvRows(SCORES);
    List<String[]> charRows = BundledData.csvRows(ANSWER_CHARS);
    Map<String, String[]> scores = MmluProData.byFirstColumn(scoreRows);
    Map<String, String[]> chars = MmluProData.byFirstColumn(charRows);
    String[] scoreHeader = scoreRows.getFirst();
    String[] charHeader = charRows.getFirst();

    List<RecordedItem> items = new ArrayList<>();
    for (JsonNode question : BundledData.jsonLines(QUESTIONS)) {
      String id = question.get("question_id").asText();
      Map<String, List<RecordedAnswer>> answers = new HashMap<>();
      String[] lengths = chars.getOrDefault(id, new String[0]);
      String[] grades = scores.getOrDefault(id, new String[0]);
      for (int c = 1; c < charHeader.length && c < lengths.length; c++) {
        int length = MmluProData.parseInt(lengths[c]);
        Optional<Outcome> grade = grade(charHeader[c], scoreHeader, grades);
        answers.put(
            ModelNames.canonical(charHeader[c]), List.of(RecordedAnswer.ofLength(length, grade)));
      }
      items.add(
          new RecordedItem(
              RecordedSet.ARENA,
              id,
              question.get("category").asText(),
              List.of(question.get("turns").get(0).asText()),
              answers));
    }
    return items;
  }

  private static Optional<Outcome> grade(String model, String[] header, String[] grades) {
    for (int c = 1; c < header.length && c < grades.length; c++) {
      if (header[c].equals(model) && !grades[c].isBlank()) {
        return Optional.of(new Outcome.Score(Double.parseDouble(grades[c])));
      }
    }
    return Optional.empty();
  }
}
