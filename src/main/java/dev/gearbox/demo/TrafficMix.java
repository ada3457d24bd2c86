package dev.gearbox.demo;

import dev.gearbox.sim.RecordedItem;
import dev.gearbox.sim.RecordedSet;
import dev.gearbox.sim.RecordedSets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The demo's traffic: which scripts each client runs, in which order. Built from the recorded
 * sets, the bundled paraphrases and the recorded agent runs, and the same for the same seed,
 * request count and client count.
 *
 * <p>The shares below are of HTTP requests. They mimic a gateway in front of a few teams: agent
 * calls with long, growing contexts (a quarter), maths homework (GSM8K, the rest), open chat
 * (Arena, over the Anthropic API) and two-turn conversations (MT-Bench), plus people asking
 * again: word for word (8 %, for the exact cache) and in other words (7 %, for the semantic
 * cache). A repeat or paraphrase always runs on the client that asked the original, after it,
 * so whether the cache can answer it does not depend on thread timing.
 */
record TrafficMix(List<List<Script>> queues) {
  static final double AGENT_SHARE = 0.25;
  static final double MT_BENCH_SHARE = 0.15;
  static final double ARENA_SHARE = 0.13;
  static final double PARAPHRASE_SHARE = 0.07;
  static final double REPEAT_SHARE = 0.08;
  /**
   * Agent runs are replayed up to this many calls: the calls of a run are sequential, so the
   * longest run sets the demo's duration (a few recorded runs have over 25 calls).
   */
  static final int MAX_AGENT_CALLS = 16;
  /** Below this many requests the shares leave some kinds of traffic out entirely. */
  static final int MIN_REQUESTS = 20;

  TrafficMix {
    queues = queues.stream().map(List::copyOf).toList();
  }

  /** The HTTP requests the mix sends in all. */
  int requests() {
    return queues.stream().flatMap(List::stream).mapToInt(Script::requests).sum();
  }

  /** Every script of every client: the clients' queues one after the other. */
  List<Script> scripts() {
    return queues.stream().flatMap(List::stream).toList();
  }

  /**
   * Draws a mix of exactly {@code requests} HTTP requests over {@code clients} clients.
   *
   * @throws IllegalArgumentException when requests is below {@value #MIN_REQUESTS} or clients
   *     below 1
   */
  static TrafficMix build(
      int requests,
      long seed,
      int clients,
      RecordedSets sets,
      List<Paraphrase> paraphrases,
      List<Script.AgentRun> agentRuns) {
    if (requests < MIN_REQUESTS || clients < 1) {
      throw new IllegalArgumentException("a demo mix needs at least " + MIN_REQUESTS
          + " requests and one client, got " + requests + " and " + clients);
    }
    Draw draw = new Draw(new SplittableRandom(seed), sets);
    List<Script> originals = new ArrayList<>();
    List<Script.Echo> echoes = new ArrayList<>();
    int budget = requests;
    budget -= draw.agentRuns(agentRuns, share(requests, AGENT_SHARE), originals);
    budget -= draw.paraphrased(paraphrases, share(requests, PARAPHRASE_SHARE), originals, echoes);
    budget -= draw.questions(RecordedSet.MT_BENCH, share(requests, MT_BENCH_SHARE) / 2,
        originals);
    budget -= draw.questions(RecordedSet.ARENA, share(requests, ARENA_SHARE), originals);
    budget -= draw.repeats(share(requests, REPEAT_SHARE), originals, echoes);
    draw.questions(RecordedSet.GSM8K, budget, originals);
    return new TrafficMix(draw.deal(originals, echoes, clients));
  }

  private static int share(int requests, double share) {
    return (int) Math.floor(requests * share);
  }

  /** One drawing of a mix: the random source and what has been drawn so far. */
  private static final class Draw {
    private final SplittableRandom random;
    private final RecordedSets sets;
    private final Set<String> drawn = new HashSet<>();

    Draw(SplittableRandom random, RecordedSets sets) {
      this.random = random;
      this.sets = sets;
    }

    /** Whole runs while they fit, then the start of one more: exactly {@code budget} calls. */
    int agentRuns(List<Script.AgentRun> runs, int budget, List<Script> out) {
      int used = 0;
      for (Script.AgentRun run : shuffled(runs)) {
        if (used >= budget) {
          break;
        }
        int calls = Math.min(Math.min(run.requests(), MAX_AGENT_CALLS), budget - used);
        out.add(new Script.AgentRun(run.runId(), run.calls().subList(0, calls)));
        used += calls;
      }
      return used;
    }

    /** Each paraphrase drawn brings its original along; returns the requests of both. */
    int paraphrased(
        List<Paraphrase> pool, int count, List<Script> originals, List<Script.Echo> echoes) {
      int used = 0;
      for (Paraphrase p : shuffled(pool).subList(0, Math.min(count, pool.size()))) {
        Script original = original(p.item());
        originals.add(original);
        echoes.add(new Script.Echo(p.item(), p.text(), Script.EchoKind.PARAPHRASE, api(original)));
        used += original.requests() + 1;
      }
      return used;
    }

    /** Up to {@code count} questions of {@code set} not drawn before; returns their requests. */
    int questions(RecordedSet set, int count, List<Script> out) {
      int used = 0;
      int added = 0;
      for (RecordedItem item : shuffled(sets.items(set))) {
        if (added >= count) {
          break;
        }
        if (!drawn.contains(item.key())) {
          Script original = original(item);
          out.add(original);
          used += original.requests();
          added++;
        }
      }
      return used;
    }

    /** Word-for-word repeats of first turns asked before. */
    int repeats(int count, List<Script> originals, List<Script.Echo> echoes) {
      List<Script> askable = originals.stream()
          .filter(s -> !(s instanceof Script.AgentRun))
          .toList();
      List<Script> chosen = shuffled(askable).subList(0, Math.min(count, askable.size()));
      for (Script original : chosen) {
        RecordedItem item = item(original);
        echoes.add(new Script.Echo(item, item.prompt(), Script.EchoKind.REPEAT, api(original)));
      }
      return chosen.size();
    }

    private Script original(RecordedItem item) {
      drawn.add(item.key());
      return switch (item.set()) {
        case MT_BENCH -> new Script.TwoTurns(item);
        case ARENA -> new Script.Question(item, Api.ANTHROPIC);
        case GSM8K, MMLU_PRO -> new Script.Question(item, Api.OPENAI);
      };
    }

    /**
     * Deals the originals, longest first, each to the client with the fewest requests so far (so
     * that the agent runs spread over the clients and no client finishes far behind the
     * others), shuffles each client's queue with its agent run first (the longest chain of
     * calls starts at once), then puts each echo on its original's client, somewhere after the
     * original.
     */
    List<List<Script>> deal(List<Script> originals, List<Script.Echo> echoes, int clients) {
      List<List<Script>> queues = new ArrayList<>();
      int[] load = new int[clients];
      for (int c = 0; c < clients; c++) {
        queues.add(new ArrayList<>());
      }
      List<Script> longestFirst = shuffled(originals).stream()
          .sorted(Comparator.comparingInt(Script::requests).reversed())
          .toList();
      for (Script script : longestFirst) {
        int client = leastLoaded(load);
        queues.get(client).add(script);
        load[client] += script.requests();
      }
      List<List<Script>> mixed = new ArrayList<>();
      for (List<Script> queue : queues) {
        mixed.add(shuffled(queue).stream()
            .sorted(Comparator.comparing(script -> !(script instanceof Script.AgentRun)))
            .collect(Collectors.toCollection(ArrayList::new)));
      }
      for (Script.Echo echo : echoes) {
        insertAfterOriginal(mixed, echo);
      }
      return mixed;
    }

    private void insertAfterOriginal(List<List<Script>> queues, Script.Echo echo) {
      for (List<Script> queue : queues) {
        for (int i = 0; i < queue.size(); i++) {
          Script s = queue.get(i);
          if (!(s instanceof Script.Echo) && !(s instanceof Script.AgentRun)
              && item(s).key().equals(echo.item().key())) {
            queue.add(i + 1 + random.nextInt(queue.size() - i), echo);
            return;
          }
        }
      }
      throw new IllegalStateException("no original for echo of " + echo.item().key());
    }

    private static int leastLoaded(int[] load) {
      int best = 0;
      for (int c = 1; c < load.length; c++) {
        if (load[c] < load[best]) {
          best = c;
        }
      }
      return best;
    }

    private <T> List<T> shuffled(List<T> list) {
      List<T> copy = new ArrayList<>(list);
      for (int i = copy.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        T swap = copy.get(i);
        copy.set(i, copy.get(j));
        copy.set(j, swap);
      }
      return copy;
    }
  }

  private static RecordedItem item(Script script) {
    return switch (script) {
      case Script.Question q -> q.item();
      case Script.TwoTurns t -> t.item();
      case Script.Echo e -> e.item();
      case Script.AgentRun a -> throw new IllegalArgumentException(
          "agent run " + a.runId() + " asks no recorded question");
    };
  }

  private static Api api(Script original) {
    return original instanceof Script.Question q ? q.api() : Api.OPENAI;
  }
}
