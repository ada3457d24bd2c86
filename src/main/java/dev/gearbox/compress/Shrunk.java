package dev.gearbox.compress;

import dev.gearbox.model.ChatRequest;
import java.math.BigDecimal;
import java.util.List;

/** A method's result before it is priced: the new request and what changed. */
record Shrunk(
    ChatRequest request,
    CompressionMethod method,
    List<Integer> dropped,
    List<Integer> shrunk,
    BigDecimal summaryCostUsd,
    boolean summaryCached) {

  Shrunk {
    dropped = List.copyOf(dropped);
    shrunk = List.copyOf(shrunk);
  }
}
