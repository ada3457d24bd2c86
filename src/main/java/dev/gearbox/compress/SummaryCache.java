package dev.gearbox.compress;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;

/**
 * Summaries already paid for, by session and by the hash of the turns they summarise. An agent
 * session resends the same older turns on every call; the summary of a prefix is written once,
 * and a longer prefix is summarised from the summary of the longest cached prefix plus the new
 * turns, so each turn is summarised once per session. In memory, bounded, lost on restart. Two
 * calls of one session that arrive together, before either summary is stored, both pay for one:
 * agent sessions call one step at a time, so this was not worth holding calls back for.
 */
final class SummaryCache {
  private record Key(String session, String prefixHash) {}

  private final Cache<Key, String> summaries;

  SummaryCache(int maxEntries) {
    this.summaries = Caffeine.newBuilder().maximumSize(maxEntries).build();
  }

  Optional<String> find(String session, String prefixHash) {
    return Optional.ofNullable(summaries.getIfPresent(new Key(session, prefixHash)));
  }

  void put(String session, String prefixHash, String summary) {
    summaries.put(new Key(session, prefixHash), summary);
  }
}
