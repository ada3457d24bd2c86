package dev.gearbox.cache;

import java.util.Objects;

/** A stored prompt near a query: its exact key and its cosine similarity to the query. */
record Neighbour(String key, double similarity) {
  Neighbour {
    Objects.requireNonNull(key, "key");
  }
}
