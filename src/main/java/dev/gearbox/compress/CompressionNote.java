package dev.gearbox.compress;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What the compression stage did to one request, for the decision record: the method, the
 * prompt tokens before and after (on the chosen model's tokenizer), which of the request's
 * messages were left out or shortened (indexes into the messages the client sent), and what
 * it saved: the removed tokens priced as input on the chosen model, less the summary's cost
 * when one was paid for on this call.
 *
 * @param summaryCached whether the summary came from the session's cache (nothing paid)
 */
public record CompressionNote(
    CompressionMethod method,
    long tokensBefore,
    long tokensAfter,
    List<Integer> droppedMessages,
    List<Integer> shrunkMessages,
    BigDecimal removedTokensUsd,
    BigDecimal summaryCostUsd,
    boolean summaryCached) {

  public CompressionNote {
    Objects.requireNonNull(method, "method");
    droppedMessages = List.copyOf(droppedMessages);
    shrunkMessages = List.copyOf(shrunkMessages);
    Objects.requireNonNull(removedTokensUsd, "removedTokensUsd");
    Objects.requireNonNull(summaryCostUsd, "summaryCostUsd");
    if (tokensAfter > tokensBefore || tokensAfter < 0) {
      throw new IllegalArgumentException(
          "a compressed prompt has fewer tokens: " + tokensBefore + " -> " + tokensAfter);
    }
  }

  /** The money the compression saved on this call (negative if the summary cost more). */
  public BigDecimal savedUsd() {
    return removedTokensUsd.subtract(summaryCostUsd);
  }

  /** Tokens before over tokens after: 2.0 means half the prompt was sent. */
  public double reduction() {
    return tokensAfter == 0 ? Double.POSITIVE_INFINITY : (double) tokensBefore / tokensAfter;
  }

  /** The {@code x-gearbox-compression} header: {@code method=extractive; tokens=12000->5400}. */
  public String header() {
    return "method=%s; tokens=%d->%d".formatted(method.configName(), tokensBefore, tokensAfter);
  }
}
