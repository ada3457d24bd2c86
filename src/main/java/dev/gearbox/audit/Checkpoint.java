package dev.gearbox.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed statement that the log's record {@code seq} had hash {@code hash} at {@code atEpochMs}.
 * Since each hash covers every record before it, a checkpoint vouches for the whole log up to
 * {@code seq}: removing records from the end, or rewriting and re-chaining any of them, no longer
 * matches it. The signed text is the canonical JSON of these fields ({@link #signedText()}).
 */
public record Checkpoint(long seq, String hash, long atEpochMs, String keyId, String signature) {

  public Checkpoint {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(signature, "signature");
    if (seq < 1) {
      throw new IllegalArgumentException("a checkpoint covers record 1 or later");
    }
  }

  static Checkpoint sign(long seq, String hash, Instant at, AuditKeys keys) {
    Checkpoint unsigned = new Checkpoint(seq, hash, at.toEpochMilli(), keys.keyId(), "");
    byte[] signature = keys.sign(unsigned.signedText().getBytes(StandardCharsets.UTF_8));
    return new Checkpoint(seq, hash, unsigned.atEpochMs(), unsigned.keyId(),
        Base64.getEncoder().encodeToString(signature));
  }

  String signedText() {
    ObjectNode fields = ContentTrees.SNAKE.createObjectNode()
        .put("type", "gearbox-audit-checkpoint")
        .put("v", AuditRecords.VERSION)
        .put("seq", seq)
        .put("hash", hash)
        .put("at_epoch_ms", atEpochMs)
        .put("key_id", keyId);
    return Canonical.json(fields);
  }

  boolean verifies(PublicKey key) {
    try {
      byte[] decoded = Base64.getDecoder().decode(signature);
      return AuditKeys.verifies(key, signedText().getBytes(StandardCharsets.UTF_8), decoded);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  public Instant at() {
    return Instant.ofEpochMilli(atEpochMs);
  }

  /** The export line of this checkpoint. */
  ObjectNode json() {
    return ContentTrees.SNAKE.createObjectNode()
        .put("type", AuditExport.CHECKPOINT_TYPE)
        .put("seq", seq)
        .put("hash", hash)
        .put("at_epoch_ms", atEpochMs)
        .put("key_id", keyId)
        .put("signature", signature);
  }

  /** A checkpoint from an export line; empty for lines of other types. */
  static Optional<Checkpoint> fromJson(JsonNode line) {
    if (!AuditExport.CHECKPOINT_TYPE.equals(line.path("type").asText())) {
      return Optional.empty();
    }
    return Optional.of(new Checkpoint(line.path("seq").asLong(), line.path("hash").asText(),
        line.path("at_epoch_ms").asLong(), line.path("key_id").asText(),
        line.path("signature").asText()));
  }
}
