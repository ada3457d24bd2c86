package dev.gearbox.demo;

import dev.gearbox.cost.LedgerEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The calls of one agent session as a tree, from the ledger's session and parent columns:
 * a call's parent is the call it names in {@code x-gearbox-parent}, its depth the number of
 * ancestors. A replayed single agent gives a chain; agents that fan out give branches.
 */
record SessionTree(String sessionId, List<Node> nodes) {
  SessionTree {
    Objects.requireNonNull(sessionId, "sessionId");
    nodes = List.copyOf(nodes);
  }

  /**
   * One call: its ledger row, its depth, its route, and what compression removed from its
   * prompt. Nodes are in depth-first order.
   */
  record Node(LedgerEntry entry, int depth, Route route, Optional<Compression> compression) {}

  /** The agent session with the most calls in the run (the first by id on a tie). */
  static Optional<SessionTree> largest(RunData run) {
    Map<String, List<LedgerEntry>> sessions = new HashMap<>();
    Map<String, Compression> compressed = new HashMap<>();
    for (CallRecord call : run.calls()) {
      if (call.kind() == TrafficKind.AGENT && call.sessionId().isPresent()) {
        run.entry(call).ifPresent(e -> {
          sessions.computeIfAbsent(call.sessionId().get(), k -> new ArrayList<>()).add(e);
          call.compression().ifPresent(c -> compressed.put(e.requestId(), c));
        });
      }
    }
    return sessions.entrySet().stream()
        .max(Comparator.<Map.Entry<String, List<LedgerEntry>>>comparingInt(e -> e.getValue().size())
            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .map(e -> of(e.getKey(), e.getValue(), compressed));
  }

  static SessionTree of(String sessionId, List<LedgerEntry> calls) {
    return of(sessionId, calls, Map.of());
  }

  /**
   * @param compressed what compression did, by request id, for the calls it touched
   */
  static SessionTree of(
      String sessionId, List<LedgerEntry> calls, Map<String, Compression> compressed) {
    Map<String, List<LedgerEntry>> children = new HashMap<>();
    List<LedgerEntry> roots = new ArrayList<>();
    Map<String, LedgerEntry> byId = new HashMap<>();
    calls.forEach(c -> byId.put(c.requestId(), c));
    for (LedgerEntry call : calls) {
      Optional<String> parent = call.parentCallId().filter(byId::containsKey);
      if (parent.isPresent()) {
        children.computeIfAbsent(parent.get(), k -> new ArrayList<>()).add(call);
      } else {
        roots.add(call);
      }
    }
    List<Node> nodes = new ArrayList<>();
    roots.stream().sorted(Comparator.comparing(LedgerEntry::time))
        .forEach(root -> walk(root, 0, children, compressed, nodes));
    return new SessionTree(sessionId, nodes);
  }

  private static void walk(LedgerEntry call, int depth, Map<String, List<LedgerEntry>> children,
      Map<String, Compression> compressed, List<Node> out) {
    out.add(new Node(call, depth, Route.of(call),
        Optional.ofNullable(compressed.get(call.requestId()))));
    children.getOrDefault(call.requestId(), List.of()).stream()
        .sorted(Comparator.comparing(LedgerEntry::time))
        .forEach(child -> walk(child, depth + 1, children, compressed, out));
  }

  /** The tree as text, one call a line, indented one space per level, with route and tokens. */
  String text() {
    StringBuilder out = new StringBuilder(sessionId).append(" (").append(nodes.size())
        .append(" calls)\n");
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      out.append(" ".repeat(node.depth())).append("└─ ").append(String.format(
          java.util.Locale.ROOT, "call %d, depth %d: %s, %,d tokens in, %,d out", i,
          node.depth(), node.route().label(), node.entry().usage().inputTokens(),
          node.entry().usage().outputTokens()));
      node.compression().ifPresent(c -> out.append(String.format(java.util.Locale.ROOT,
          " (compressed from %,d, %s)", c.tokensBefore(), c.method())));
      out.append('\n');
    }
    return out.toString();
  }
}
