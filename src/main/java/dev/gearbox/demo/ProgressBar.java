package dev.gearbox.demo;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Locale;

/**
 * Shows how far the demo is. On a terminal it redraws one line in place (carriage return, at
 * most ten times a second); elsewhere (a pipe, a CI log) it prints a plain line at every tenth
 * of the way, so that a log stays readable. Thread-safe: every client reports to it.
 */
public final class ProgressBar implements DemoListener {
  private static final int WIDTH = 30;
  private static final long REDRAW_MS = 100;

  private final PrintWriter out;
  private final boolean terminal;
  private final Clock clock;
  private int total;
  private int done;
  private long startMs;
  private long drawnAtMs;
  private int lastTenth;
  private BigDecimal costUsd = BigDecimal.ZERO;
  private BigDecimal savedUsd = BigDecimal.ZERO;

  /**
   * @param terminal whether {@code out} is a terminal that understands a carriage return
   */
  public ProgressBar(PrintWriter out, boolean terminal, Clock clock) {
    this.out = out;
    this.terminal = terminal;
    this.clock = clock;
  }

  /** Starts counting towards {@code requests}. */
  synchronized void start(int requests) {
    total = requests;
    startMs = clock.millis();
    draw(true);
  }

  @Override
  public synchronized void called(CallRecord call) {
    done++;
    call.costUsd().ifPresent(c -> costUsd = costUsd.add(c));
    call.savedUsd().ifPresent(s -> savedUsd = savedUsd.add(s));
    draw(false);
  }

  @Override
  public synchronized void skipped(int requests) {
    done += requests;
    draw(false);
  }

  /** The sum of the {@code x-gearbox-cost-usd} headers of the answers so far. */
  synchronized BigDecimal costFromHeadersUsd() {
    return costUsd;
  }

  /** Draws the final state and ends the line. */
  synchronized void finish() {
    draw(true);
    if (terminal) {
      out.println();
    }
    out.flush();
  }

  private void draw(boolean always) {
    long now = clock.millis();
    int tenth = total == 0 ? 10 : done * 10 / total;
    if (terminal && (always || now - drawnAtMs >= REDRAW_MS || done == total)) {
      out.print("\r" + line(now));
      out.flush();
      drawnAtMs = now;
    } else if (!terminal && (tenth > lastTenth || always && done == 0)) {
      out.println(line(now));
      out.flush();
      lastTenth = tenth;
    }
  }

  private String line(long now) {
    int filled = total == 0 ? WIDTH : done * WIDTH / total;
    long seconds = (now - startMs) / 1000;
    BigDecimal counterfactual = costUsd.add(savedUsd);
    String saved = counterfactual.signum() == 0 ? "" : String.format(Locale.ROOT,
        "  saved %s (%.0f %%)", SummaryText.usd(savedUsd),
        savedUsd.doubleValue() * 100 / counterfactual.doubleValue());
    return String.format(Locale.ROOT, "[%s%s] %d/%d requests  %d:%02d%s",
        "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, seconds / 60, seconds % 60,
        saved);
  }
}
