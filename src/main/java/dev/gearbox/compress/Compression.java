package dev.gearbox.compress;

import dev.gearbox.model.ChatRequest;
import java.util.Objects;

/** A request after compression, with the note saying what was done to it. */
public record Compression(ChatRequest request, CompressionNote note) {
  public Compression {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(note, "note");
  }
}
