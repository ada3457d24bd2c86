package dev.gearbox.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads GSM8K from RouteLLM's response table. Each model has a correctness column named after it
 * and a text column named {@code <model>_response}; the row number is the item id.
 */
final class Gsm8kData {
  static final String PATH = "gsm8k/gsm8k_responses.csv.gz";
  private static final String RESPONSE_SUFFIX = "_response";

  private Gsm8kData() {}

  static List<RecordedItem> load() {
    List<String[]> rows = BundledData.csvRows(PATH);
    String[] header = rows.getFirst();
    Map<String, Integer> columns = columnIndex(header);
    List<RecordedItem> items = new ArrayList<>(rows.size() - 1);
    for (int r = 1; r < rows.size(); r++) {
      items.add(item(String.valueOf(r - 1), rows.get(r), header, columns));
    }
    return items;
  }

  private static RecordedItem item(
      String id, String[] row, String[] header, Map<String, Integer> columns) {
    Map<String, List<RecordedAnswer>> answers = new HashMap<>();
    for (int c = 1; c < header.length; c++) {
      if (header[c].endsWith(RESPONSE_SUFFIX)) {
        continue;
      }
      String text = row[columns.get(header[c] + RESPONSE_SUFFIX)];
      Optional<Outcome> outcome = Optional.of(Outcome.of(Boolean.parseBoolean(row[c])));
      answers.put(ModelNames.canonical(header[c]), List.of(RecordedAnswer.ofText(text, outcome)));
    }
    return new RecordedItem(RecordedSet.GSM8K, id, "math", List.of(row[0]), answers);
  }

  private static Map<String, Integer> columnIndex(String[] header) {
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < header.length; c++) {
      index.put(header[c], c);
    }
    return index;
  }
}
