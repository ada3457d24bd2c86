package dev.gearbox.cache;

import dev.gearbox.testing.MutableClock;
import static dev.gearbox.cache.Answers.answer;
import static dev.gearbox.cache.Answers.ask;
import static dev.gearbox.cache.Answers.exactQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.cost.CacheStatus;
import dev.gearbox.model.FinishReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exact cache alone (semantic off): no lookup here ever needs an embedding. */
class ExactCacheTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final RecordingObserver observer = new RecordingObserver();
  private final TieredCache cache = TieredCache.start(
      new CacheSettings(Duration.ofHours(1), 100, Optional.empty()), "none", 1,
      CacheStore.none(), observer, clock);

  @Test
  void aRepeatedRequest_isAnExactHit_withTheWholeAnswer() {
    cache.store(exactQuery(ask("What is 2+2?"), "acme"), answer("4"), "sim-small", "small");

    CacheLookup lookup = cache.lookup(exactQuery(ask("What is 2+2?"), "acme"));

    assertThat(lookup).isInstanceOf(CacheLookup.Hit.class);
    CacheLookup.Hit hit = (CacheLookup.Hit) lookup;
    assertThat(hit.status()).isEqualTo(CacheStatus.EXACT_HIT);
    assertThat(hit.answer().response()).isEqualTo(answer("4"));
    assertThat(hit.answer().servedModel()).isEqualTo("sim-small");
    assertThat(observer.seen()).contains("exact/hit");
  }

  @Test
  void anotherTenant_neverReceivesTheEntry() {
    cache.store(exactQuery(ask("What is our refund policy?"), "acme"), answer("30 days"),
        "sim-small", "small");

    assertThat(cache.lookup(exactQuery(ask("What is our refund policy?"), "globex")))
        .isInstanceOf(CacheLookup.Miss.class);
  }

  @Test
  void aRestrictedRequest_neverSeesAPublicEntry_norThePublicARestrictedOne() {
    CacheControl restricted = new CacheControl(CacheDirective.USE, "restricted");
    cache.store(exactQuery(ask("Summarise the Q3 numbers"), "acme"), answer("public"),
        "sim-small", "small");
    cache.store(Answers.query(ask("Summarise the board memo"), "acme", restricted,
        Answers.NEVER_EMBEDS), answer("secret"), "sim-small", "small");

    assertThat(cache.lookup(Answers.query(ask("Summarise the Q3 numbers"), "acme", restricted,
        Answers.NEVER_EMBEDS))).isInstanceOf(CacheLookup.Miss.class);
    assertThat(cache.lookup(exactQuery(ask("Summarise the board memo"), "acme")))
        .isInstanceOf(CacheLookup.Miss.class);
  }

  @Test
  void anEntry_expiresAfterItsTtl() {
    cache.store(exactQuery(ask("What time zone is Oslo in?"), "acme"), answer("CET"),
        "sim-small", "small");
    clock.advance(Duration.ofMinutes(59));
    assertThat(cache.lookup(exactQuery(ask("What time zone is Oslo in?"), "acme")))
        .isInstanceOf(CacheLookup.Hit.class);

    clock.advance(Duration.ofMinutes(2));

    assertThat(cache.lookup(exactQuery(ask("What time zone is Oslo in?"), "acme")))
        .isInstanceOf(CacheLookup.Miss.class);
  }

  @Test
  void theCache_staysWithinItsSizeBound() {
    TieredCache small = TieredCache.start(
        new CacheSettings(Duration.ofHours(1), 3, Optional.empty()), "none", 1,
        CacheStore.none(), CacheObserver.NONE, clock);
    for (int i = 0; i < 20; i++) {
      small.store(exactQuery(ask("question " + i), "acme"), answer("answer " + i), "m", "small");
    }

    assertThat(small.size()).isLessThanOrEqualTo(3);
  }

  @Test
  void anAnswerCutAtMaxTokens_isNotStored() {
    cache.store(exactQuery(ask("Write an essay"), "acme"),
        answer("The history of", FinishReason.LENGTH), "sim-small", "small");
    cache.store(exactQuery(ask("Write a limerick"), "acme"),
        answer("", FinishReason.CONTENT_FILTER), "sim-small", "small");

    assertThat(cache.lookup(exactQuery(ask("Write an essay"), "acme")))
        .isInstanceOf(CacheLookup.Miss.class);
    assertThat(cache.lookup(exactQuery(ask("Write a limerick"), "acme")))
        .isInstanceOf(CacheLookup.Miss.class);
  }

  @Test
  void off_neitherReadsNorWrites() {
    CacheControl off = CacheControl.of(CacheDirective.OFF);
    cache.store(Answers.query(ask("ping"), "acme", off, Answers.NEVER_EMBEDS), answer("pong"),
        "m", "small");

    assertThat(cache.lookup(exactQuery(ask("ping"), "acme"))).isInstanceOf(CacheLookup.Miss.class);
    cache.store(exactQuery(ask("ping"), "acme"), answer("pong"), "m", "small");
    assertThat(cache.lookup(Answers.query(ask("ping"), "acme", off, Answers.NEVER_EMBEDS)))
        .isInstanceOf(CacheLookup.Bypass.class);
    assertThat(observer.seen()).contains("exact/bypass");
  }

  @Test
  void refresh_skipsTheLookup_andReplacesTheEntry() {
    CacheControl refresh = CacheControl.of(CacheDirective.REFRESH);
    cache.store(exactQuery(ask("Latest release?"), "acme"), answer("1.0"), "m", "small");

    assertThat(cache.lookup(Answers.query(ask("Latest release?"), "acme", refresh,
        Answers.NEVER_EMBEDS))).isInstanceOf(CacheLookup.Bypass.class);
    cache.store(Answers.query(ask("Latest release?"), "acme", refresh, Answers.NEVER_EMBEDS),
        answer("2.0"), "m", "small");

    CacheLookup.Hit hit =
        (CacheLookup.Hit) cache.lookup(exactQuery(ask("Latest release?"), "acme"));
    assertThat(hit.answer().response().first().message().text()).isEqualTo("2.0");
  }

  @Test
  void only_readsButNeverWrites() {
    CacheControl only = CacheControl.of(CacheDirective.ONLY);
    cache.store(Answers.query(ask("Define idempotent"), "acme", only, Answers.NEVER_EMBEDS),
        answer("Same result when repeated."), "m", "small");

    assertThat(cache.lookup(Answers.query(ask("Define idempotent"), "acme", only,
        Answers.NEVER_EMBEDS))).isInstanceOf(CacheLookup.Miss.class);
  }

  @Test
  void directiveHeader_acceptsTheThreeValues_andRefusesOthers() {
    assertThat(CacheDirective.parse(Optional.empty())).isEqualTo(CacheDirective.USE);
    assertThat(CacheDirective.parse(Optional.of(" Off "))).isEqualTo(CacheDirective.OFF);
    assertThat(CacheDirective.parse(Optional.of("refresh"))).isEqualTo(CacheDirective.REFRESH);
    assertThat(CacheDirective.parse(Optional.of("only"))).isEqualTo(CacheDirective.ONLY);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> CacheDirective.parse(Optional.of("sometimes")))
        .hasMessageContaining("off, refresh or only");
  }
}
