package dev.gearbox.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.audit.Verification.Broken;
import dev.gearbox.audit.Verification.Problem;
import dev.gearbox.store.DatabaseConfig;
import dev.gearbox.wire.Json;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twelve records, signed at records 5 and 10 and on close at 12, then tampered with the way
 * someone with write access to the database would: each kind is found and the first bad record
 * is named.
 */
class TamperDetectionTest {
  private static final int RECORDS = 12;

  @TempDir Path dir;

  @BeforeEach
  void writeTwelveRecords() {
    try (AuditFixtures.Opened opened = AuditFixtures.open(dir, 5)) {
      for (int i = 1; i <= RECORDS; i++) {
        opened.log().record(AuditFixtures.call(requestId(i)));
      }
    }
  }

  @Test
  void untouchedLog_verifiesWithEveryCheckpoint() {
    Verification result = AuditFixtures.verify(dir);

    assertThat(result).isEqualTo(new Verification.Intact(RECORDS, RECORDS, 3, RECORDS + 1));
    assertThat(result.summary()).contains("12 records", "3 signed checkpoints");
  }

  @Test
  void changedContent_isNamedAsChanged() throws Exception {
    setBody(7, body(7).replace("0.000120000000", "0.000000000000"), false);

    Broken broken = broken();
    assertThat(broken.problem()).isEqualTo(Problem.CHANGED);
    assertThat(broken.seq()).isEqualTo(7);
    assertThat(broken.requestId()).contains(requestId(7));
    assertThat(broken.intactThrough()).isEqualTo(6);
  }

  @Test
  void changedContentWithItsHashRecomputed_isNamedAsChanged() throws Exception {
    setBody(7, body(7).replace("0.000120000000", "0.000000000000"), true);

    Broken broken = broken();
    assertThat(broken.problem()).isEqualTo(Problem.CHANGED);
    assertThat(broken.seq()).isEqualTo(7);
    assertThat(broken.detail()).contains("record 8 was chained to a different version");
  }

  @Test
  void removedRecord_isNamedAsRemoved() throws Exception {
    sql("DELETE FROM audit_log WHERE seq = 7");

    Broken broken = broken();
    assertThat(broken.problem()).isEqualTo(Problem.REMOVED);
    assertThat(broken.seq()).isEqualTo(7);
    assertThat(broken.summary()).contains("record 7 is missing", "records 1..6 verify");
  }

  @Test
  void removedRecordWithLaterOnesRenumbered_isStillNamedAsRemoved() throws Exception {
    sql("DELETE FROM audit_log WHERE seq = 7");
    for (int seq = 8; seq <= RECORDS; seq++) {
      sql("UPDATE audit_log SET seq = " + (seq - 1) + " WHERE seq = " + seq);
    }

    Broken broken = broken();
    assertThat(broken.problem()).isEqualTo(Problem.REMOVED);
    assertThat(broken.seq()).isEqualTo(7);
    assertThat(broken.detail()).contains("renumbered");
  }

  @Test
  void swappedRecords_areNamedAsReordered() throws Exception {
    sql("UPDATE audit_log SET seq = -1 WHERE seq = 7");
    sql("UPDATE audit_log SET seq = 7 WHERE seq = 8");
    sql("UPDATE audit_log SET seq = 8 WHERE seq = -1");

    Broken broken = broken();
    assertThat(broken.problem()).isEqualTo(Problem.REORDERED);
    assertThat(broken.seq()).isEqualTo(7);
    assertThat(broken.requestId()).contains(requestId(8));
  }

  @Test
  void insertedRecordChainedLikeAGenuineOne_isNamedAsInserted() throws Exception {
    for (int seq = RECORDS; seq >= 7; seq--) {
      sql("UPDATE audit_log SET seq = " + (seq + 1) + " WHERE seq = " + seq);
    }
    ObjectNode forged = (ObjectNode) Json.MAPPER.readTree(body(6));
    forged.put("request_id", "req-forged").put("call_id", "req-forged")
        .put("seq", 7).put("prev", hash(6));
    String text = Json.MAPPER.writeValueAsString(forged);
    try (Connection c = AuditFixtures.connect(dir);
        PreparedStatement insert = c.prepareStatement("INSERT INTO audit_log"
            + " (seq, request_id, session_id, at_epoch_ms, body, hash)"
            + " SELECT 7, 'req-forged', session_id, at_epoch_ms, ?, ? FROM audit_log"
            + " WHERE seq = 6")) {
      insert.setString(1, text);
      insert.setString(2, sha256(text));
      insert.executeUpdate();
    }

    Broken broken = broken();
    assertThat(broken.problem()).isEqualTo(Problem.INSERTED);
    assertThat(broken.seq()).isEqualTo(7);
    assertThat(broken.requestId()).contains("req-forged");
  }

  @Test
  void recordsCutFromTheEnd_areFoundByTheLastCheckpoint() throws Exception {
    sql("DELETE FROM audit_log WHERE seq > 10");

    Broken broken = broken();
    assertThat(broken.problem()).isEqualTo(Problem.TRUNCATED);
    assertThat(broken.seq()).isEqualTo(11);
    assertThat(broken.detail()).contains("records 11..12 are gone");
    assertThat(broken.intactThrough()).isEqualTo(10);
  }

  @Test
  void endCutTogetherWithItsCheckpoints_isFoundByAnEarlierExport() throws Exception {
    Path export = dir.resolve("yesterday.jsonl");
    StringWriter text = new StringWriter();
    AuditExport.jsonl(AuditReader.direct(new DatabaseConfig.Sqlite(dir)), text);
    Files.writeString(export, text.toString());
    sql("DELETE FROM audit_log WHERE seq > 8");
    sql("DELETE FROM audit_checkpoint WHERE seq > 8");

    assertThat(AuditFixtures.verify(dir).intact())
        .as("without an outside copy, a cut that takes its checkpoints along is invisible")
        .isTrue();
    Verification anchored = AuditFixtures.verify(dir, AuditExport.checkpointsIn(export));
    assertThat(anchored).isInstanceOf(Broken.class);
    assertThat(((Broken) anchored).problem()).isEqualTo(Problem.TRUNCATED);
    assertThat(((Broken) anchored).seq()).isEqualTo(9);
  }

  @Test
  void changeRechainedThroughTheEnd_failsTheCheckpointAfterIt() throws Exception {
    setBody(3, body(3).replace("0.000120000000", "0.000000000000"), true);
    for (int seq = 4; seq <= RECORDS; seq++) {
      ObjectNode body = (ObjectNode) Json.MAPPER.readTree(body(seq));
      body.put("prev", hash(seq - 1));
      setBody(seq, Json.MAPPER.writeValueAsString(body), true);
    }

    Broken broken = broken();
    assertThat(broken.problem()).isEqualTo(Problem.REWRITTEN);
    assertThat(broken.detail()).contains("records 1..5 were rewritten");
  }

  @Test
  void alteredCheckpoint_isAForgery() throws Exception {
    sql("UPDATE audit_checkpoint SET hash = '" + hash(4) + "' WHERE seq = 5");

    Broken broken = broken();
    assertThat(broken.problem()).isEqualTo(Problem.BAD_SIGNATURE);
    assertThat(broken.seq()).isEqualTo(5);
  }

  @Test
  void checkpointsSignedByAnotherKey_areNotTrusted() throws Exception {
    var stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
    AuditReader reader = AuditReader.direct(new DatabaseConfig.Sqlite(dir));

    Verification result = new AuditVerifier(reader, List.of(stranger), List.of()).verify();

    assertThat(((Broken) result).problem()).isEqualTo(Problem.UNKNOWN_KEY);
    assertThat(result.summary()).contains("--public-key");
  }

  @Test
  void editedLookupColumn_isAChange() throws Exception {
    sql("UPDATE audit_log SET session_id = 'someone-else' WHERE seq = 4");

    Broken broken = broken();
    assertThat(broken.problem()).isEqualTo(Problem.CHANGED);
    assertThat(broken.seq()).isEqualTo(4);
    assertThat(broken.detail()).contains("session_id");
  }

  @Test
  void cutFromTheEndThenWrittenOn_leavesAGapTheNextRecordPointsAcross() throws Exception {
    sql("DELETE FROM audit_log WHERE seq > 10");
    sql("DELETE FROM audit_checkpoint WHERE seq > 10");
    try (AuditFixtures.Opened opened = AuditFixtures.open(dir, 5)) {
      opened.log().record(AuditFixtures.call("req-after"));
    }

    Broken broken = broken();
    assertThat(broken.problem()).isEqualTo(Problem.REMOVED);
    assertThat(broken.seq()).isEqualTo(11);
    assertThat(broken.detail()).contains("records 11..12");
  }

  private Broken broken() {
    Verification result = AuditFixtures.verify(dir);
    assertThat(result).isInstanceOf(Broken.class);
    return (Broken) result;
  }

  private static String requestId(int i) {
    return "req-%02d".formatted(i);
  }

  private String body(int seq) throws SQLException {
    return column(seq, "body");
  }

  private String hash(int seq) throws SQLException {
    return column(seq, "hash");
  }

  private String column(int seq, String column) throws SQLException {
    try (Connection c = AuditFixtures.connect(dir);
        PreparedStatement select =
            c.prepareStatement("SELECT " + column + " FROM audit_log WHERE seq = ?")) {
      select.setInt(1, seq);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).as("record %d exists", seq).isTrue();
        return row.getString(1);
      }
    }
  }

  private void setBody(int seq, String body, boolean rehash) throws SQLException {
    String sql = rehash
        ? "UPDATE audit_log SET body = ?, hash = ? WHERE seq = ?"
        : "UPDATE audit_log SET body = ? WHERE seq = ?";
    try (Connection c = AuditFixtures.connect(dir);
        PreparedStatement update = c.prepareStatement(sql)) {
      int i = 1;
      update.setString(i++, body);
      if (rehash) {
        update.setString(i++, sha256(body));
      }
      update.setInt(i, seq);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = AuditFixtures.connect(dir)) {
      c.createStatement().executeUpdate(statement);
    }
  }

  /** What anyone editing the table can compute: the hash is no secret. */
  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
