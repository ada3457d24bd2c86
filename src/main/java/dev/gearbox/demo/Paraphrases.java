package dev.gearbox.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.sim.RecordedSet;
import dev.gearbox.sim.RecordedSets;
import dev.gearbox.wire.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled paraphrases of recorded questions ({@code /data/demo/paraphrases.jsonl}, see the
 * data README): each keeps its original's names and numbers, as a user asking the same thing
 * again would, so a semantic cache may answer it with the original's answer and that answer is
 * scored with the original's recorded outcome.
 */
final class Paraphrases {
  static final String RESOURCE = "/data/demo/paraphrases.jsonl";

  private Paraphrases() {}

  /**
   * Every bundled paraphrase, in file order.
   *
   * @throws IllegalStateException when the file is missing or names an unknown item
   */
  static List<Paraphrase> bundled(RecordedSets sets) {
    List<Paraphrase> paraphrases = new ArrayList<>();
    try (InputStream in = Paraphrases.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("bundled data " + RESOURCE + " is not on the class path");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank()) {
          paraphrases.add(parse(Json.MAPPER.readTree(line), sets));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return List.copyOf(paraphrases);
  }

  private static Paraphrase parse(JsonNode row, RecordedSets sets) {
    String setId = row.path("set").asText();
    String id = row.path("id").asText();
    RecordedSet set = RecordedSet.byId(setId).orElseThrow(() -> new IllegalStateException(
        RESOURCE + " names an unknown set '" + setId + "'"));
    return new Paraphrase(
        sets.item(set, id).orElseThrow(() -> new IllegalStateException(
            RESOURCE + " names an unknown item " + setId + ":" + id)),
        row.path("paraphrase").asText());
  }
}
