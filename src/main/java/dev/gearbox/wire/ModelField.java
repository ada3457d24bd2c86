package dev.gearbox.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.ClientText;

/**
 * The {@code model} field of a client request, read the same way in both APIs.
 *
 * <p>Whitespace around the name is dropped: a name pasted from a file or an environment variable
 * often ends in a newline, and no model is named with one. What is left must be at most
 * {@link #MAX_CHARS} characters without control or invisible characters; the name is what the
 * ledger and the audit log record for every call, refused ones too, so it is bounded here rather
 * than stored as sent. Real names fit easily: {@code llama3.1:8b-instruct-q4_K_M},
 * {@code accounts/fireworks/models/llama-v3p1-405b-instruct}, Azure deployment names (64 at most).
 */
final class ModelField {
  static final int MAX_CHARS = 256;

  private ModelField() {}

  static String read(ObjectNode root) {
    String model = Fields.reqString(root, "model", "").strip();
    if (model.isEmpty()) {
      throw Fields.invalid("model", "'model' must name a model (or auto); got an empty name");
    }
    if (model.length() > MAX_CHARS) {
      throw Fields.invalid("model", "'model' is " + model.length() + " characters long; model "
          + "names are at most " + MAX_CHARS);
    }
    if (ClientText.hasHidden(model)) {
      throw Fields.invalid("model", "'model' holds a control or invisible character: "
          + ClientText.quote(model) + "; model names are printable text");
    }
    return model;
  }
}
