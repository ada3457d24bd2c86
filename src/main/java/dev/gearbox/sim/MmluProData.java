package dev.gearbox.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads MMLU-Pro: question stems, and per model whether its answer was right and how long it was.
 * A model with neither a verdict nor a length for a question was not run on it and is left out.
 */
final class MmluProData {
  static final List<String> QUESTIONS =
      List.of("mmlu-pro/questions_stem.jsonl.gz", "mmlu-pro/questions_non_stem.jsonl.gz");
  static final String CORRECTNESS = "mmlu-pro/correctness.csv.gz";
  static final String OUTPUT_CHARS = "mmlu-pro/output_chars.csv.gz";

  /** question_id, category, src, answer come before the model columns of the correctness file. */
  private static final int CORRECTNESS_FIRST_MODEL = 4;

  private static final Optional<Outcome> CORRECT = Optional.of(Outcome.CORRECT);
  private static final Optional<Outcome> WRONG = Optional.of(Outcome.WRONG);

  private MmluProData() {}

  static List<RecordedItem> load() {
    Map<String, JsonNode> questions = new HashMap<>();
    for (String path : QUESTIONS) {
      BundledData.jsonLines(path).forEach(q -> questions.put(q.get("question_id").asText(), q));
    }
    List<String[]> charRows = BundledData.csvRows(OUTPUT_CHARS);
    Map<String, String[]> chars = byFirstColumn(charRows);
    List<String[]> correctness = BundledData.csvRows(CORRECTNESS);
    String[] header = correctness.getFirst();
    String[] charsHeader = charRows.getFirst();
    Map<String, Integer> charsColumn = new HashMap<>();
    for (int c = 1; c < charsHeader.length; c++) {
      charsColumn.put(charsHeader[c], c);
    }

    List<RecordedItem> items = new ArrayList<>(correctness.size() - 1);
    for (String[] row : correctness.subList(1, correctness.size())) {
      JsonNode question = questions.get(row[0]);
      if (question == null) {
        throw new IllegalStateException(
            "MMLU-Pro question " + row[0] + " has no text in the bundle");
      }
      String[] lengths = chars.getOrDefault(row[0], new String[0]);
      items.add(item(question, row, header, lengths, charsColumn));
    }
    return items;
  }

  private static RecordedItem item(
      JsonNode question,
      String[] row,
      String[] header,
      String[] lengths,
      Map<String, Integer> charsColumn) {
    Map<String, List<RecordedAnswer>> answers = new HashMap<>();
    for (int c = CORRECTNESS_FIRST_MODEL; c < header.length; c++) {
      Optional<Outcome> outcome =
          switch (row[c]) {
            case "1" -> CORRECT;
            case "0" -> WRONG;
            default -> Optional.empty();
          };
      Integer lengthColumn = charsColumn.get(header[c]);
      int length =
          lengthColumn == null || lengthColumn >= lengths.length
              ? 0
              : parseInt(lengths[lengthColumn]);
      if (outcome.isPresent() || length > 0) {
        answers.put(
            ModelNames.canonical(header[c]), List.of(RecordedAnswer.ofLength(length, outcome)));
      }
    }
    return new RecordedItem(
        RecordedSet.MMLU_PRO,
        row[0],
        question.get("category").asText(),
        List.of(question.get("question").asText()),
        answers);
  }

  static Map<String, String[]> byFirstColumn(List<String[]> rows) {
    Map<String, String[]> byId = new HashMap<>();
    for (String[] row : rows.subList(1, rows.size())) {
      byId.put(row[0], row);
    }
    return byId;
  }

  static int parseInt(String cell) {
    return cell.isBlank() ? 0 : Integer.parseInt(cell.strip());
  }
}
