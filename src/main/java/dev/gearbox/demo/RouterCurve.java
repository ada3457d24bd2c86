package dev.gearbox.demo;

import dev.gearbox.config.GatewayConfig;
import dev.gearbox.cost.LedgerEntry;
import dev.gearbox.cost.PriceBook;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.embed.Embedder;
import dev.gearbox.eval.Outcomes;
import dev.gearbox.eval.RoutingCurve;
import dev.gearbox.gateway.Accounting;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.Usage;
import dev.gearbox.report.Marker;
import dev.gearbox.report.Point;
import dev.gearbox.report.Series;
import dev.gearbox.report.SeriesStyle;
import dev.gearbox.report.XyChart;
import dev.gearbox.route.PromptTraits;
import dev.gearbox.route.PromptVector;
import dev.gearbox.route.Router;
import dev.gearbox.route.RouterFile;
import dev.gearbox.route.RouterModel;
import dev.gearbox.sim.RecordedAnswer;
import dev.gearbox.sim.RecordedSet;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The router's cost-quality curve on the run's own questions: what every threshold would have
 * cost and scored on the single-turn questions a model answered (GSM8K, Arena, MT-Bench first
 * turns), with the configured threshold and the run's measured point marked. The curve itself
 * is the evaluation's {@link RoutingCurve}.
 *
 * <p>Each question is scored by the gateway's router as the gateway scores it (the embedding of
 * the last user message, and the prompt's traits); both tiers' quality is their recorded outcome
 * (grades scaled to 0-1); both tiers' cost is the question's prompt tokens (from the ledger) and
 * the tier's recorded answer (its tokens, or its length in characters over four where only the
 * length is recorded) at the bundled prices. The run's own point can sit off the curve: the
 * cascade sends unsure questions to the small tier first and escalates some of them.
 */
final class RouterCurve {
  private static final TokenCounter TOKENS = TokenCounter.cl100k();

  private RouterCurve() {}

  /** One question of the curve, and what the run actually paid and scored on it. */
  private record Question(double score, double smallQuality, double frontierQuality,
      double smallCost, double frontierCost, double runCost, double runQuality) {}

  /** The chart, when the gateway routes with a learned router and the run has questions. */
  static Optional<XyChart> chart(RunData run, GatewayConfig config, QualityScorer scorer) {
    Optional<GatewayConfig.TierRouting> tiers = config.routing().tiers();
    if (tiers.isEmpty() || tiers.get().router().isEmpty()) {
      return Optional.empty();
    }
    GatewayConfig.TierRouting t = tiers.get();
    Router router = new Router(load(t.router().get()), t.target(), t.cascadeBand());
    List<Question> questions = questions(run, config, t, router, scorer);
    if (questions.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(chart(questions, router.threshold().value()));
  }

  private static List<Question> questions(RunData run, GatewayConfig config,
      GatewayConfig.TierRouting tiers, Router router, QualityScorer scorer) {
    Prices prices = new Prices(config, tiers);
    Embedder embedder = Embedder.miniLm();
    List<Question> questions = new ArrayList<>();
    for (CallRecord call : run.calls()) {
      Optional<LedgerEntry> entry = run.entry(call);
      Route route = run.route(call);
      if (entry.isEmpty() || call.asked().isEmpty() || call.asked().get().turn() != 0
          || (route != Route.SMALL && route != Route.FRONTIER)) {
        continue;
      }
      ItemTurn asked = call.asked().get();
      Optional<ScoredAnswer> served =
          scorer.score(asked, call.servedModel().orElse(""), call.answerText());
      Optional<ScoredAnswer> small = scorer.score(asked, tiers.smallModel(), Optional.empty());
      if (served.isEmpty() || small.isEmpty()) {
        continue;
      }
      double scale = asked.item().set() == RecordedSet.GSM8K ? 1 : 10;
      ChatRequest request =
          ChatRequest.of("auto", List.of(Message.text(Role.USER, asked.prompt())));
      double score = router.score(asked.prompt(), PromptTraits.of(request),
          () -> PromptVector.of(embedder, asked.prompt())).score();
      long prompt = entry.get().usage().inputTokens();
      questions.add(new Question(score, small.get().routed() / scale,
          small.get().frontier() / scale,
          prices.small(prompt, scorer.answer(asked, tiers.smallModel())),
          prices.frontier(prompt, scorer.answer(asked, tiers.frontierModel())),
          entry.get().costUsd().doubleValue(), served.get().routed() / scale));
    }
    return questions;
  }

  private static XyChart chart(List<Question> questions, double threshold) {
    int n = questions.size();
    double[] scores = questions.stream().mapToDouble(Question::score).toArray();
    Outcomes outcomes = new Outcomes(
        questions.stream().mapToDouble(Question::smallQuality).toArray(),
        questions.stream().mapToDouble(Question::frontierQuality).toArray(),
        questions.stream().mapToDouble(Question::smallCost).toArray(),
        questions.stream().mapToDouble(Question::frontierCost).toArray());
    double runCost = questions.stream().mapToDouble(Question::runCost).sum();
    double runQuality = questions.stream().mapToDouble(Question::runQuality).sum();
    RoutingCurve curve = RoutingCurve.of(scores, outcomes, RoutingCurve.Mode.ROUTE);
    double frontierQuality = curve.frontierQuality();
    List<Point> points = curve.points().stream()
        .map(p -> new Point(100 * p.costShare(), 100 * p.quality() / frontierQuality))
        .toList();
    double share = (double) questions.stream().filter(q -> q.score() < threshold).count() / n;
    Point chosen = curve.points().stream().filter(p -> p.frontierShare() >= share).findFirst()
        .map(p -> new Point(100 * p.costShare(), 100 * p.quality() / frontierQuality))
        .orElse(points.getLast());
    Point measured = new Point(100 * runCost / outcomes.totalFrontierCost(),
        100 * runQuality / n / frontierQuality);
    return new XyChart("cost-quality", "Cost against quality for every routing threshold",
        "The " + n + " single-turn questions of this run that a model answered, each scored"
            + " by the gateway's router: at threshold t, those scored below t go to the frontier"
            + " tier. Quality is the recorded outcome, cost each tier's recorded answer at the"
            + " bundled prices, both as a share of all-frontier. The dashed line is random"
            + " routing.",
        "cost, % of all-frontier", "quality, % of all-frontier",
        List.of(Series.line("router, every threshold", points),
            Series.line("random routing", List.of(points.getFirst(), points.getLast()))
                .withStyle(SeriesStyle.DASHED)),
        List.of(new Marker(String.format(Locale.ROOT, "configured threshold %.3f", threshold),
                chosen),
            new Marker("this run (cascade included)", measured)));
  }

  private static RouterModel load(String source) {
    return source.equals("bundled") ? RouterFile.bundled() : RouterFile.read(Path.of(source));
  }

  /** Prices a question's prompt and a recorded answer on either tier. */
  private static final class Prices {
    private final PriceBook book;
    private final String small;
    private final String frontier;

    Prices(GatewayConfig config, GatewayConfig.TierRouting tiers) {
      this.book = PriceBook.bundled().withOverrides(config.priceOverrides());
      this.small = Accounting.priceKey(book, config.model(tiers.smallModel()).orElseThrow());
      this.frontier =
          Accounting.priceKey(book, config.model(tiers.frontierModel()).orElseThrow());
    }

    double small(long promptTokens, Optional<RecordedAnswer> answer) {
      return cost(small, promptTokens, answer);
    }

    double frontier(long promptTokens, Optional<RecordedAnswer> answer) {
      return cost(frontier, promptTokens, answer);
    }

    private double cost(String model, long promptTokens, Optional<RecordedAnswer> answer) {
      BigDecimal usd = book.cost(model, Usage.counted(promptTokens, tokens(answer)));
      return usd.doubleValue();
    }

    private static long tokens(Optional<RecordedAnswer> answer) {
      return answer.map(a -> a.text().map(text -> (long) TOKENS.count(text))
          .orElse((long) a.lengthChars() / 4)).orElse(0L);
    }
  }
}
