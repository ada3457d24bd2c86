package dev.gearbox.cache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every lookup as "kind/result". */
final class RecordingObserver implements CacheObserver {
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @Override
  public void lookup(String kind, String result) {
    seen.add(kind + "/" + result);
  }

  List<String> seen() {
    return List.copyOf(seen);
  }
}
