package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.store.DatabaseConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the audit record of an answer cannot be stored, the answer is withheld: a plain call gets
 * a 500 instead of its body, and a stream ends with an error event instead of its final [DONE].
 * The database is made to refuse audit rows with a trigger, as a full or failing disk would.
 */
class AuditUnavailableTest {
  @TempDir Path dataDir;

  @Test
  void answerWhoseAuditRecordFails_isWithheld_plainAndStreamed() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.embeddedDefault(dataDir);
        HttpClient http = HttpClient.newHttpClient()) {
      refuseAuditRows();

      HttpResponse<String> plain = ask(http, gateway, false);
      HttpResponse<String> streamed = ask(http, gateway, true);

      assertThat(plain.statusCode()).isEqualTo(500);
      assertThat(plain.body()).contains("audit log could not be written")
          .doesNotContain("\"choices\"");
      assertThat(streamed.body()).contains("audit log could not be written")
          .doesNotContain("[DONE]");
    }
  }

  private void refuseAuditRows() throws Exception {
    try (Connection c = DriverManager.getConnection(
        "jdbc:sqlite:" + new DatabaseConfig.Sqlite(dataDir).file())) {
      c.createStatement().execute("CREATE TRIGGER disk_full BEFORE INSERT ON audit_log"
          + " BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    }
  }

  private static HttpResponse<String> ask(HttpClient http, GatewayHarness gateway,
      boolean stream) throws Exception {
    return http.send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sim-small\",\"stream\":"
            + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
