package dev.gearbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON-lines file that a user hands to a command (labelled traffic, labelled question pairs):
 * one JSON object per line. Blank lines are skipped and a byte-order mark before the first line
 * (as some editors on Windows write) is read past; a line that is not JSON is named by number,
 * without the parser's internals.
 */
public final class JsonLines {
  private JsonLines() {}

  /** One parsed line and its 1-based line number. */
  public record Line(int number, JsonNode json) {}

  /**
   * Every non-blank line of {@code file}, parsed.
   *
   * @throws IllegalArgumentException naming the first line that is not valid JSON
   * @throws UncheckedIOException when the file cannot be read
   */
  public static List<Line> read(Path file) {
    List<Line> lines = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (!line.isBlank()) {
          lines.add(new Line(number, parse(line, file, number)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return lines;
  }

  private static JsonNode parse(String line, Path file, int number) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " line " + number + " is not valid JSON (the"
          + " format is one JSON object per line)");
    }
  }
}
