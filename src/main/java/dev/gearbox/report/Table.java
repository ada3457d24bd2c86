package dev.gearbox.report;

import java.util.List;

/** A table of text cells for a report; every row has one cell per header. */
public record Table(List<String> headers, List<List<String>> rows) {
  public Table {
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
    for (List<String> row : rows) {
      if (row.size() != headers.size()) {
        throw new IllegalArgumentException(
            "a row has " + row.size() + " cells for " + headers.size() + " headers: " + row);
      }
    }
  }
}
