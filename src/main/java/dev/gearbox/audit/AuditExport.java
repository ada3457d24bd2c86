package dev.gearbox.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.wire.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log as JSON Lines for SIEM tools: one object per record (its fields, plus {@code
 * "type": "audit_record"} and its {@code hash}), then one per signed checkpoint ({@code "type":
 * "audit_checkpoint"}). Kept somewhere the gateway cannot write, an export's checkpoints also
 * anchor later verifications ({@code audit verify --checkpoints FILE}).
 */
public final class AuditExport {
  public static final String RECORD_TYPE = "audit_record";
  public static final String CHECKPOINT_TYPE = "audit_checkpoint";

  /** What precedes a checkpoint's JSON in the gateway's application log. */
  static final String LOG_MARKER = "audit checkpoint ";

  private AuditExport() {}

  /** Writes every record and checkpoint; returns how many lines were written. */
  public static long jsonl(AuditReader reader, Writer out) {
    long[] lines = {0};
    reader.forEach(row -> {
      write(out, recordLine(row));
      lines[0]++;
      return true;
    });
    for (Checkpoint checkpoint : reader.checkpoints()) {
      write(out, checkpoint.json());
      lines[0]++;
    }
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export", e);
    }
    return lines[0];
  }

  /**
   * The checkpoints in an export, or in an application log holding the gateway's {@value
   * #LOG_MARKER} lines; every other line is skipped.
   *
   * @throws AuditException when the file cannot be read or a checkpoint line is not JSON
   */
  public static List<Checkpoint> checkpointsIn(Path file) {
    List<Checkpoint> found = new ArrayList<>();
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        int logged = line.indexOf(LOG_MARKER);
        String json = logged >= 0 ? line.substring(logged + LOG_MARKER.length()) : line.strip();
        if (json.startsWith("{")) {
          Checkpoint.fromJson(parse(json, file, number)).ifPresent(found::add);
        }
      }
    } catch (IOException e) {
      throw new AuditException("cannot read " + file, e);
    }
    return found;
  }

  private static JsonNode parse(String line, Path file, int number) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new AuditException(file + " line " + number + " is not JSON", e);
    }
  }

  private static ObjectNode recordLine(StoredRecord row) {
    ObjectNode line = Json.MAPPER.createObjectNode().put("type", RECORD_TYPE);
    row.parsed().filter(JsonNode::isObject).ifPresentOrElse(
        body -> line.setAll((ObjectNode) body),
        () -> line.put("seq", row.seq()).put("unreadable_body", row.body()));
    return line.put("hash", row.hash());
  }

  private static void write(Writer out, JsonNode line) {
    try {
      out.write(Json.MAPPER.writeValueAsString(line));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export", e);
    }
  }
}
