package dev.gearbox.server;

import dev.gearbox.config.ConfigException;
import dev.gearbox.config.GatewayConfig;
import dev.gearbox.embed.Embedder;
import dev.gearbox.route.Cascade;
import dev.gearbox.route.Router;
import dev.gearbox.route.RouterFile;
import dev.gearbox.route.RouterModel;
import dev.gearbox.route.RoutingPolicy;
import dev.gearbox.validate.AnswerValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing parts built from the {@code routing:} section: the policy (router, tiers, key
 * pins) and the cascade. A router loads the shared prompt embedder at start-up (to check that
 * the router was trained on its vectors); without one it is not asked for.
 */
record RoutingSetup(Optional<RoutingPolicy> policy, Cascade cascade) {
  private static final Logger LOG = LoggerFactory.getLogger(RoutingSetup.class);
  static final String BUNDLED = "bundled";

  static RoutingSetup from(GatewayConfig config, Supplier<Embedder> embedder) {
    Optional<GatewayConfig.TierRouting> tiers = config.routing().tiers();
    if (tiers.isEmpty()) {
      return new RoutingSetup(Optional.empty(),
          new Cascade(new AnswerValidator(), Optional.empty()));
    }
    GatewayConfig.TierRouting t = tiers.get();
    Optional<Router> router = t.router().map(r -> router(config, t, load(config, r),
        embedder.get()));
    RoutingPolicy policy =
        new RoutingPolicy(router, t.smallModel(), t.frontierModel(), t.keyTiers());
    return new RoutingSetup(Optional.of(policy),
        new Cascade(new AnswerValidator(), router, t.secondSample()));
  }

  private static RouterModel load(GatewayConfig config, String source) {
    try {
      return source.equals(BUNDLED) ? RouterFile.bundled() : RouterFile.read(Path.of(source));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(config.source(), List.of("routing.router: " + e.getMessage()));
    }
  }

  private static Router router(GatewayConfig config, GatewayConfig.TierRouting tiers,
      RouterModel model, Embedder embedder) {
    if (model.features().embedding() && !model.embeddingModel().equals(embedder.modelName())) {
      throw new ConfigException(config.source(), List.of("routing.router was trained on "
          + model.embeddingModel() + " embeddings; this gateway embeds with "
          + embedder.modelName() + ": retrain it with `gearbox train-router`"));
    }
    Router router = new Router(model, tiers.target(), tiers.cascadeBand());
    LOG.info(String.format(Locale.ROOT, "routing: %s vs %s, router %s (%s), target %s:"
            + " threshold %.3f (calibration: %.0f%% to the frontier, %.1f%% of its quality),"
            + " cascade band %s; reads %s", tiers.smallModel(), tiers.frontierModel(),
        tiers.router().orElseThrow(), model.trainedOn(), tiers.target().describe(),
        router.threshold().value(), 100 * router.threshold().frontierShare(),
        100 * router.threshold().qualityRatio(),
        tiers.cascadeBand().map(b -> String.format(Locale.ROOT,
            "[%s, %s] (%.0f%% of calibration requests)", b.low(), b.high(),
            100 * model.calibration().shareBetween(b.low(), b.high()))).orElse("none"),
        model.features().describe()));
    return router;
  }
}
