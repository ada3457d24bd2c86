package dev.gearbox.cache;

import dev.gearbox.testing.MutableClock;
import static dev.gearbox.cache.Answers.answer;
import static dev.gearbox.cache.Answers.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.cost.CacheStatus;
import dev.gearbox.embed.Embedder;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The semantic cache with the real embedding model. Each false-hit kind is shown with a concrete
 * pair whose cosine similarity clears the threshold, so the guard, not the threshold, is what
 * turns the hit into a miss.
 */
class SemanticCacheTest {
  /** Below the calibrated threshold, so that each pair below clears it on similarity alone. */
  private static final double THRESHOLD = 0.86;

  private static Embedder embedder;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

  @BeforeAll
  static void load() {
    embedder = Embedder.miniLm();
  }

  private TieredCache cache(TemperaturePolicy policy) {
    return TieredCache.start(new CacheSettings(Duration.ofHours(1), 1000,
            Optional.of(SemanticSettings.of(THRESHOLD, policy))), embedder.modelName(),
        embedder.dimensions(), CacheStore.none(), CacheObserver.NONE, clock);
  }

  private static CacheQuery query(ChatRequest request, String tenant) {
    String text = CacheKeys.semanticPrompt(request).orElse("");
    return Answers.query(request, tenant, CacheControl.DEFAULT, () -> embedder.embed(text));
  }

  @Test
  void aParaphrase_isASemanticHit() {
    TieredCache cache = cache(TemperaturePolicy.ANY);
    cache.store(query(ask("What is the capital of France?"), "acme"), answer("Paris"), "m", "s");

    CacheLookup lookup = cache.lookup(query(ask("What's the capital of France?"), "acme"));

    assertThat(lookup).isInstanceOf(CacheLookup.Hit.class);
    CacheLookup.Hit hit = (CacheLookup.Hit) lookup;
    assertThat(hit.status()).isEqualTo(CacheStatus.SEMANTIC_HIT);
    assertThat(hit.similarity().getAsDouble()).isGreaterThan(THRESHOLD);
  }

  static Stream<Arguments> closeNeighboursThatDiffer() {
    return Stream.of(
        Arguments.of("How much does a 3 bedroom apartment cost in Boston?",
            "How much does a 4 bedroom apartment cost in Boston?", GuardKind.NUMBERS),
        Arguments.of("How long should I boil an egg for 5 minutes?",
            "How long should I boil an egg for 5 hours?", GuardKind.UNITS),
        Arguments.of("How many miles is 5 km?",
            "How many km is 5 miles?", GuardKind.UNITS),
        Arguments.of("What is the weather forecast for Paris tomorrow?",
            "What is the weather forecast for Paris today?", GuardKind.DATES),
        Arguments.of("How do I install Python on Windows?",
            "How do I install Python on Ubuntu?", GuardKind.ENTITIES),
        Arguments.of("What does the error ECONNREFUSED mean in Node?",
            "What does the error ECONNRESET mean in Node?", GuardKind.ENTITIES),
        Arguments.of("How do I turn on the living room lights?",
            "How do I turn off the living room lights?", GuardKind.NEGATION),
        Arguments.of("Is it safe to eat raw eggs?",
            "Is it not safe to eat raw eggs?", GuardKind.NEGATION));
  }

  @ParameterizedTest(name = "{2}: {0} / {1}")
  @MethodSource("closeNeighboursThatDiffer")
  void aCloseNeighbourThatDiffersInKind_isRefused(String cached, String asked, GuardKind kind) {
    TieredCache cache = cache(TemperaturePolicy.ANY);
    cache.store(query(ask(cached), "acme"), answer("cached answer"), "m", "s");

    double cosine = Embedder.cosine(embedder.embed(cached), embedder.embed(asked));
    CacheLookup lookup = cache.lookup(query(ask(asked), "acme"));

    assertThat(cosine).as("similarity clears the threshold").isGreaterThanOrEqualTo(THRESHOLD);
    assertThat(lookup).isEqualTo(new CacheLookup.Miss(Optional.of(kind)));
  }

  @Test
  void theSameQuestion_afterADifferentEarlierTurn_isNotServed() {
    TieredCache cache = cache(TemperaturePolicy.ANY);
    ChatRequest afterFrance = ChatRequest.of("auto", List.of(
        Message.text(Role.USER, "What is the capital of France?"),
        Message.assistant("Paris.", List.of()),
        Message.text(Role.USER, "How many people live there?")));
    ChatRequest afterSpain = ChatRequest.of("auto", List.of(
        Message.text(Role.USER, "What is the capital of Spain?"),
        Message.assistant("Madrid.", List.of()),
        Message.text(Role.USER, "How many people live there?")));
    cache.store(query(afterFrance, "acme"), answer("About 2.1 million."), "m", "s");

    assertThat(cache.lookup(query(afterSpain, "acme")))
        .isEqualTo(new CacheLookup.Miss(Optional.empty()));
  }

  @Test
  void anotherTenantsParaphrase_isNeverServed() {
    TieredCache cache = cache(TemperaturePolicy.ANY);
    cache.store(query(ask("What is the capital of France?"), "acme"), answer("Paris"), "m", "s");

    assertThat(cache.lookup(query(ask("What's the capital of France?"), "globex")))
        .isInstanceOf(CacheLookup.Miss.class);
  }

  @Test
  void zeroOnlyPolicy_servesNeighboursOnlyAtTemperatureZero() {
    TieredCache cache = cache(TemperaturePolicy.ZERO_ONLY);
    cache.store(query(Answers.atTemperature(ask("What is the capital of France?"), 0), "acme"),
        answer("Paris"), "m", "s");
    cache.store(query(Answers.atTemperature(ask("Name a French cheese"), 0.8), "acme"),
        answer("Brie"), "m", "s");

    assertThat(cache.lookup(query(
        Answers.atTemperature(ask("What's the capital of France?"), 0), "acme")))
        .isInstanceOf(CacheLookup.Hit.class);
    assertThat(cache.lookup(query(
        Answers.atTemperature(ask("Name one French cheese"), 0.8), "acme")))
        .isInstanceOf(CacheLookup.Miss.class);
    assertThat(cache.semanticSize()).isEqualTo(1);
  }

  @Test
  void aToolCallingAnswer_servesExactRepeatsOnly() {
    TieredCache cache = cache(TemperaturePolicy.ANY);
    cache.store(query(ask("What's the weather in Oslo right now?"), "acme"), Answers.toolCall(),
        "m", "s");

    assertThat(cache.lookup(query(ask("What's the weather in Oslo right now?"), "acme")))
        .isInstanceOf(CacheLookup.Hit.class);
    assertThat(cache.lookup(query(ask("What is the weather in Oslo right now?"), "acme")))
        .isInstanceOf(CacheLookup.Miss.class);
  }

  @Test
  void aPromptLongerThanTheModelReads_isNotLookedUpSemantically() {
    TieredCache cache = cache(TemperaturePolicy.ANY);
    String shared = "Please review the following paragraph for grammar. ".repeat(9);
    cache.store(query(ask(shared + "The cat sat."), "acme"), answer("Fine."), "m", "s");

    assertThat(cache.lookup(query(ask(shared + "The dog ran."), "acme")))
        .isEqualTo(new CacheLookup.Miss(Optional.empty()));
    assertThat(cache.semanticSize()).isZero();
  }

  @Test
  void aStoredVectorOfAnotherModel_servesExactRepeatsOnly() {
    CachedAnswer foreign = new CachedAnswer("k", "acme", "public", Optional.of("scope"),
        Optional.of("q"), Optional.of(new float[embedder.dimensions()]), "another-model",
        answer("a"), "m", "s", clock.instant(), clock.instant().plusSeconds(60));
    MemoryStore store = new MemoryStore(List.of(foreign));

    TieredCache cache = TieredCache.start(new CacheSettings(Duration.ofHours(1), 10,
            Optional.of(SemanticSettings.of(THRESHOLD, TemperaturePolicy.ANY))),
        embedder.modelName(), embedder.dimensions(), store, CacheObserver.NONE, clock);

    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.semanticSize()).isZero();
  }
}
