package dev.gearbox.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where an agent session's money went: its calls as a tree (a call under the call that spawned
 * it, by {@code x-gearbox-parent}), the totals, and how prompts grow with depth, since an agent
 * that re-sends its whole history to every subtask pays for that history again at each level.
 *
 * <p>Built from audit records rather than the ledger: they carry each call's own id, are
 * written before the call returns (so a session is complete the moment its last call is), and
 * are tamper-evident. A call whose parent is not in the session is a root; calls that name each
 * other in a cycle are shown as roots too, so every call appears exactly once.
 */
public record SessionReport(
    String sessionId, List<Node> roots, Totals totals, List<DepthLine> byDepth) {

  public SessionReport {
    Objects.requireNonNull(sessionId, "sessionId");
    roots = List.copyOf(roots);
    Objects.requireNonNull(totals, "totals");
    byDepth = List.copyOf(byDepth);
  }

  /** A call and the calls it spawned. */
  public record Node(SessionCall call, int depth, List<Node> children) {
    public Node {
      children = List.copyOf(children);
    }
  }

  public record Totals(
      int calls,
      long inputTokens,
      long outputTokens,
      BigDecimal costUsd,
      BigDecimal counterfactualUsd,
      BigDecimal savedUsd) {}

  /** Prompt (input) tokens of the calls at one depth of the tree; roots are depth 0. */
  public record DepthLine(int depth, int calls, long promptTokens, long maxPromptTokens) {
    public long averagePromptTokens() {
      return calls == 0 ? 0 : promptTokens / calls;
    }
  }

  /** The report of the session whose records these are; empty when there are none. */
  public static Optional<SessionReport> of(String sessionId, List<StoredRecord> records) {
    List<SessionCall> calls = records.stream()
        .flatMap(r -> r.parsed().stream())
        .map(SessionCall::of)
        .toList();
    if (calls.isEmpty()) {
      return Optional.empty();
    }
    List<Node> roots = tree(calls);
    return Optional.of(new SessionReport(sessionId, roots, totals(calls), byDepth(roots)));
  }

  private static List<Node> tree(List<SessionCall> calls) {
    Map<String, SessionCall> byId = new LinkedHashMap<>();
    calls.forEach(c -> byId.putIfAbsent(c.callId(), c));
    Map<SessionCall, List<SessionCall>> children = new LinkedHashMap<>();
    List<SessionCall> roots = new ArrayList<>();
    for (SessionCall call : calls) {
      Optional<SessionCall> parent = call.parentCallId().map(byId::get)
          .filter(p -> p != call);
      parent.ifPresentOrElse(
          p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(call),
          () -> roots.add(call));
    }
    Set<SessionCall> placed = new HashSet<>();
    List<Node> built = new ArrayList<>();
    roots.forEach(root -> built.add(node(root, 0, children, placed)));
    for (SessionCall call : calls) {
      if (!placed.contains(call)) {
        built.add(node(call, 0, children, placed));
      }
    }
    return built;
  }

  private static Node node(SessionCall call, int depth,
      Map<SessionCall, List<SessionCall>> children, Set<SessionCall> placed) {
    placed.add(call);
    List<Node> below = new ArrayList<>();
    for (SessionCall child : children.getOrDefault(call, List.of())) {
      if (!placed.contains(child)) {
        below.add(node(child, depth + 1, children, placed));
      }
    }
    return new Node(call, depth, below);
  }

  private static Totals totals(List<SessionCall> calls) {
    return new Totals(
        calls.size(),
        calls.stream().mapToLong(SessionCall::inputTokens).sum(),
        calls.stream().mapToLong(SessionCall::outputTokens).sum(),
        sum(calls.stream().map(SessionCall::costUsd).toList()),
        sum(calls.stream().map(SessionCall::counterfactualUsd).toList()),
        sum(calls.stream().map(SessionCall::savedUsd).toList()));
  }

  private static BigDecimal sum(List<BigDecimal> amounts) {
    return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static List<DepthLine> byDepth(List<Node> roots) {
    Map<Integer, long[]> depths = new TreeMap<>();
    List<Node> pending = new ArrayList<>(roots);
    while (!pending.isEmpty()) {
      Node node = pending.removeLast();
      long[] line = depths.computeIfAbsent(node.depth(), d -> new long[3]);
      line[0]++;
      line[1] += node.call().inputTokens();
      line[2] = Math.max(line[2], node.call().inputTokens());
      pending.addAll(node.children());
    }
    List<DepthLine> lines = new ArrayList<>();
    depths.forEach((depth, l) -> lines.add(new DepthLine(depth, (int) l[0], l[1], l[2])));
    return lines;
  }

  /** Used by renderers: the report's calls depth-first, parents before children. */
  public List<Node> flattened() {
    List<Node> out = new ArrayList<>();
    roots.forEach(root -> flatten(root, out));
    return out;
  }

  private static void flatten(Node node, List<Node> out) {
    out.add(node);
    node.children().forEach(child -> flatten(child, out));
  }
}
