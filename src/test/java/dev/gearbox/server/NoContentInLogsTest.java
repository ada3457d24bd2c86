package dev.gearbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.gearbox.audit.AuditReader;
import dev.gearbox.audit.AuditSettings;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GatewayConfig;
import dev.gearbox.store.DatabaseConfig;
import dev.gearbox.wire.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With content logging off (the default), a prompt full of personal data and its answer, plain
 * and streamed, reach neither the audit log nor any application log line at INFO or above.
 * Turning content logging on is the control: the same data then is in the audit log, so the
 * checks below can fail.
 */
class NoContentInLogsTest {
  private static final String NAME = "Jane Roe";
  private static final String SSN = "078-05-1120";
  private static final String PROMPT = "My name is " + NAME + " and my social security number is "
      + SSN + ". Write my landlord a two-line note that I will pay the rent late.";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dataDir;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void captureLogs() {
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    root.detachAppender(logs);
  }

  @Test
  void personalData_reachesNeitherTheAuditLogNorTheApplicationLog() throws Exception {
    List<String> answers = new ArrayList<>();
    try (GatewayApp app = start(AuditSettings.DEFAULTS)) {
      answers.add(answerText(send(app, false)));
      answers.add(send(app, true));
    }

    List<String> lines = logLines();
    assertThat(lines).as("the capture works").anyMatch(l -> l.contains("audit log open"));
    for (String line : lines) {
      assertThat(line).doesNotContain(NAME, SSN);
      for (String answer : answers) {
        assertThat(line).doesNotContain(excerpt(answer));
      }
    }
    assertThat(auditBodies()).hasSize(2).allSatisfy(body ->
        assertThat(body).doesNotContain(NAME, SSN, excerpt(answers.getFirst())));
  }

  @Test
  void withContentLoggingOn_theSameDataIsInTheAuditLog() throws Exception {
    try (GatewayApp app = start(AuditSettings.DEFAULTS.withLogContent(true))) {
      send(app, false);
    }

    assertThat(auditBodies()).singleElement().asString().contains(NAME, SSN);
  }

  private GatewayApp start(AuditSettings audit) {
    GatewayConfig config = new ConfigLoader(name -> Optional.empty()).loadEmbeddedDefault(dataDir)
        .withSimulator(new GatewayConfig.Simulator(true, 0, true))
        .withPort(0)
        .withDataDir(dataDir, new DatabaseConfig.Sqlite(dataDir))
        .withAudit(audit);
    return GatewayApp.start(config, name -> Optional.empty(), Clock.systemUTC());
  }

  private static String send(GatewayApp app, boolean stream) throws Exception {
    String body = Json.MAPPER.createObjectNode().put("model", "auto").put("stream", stream)
        .set("messages", Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode()
            .put("role", "user").put("content", PROMPT))).toString();
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + app.port()
                + "/v1/chat/completions"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return stream ? streamedText(response.body()) : response.body();
  }

  private static String answerText(String json) throws Exception {
    return Json.MAPPER.readTree(json).at("/choices/0/message/content").asText();
  }

  private static String streamedText(String sse) throws Exception {
    StringBuilder text = new StringBuilder();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: {")) {
        text.append(Json.MAPPER.readTree(line.substring(6)).at("/choices/0/delta/content")
            .asText(""));
      }
    }
    return text.toString();
  }

  /** A stretch of the answer long enough to be unmistakable in a log line. */
  private static String excerpt(String answer) {
    assertThat(answer).hasSizeGreaterThan(30);
    return answer.substring(0, 30);
  }

  private List<String> logLines() {
    return logs.list.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
        .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
            : ThrowableProxyUtil.asString(e.getThrowableProxy())))
        .toList();
  }

  private List<String> auditBodies() {
    List<String> bodies = new ArrayList<>();
    AuditReader.direct(new DatabaseConfig.Sqlite(dataDir)).forEach(r -> bodies.add(r.body()));
    return bodies;
  }
}
