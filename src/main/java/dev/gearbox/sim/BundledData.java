package dev.gearbox.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.gearbox.wire.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the data files bundled under {@code /data} on the class path (gzipped when the name ends
 * in {@code .gz}). A missing or unreadable file is a broken build, not a runtime condition, so
 * it fails loudly with the file's name.
 */
final class BundledData {
  private static final CsvMapper CSV = new CsvMapper();

  private BundledData() {}

  /** Every row of a CSV file, header first, as arrays of cells. */
  static List<String[]> csvRows(String path) {
    try (InputStream in = open(path);
        MappingIterator<String[]> rows =
            CSV.readerForArrayOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return rows.readAll();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled data " + path, e);
    }
  }

  /** Every line of a JSON-lines file, parsed. */
  static List<JsonNode> jsonLines(String path) {
    List<JsonNode> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(open(path), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          lines.add(Json.MAPPER.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled data " + path, e);
    }
    return lines;
  }

  private static InputStream open(String path) throws IOException {
    InputStream raw = BundledData.class.getResourceAsStream("/data/" + path);
    if (raw == null) {
      throw new IllegalStateException(
          "bundled data file /data/" + path + " is not on the class path");
    }
    return path.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
  }
}
