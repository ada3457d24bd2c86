package dev.gearbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private final StringWriter text = new StringWriter();
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

  private static CallRecord answered(String cost, String saved) {
    return new CallRecord(Optional.of("r"), TrafficKind.GSM8K, Optional.empty(),
        Optional.empty(), 200,
        Optional.of("sim-small"), Optional.of("small"), Optional.of("miss"),
        Optional.of(new BigDecimal(cost)), Optional.of(new BigDecimal(saved)),
        Optional.empty(), Optional.empty(), 0, 10);
  }

  @Test
  void withoutTerminal_printsAPlainLineEveryTenth() {
    ProgressBar bar = new ProgressBar(new PrintWriter(text), false, clock);
    bar.start(20);
    for (int i = 0; i < 20; i++) {
      bar.called(answered("0.001", "0.003"));
    }
    bar.finish();

    String out = text.toString();
    assertThat(out).doesNotContain("\r");
    assertThat(out.lines().filter(l -> l.contains("/20 requests"))).hasSize(11);
    assertThat(out).contains("20/20 requests  0:00  saved $0.0600 (75 %)");
  }

  @Test
  void onTerminal_redrawsOneLineInPlace() {
    ProgressBar bar = new ProgressBar(new PrintWriter(text), true, clock);
    bar.start(4);
    bar.called(answered("0.001", "0.001"));
    bar.skipped(3);
    bar.finish();

    String out = text.toString();
    assertThat(out).startsWith("\r[").endsWith("\n");
    assertThat(out.chars().filter(c -> c == '\n')).hasSize(1);
    assertThat(out).contains("[" + "#".repeat(30) + "] 4/4 requests");
  }
}
