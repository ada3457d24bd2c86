package dev.gearbox.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Scored calibration lookups as shipped in the jar ({@code cache/calibration/scores.jsonl}),
 * written by {@code gearbox cache-calibrate}: a header line naming the data, its digest and the
 * embedding model, then one line per lookup with its neighbours. Shipping scores rather than
 * raw pairs lets the gateway choose a threshold for any configured bound at start-up without
 * embedding a thousand texts first.
 */
public record CalibrationScores(
    String description, String embeddingModel, String pairsSha256, List<ScoredQuery> queries) {
  static final String BUNDLED = "/cache/calibration/scores.jsonl";

  public CalibrationScores {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(embeddingModel, "embeddingModel");
    Objects.requireNonNull(pairsSha256, "pairsSha256");
    queries = List.copyOf(queries);
  }

  /** The scores shipped in the jar. */
  public static CalibrationScores bundled() {
    try (InputStream in = CalibrationScores.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + BUNDLED);
      }
      return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUNDLED, e);
    }
  }

  /**
   * @throws IllegalArgumentException when {@code jsonl} is not in this format
   */
  public static CalibrationScores read(String jsonl) {
    try {
      String[] lines = jsonl.split("\n");
      JsonNode header = Json.MAPPER.readTree(lines[0]);
      List<ScoredQuery> queries = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          queries.add(query(Json.MAPPER.readTree(lines[i])));
        }
      }
      return new CalibrationScores(header.path("description").asText(),
          header.path("embedding_model").asText(), header.path("pairs_sha256").asText(),
          queries);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not calibration scores: " + e.getMessage(), e);
    }
  }

  /** The JSONL text: header line, then one line per lookup. */
  public String write() {
    StringBuilder out = new StringBuilder();
    ObjectNode header = Json.MAPPER.createObjectNode()
        .put("description", description)
        .put("embedding_model", embeddingModel)
        .put("pairs_sha256", pairsSha256)
        .put("lookups", queries.size());
    out.append(header).append('\n');
    for (ScoredQuery query : queries) {
      out.append(line(query)).append('\n');
    }
    return out.toString();
  }

  private static ObjectNode line(ScoredQuery query) {
    ObjectNode node = Json.MAPPER.createObjectNode().put("duplicate", query.duplicate());
    ArrayNode neighbours = node.putArray("neighbours");
    for (ScoredQuery.Candidate c : query.neighbours()) {
      neighbours.addArray()
          .add(Math.round(c.similarity() * 1e6) / 1e6)
          .add(c.right())
          .add(c.refusedBy().map(GuardKind::label).orElse(""));
    }
    return node;
  }

  private static ScoredQuery query(JsonNode node) {
    List<ScoredQuery.Candidate> candidates = new ArrayList<>();
    for (JsonNode c : node.path("neighbours")) {
      String guard = c.get(2).asText();
      candidates.add(new ScoredQuery.Candidate(c.get(0).asDouble(), c.get(1).asBoolean(),
          guard.isEmpty() ? Optional.empty()
              : Optional.of(GuardKind.valueOf(guard.toUpperCase(java.util.Locale.ROOT)))));
    }
    return new ScoredQuery(node.path("duplicate").asBoolean(), candidates);
  }
}
