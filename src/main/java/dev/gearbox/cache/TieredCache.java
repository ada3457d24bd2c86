package dev.gearbox.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.gearbox.cost.CacheStatus;
import dev.gearbox.model.ChatResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exact cache and the semantic cache over one set of entries. Caffeine holds the entries,
 * bounds their number (W-TinyLFU eviction keeps the ones that are asked for) and expires each at
 * its own time; the {@link SemanticIndex} holds the prompt vectors of the entries that may serve
 * neighbours, and follows every removal; the {@link CacheStore} keeps them across restarts.
 *
 * <p>An exact hit needs the same namespace (tenant, data label) and the same request in every
 * part that changes the answer. A semantic hit needs the same scope (namespace and the whole
 * request but the last user message), a prompt vector at least {@code threshold} similar, and the
 * consent of every {@link FalseHitGuards false-hit guard}; a refusal is a miss.
 */
public final class TieredCache implements ResponseCache {
  private static final Logger LOG = LoggerFactory.getLogger(TieredCache.class);
  /** How far back a sync looks past the last one, for replicas whose clocks disagree a little. */
  static final Duration SYNC_OVERLAP = Duration.ofMinutes(1);

  private final CacheSettings settings;
  private final String embeddingModel;
  private final SemanticIndex index;
  private final CacheStore store;
  private final CacheObserver observer;
  private final Clock clock;
  private final Cache<String, CachedAnswer> entries;
  private Instant lastSync;

  private TieredCache(CacheSettings settings, String embeddingModel, int dimensions,
      CacheStore store, CacheObserver observer, Clock clock) {
    this.settings = settings;
    this.embeddingModel = embeddingModel;
    this.index = new SemanticIndex(dimensions);
    this.store = store;
    this.observer = observer;
    this.clock = clock;
    this.entries = Caffeine.newBuilder()
        .maximumSize(settings.maxEntries())
        .expireAfter(new UntilExpiry(clock))
        .ticker(() -> nanos(clock.instant()))
        .executor(Runnable::run)
        .removalListener(this::removed)
        .build();
    this.lastSync = clock.instant();
  }

  /**
   * A cache with the entries {@code store} still holds (unexpired, newest first, up to the size
   * bound) already loaded.
   *
   * @param embeddingModel the name of the embedder whose vectors the queries carry; stored vectors
   *     of another model are dropped on load (their entries still serve exact repeats)
   * @param dimensions the embedder's vector length
   */
  public static TieredCache start(CacheSettings settings, String embeddingModel, int dimensions,
      CacheStore store, CacheObserver observer, Clock clock) {
    TieredCache cache =
        new TieredCache(settings, embeddingModel, dimensions, store, observer, clock);
    Instant now = clock.instant();
    store.purgeExpired(now);
    List<CachedAnswer> loaded = store.live(now, settings.maxEntries());
    loaded.forEach(cache::admit);
    LOG.info("response cache: {} entries loaded ({} semantic), ttl {}, at most {} entries",
        loaded.size(), cache.index.size(), settings.ttl(), settings.maxEntries());
    return cache;
  }

  @Override
  public CacheLookup lookup(CacheQuery query) {
    if (!query.control().directive().reads()) {
      observer.lookup("exact", "bypass");
      return new CacheLookup.Bypass();
    }
    CacheKey key = query.key();
    CachedAnswer exact = entries.getIfPresent(key.exact());
    if (exact != null) {
      observer.lookup("exact", "hit");
      return new CacheLookup.Hit(exact, CacheStatus.EXACT_HIT, OptionalDouble.empty());
    }
    observer.lookup("exact", "miss");
    return semanticLookup(query, key);
  }

  private CacheLookup semanticLookup(CacheQuery query, CacheKey key) {
    Optional<SemanticSettings> semantic = semanticFor(query, key);
    if (semantic.isEmpty()) {
      observer.lookup("semantic", "skipped");
      return new CacheLookup.Miss(Optional.empty());
    }
    String prompt = key.promptText().orElseThrow();
    List<Neighbour> near = index.nearest(key.scope().orElseThrow(), query.promptVector().get(),
        semantic.get().threshold(), semantic.get().neighbours());
    Optional<GuardKind> refusal = Optional.empty();
    for (Neighbour neighbour : near) {
      CachedAnswer candidate = entries.getIfPresent(neighbour.key());
      if (candidate == null || candidate.promptText().isEmpty()) {
        continue;
      }
      Optional<GuardKind> refused =
          FalseHitGuards.refusal(prompt, candidate.promptText().get());
      if (refused.isEmpty()) {
        observer.lookup("semantic", "hit");
        return new CacheLookup.Hit(candidate, CacheStatus.SEMANTIC_HIT,
            OptionalDouble.of(neighbour.similarity()));
      }
      refusal = refusal.or(() -> refused);
    }
    observer.lookup("semantic", refusal.map(g -> "refused_" + g.label()).orElse("miss"));
    return new CacheLookup.Miss(refusal);
  }

  /** The semantic settings, when they apply to this request at all. */
  private Optional<SemanticSettings> semanticFor(CacheQuery query, CacheKey key) {
    return settings.semantic()
        .filter(s -> key.scope().isPresent())
        .filter(s -> key.promptText().get().length() <= s.maxPromptChars())
        .filter(s -> s.temperaturePolicy().allows(query.request().sampling()));
  }

  @Override
  public void store(CacheQuery query, ChatResponse response, String servedModel, String tier) {
    if (!query.control().directive().writes() || !Cacheability.storable(response)) {
      return;
    }
    CacheKey key = query.key();
    boolean semantic = semanticFor(query, key).isPresent()
        && Cacheability.servesNeighbours(response);
    Instant now = clock.instant();
    CachedAnswer answer = new CachedAnswer(key.exact(), query.tenant(),
        query.control().dataLabel(), key.scope(), key.promptText(),
        semantic ? Optional.of(query.promptVector().get()) : Optional.empty(), embeddingModel,
        response, servedModel, tier, now, now.plus(settings.ttl()));
    admit(semantic ? answer : answer.exactOnly());
    store.save(semantic ? answer : answer.exactOnly());
  }

  /** Puts an entry in memory (and its vector in the index), replacing one with its key. */
  private void admit(CachedAnswer answer) {
    CachedAnswer usable = usableVector(answer) ? answer : answer.exactOnly();
    entries.put(usable.key(), usable);
    if (usable.isSemantic()) {
      index.put(usable.scope().get(), usable.key(), usable.vector().get());
    } else {
      answer.scope().ifPresent(scope -> index.remove(scope, answer.key()));
    }
  }

  private boolean usableVector(CachedAnswer answer) {
    return answer.vector().isPresent()
        && settings.semantic().isPresent()
        && answer.embeddingModel().equals(embeddingModel)
        && answer.vector().get().length == index.dimensions();
  }

  /**
   * Takes in the entries other replicas stored since the last sync (on a shared database). Entries
   * already held with the same or a later creation time are left as they are.
   */
  public synchronized void syncFromStore() {
    Instant now = clock.instant();
    List<CachedAnswer> fresh = store.createdSince(lastSync.minus(SYNC_OVERLAP), now);
    lastSync = now;
    for (CachedAnswer answer : fresh) {
      CachedAnswer held = entries.getIfPresent(answer.key());
      if (held == null || held.createdAt().isBefore(answer.createdAt())) {
        admit(answer);
      }
    }
  }

  /** Entries in memory (after pending expiries and evictions are applied). */
  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  int semanticSize() {
    entries.cleanUp();
    return index.size();
  }

  /** Waits until every entry stored so far is in the persistent store. */
  public void flush() {
    store.flush();
  }

  @Override
  public void close() {
    store.close();
  }

  private void removed(String key, CachedAnswer answer, RemovalCause cause) {
    if (answer == null || cause == RemovalCause.REPLACED) {
      return;
    }
    answer.scope().ifPresent(scope -> index.remove(scope, key));
    if (cause == RemovalCause.SIZE || cause == RemovalCause.EXPIRED) {
      store.delete(key);
    }
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /** Each entry expires at its own {@code expiresAt}, also when loaded long after it was made. */
  private record UntilExpiry(Clock clock) implements Expiry<String, CachedAnswer> {
    @Override
    public long expireAfterCreate(String key, CachedAnswer answer, long currentTime) {
      return Math.max(0, nanos(answer.expiresAt()) - nanos(clock.instant()));
    }

    @Override
    public long expireAfterUpdate(
        String key, CachedAnswer answer, long currentTime, long currentDuration) {
      return expireAfterCreate(key, answer, currentTime);
    }

    @Override
    public long expireAfterRead(
        String key, CachedAnswer answer, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
