package dev.gearbox.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The recorded sets bundled with Gearbox, loaded from the class path on first use of each set and
 * then held for the life of the process (MMLU-Pro, the largest, is about 12k items and loads in
 * well under a second). Thread-safe.
 *
 * <p>Model names are canonical across sets ({@link #canonicalModel}); {@link #modelIn} also
 * applies the documented stand-ins, so "gpt-4-1106-preview" finds gpt-4o's outcomes in MMLU-Pro.
 * The simulator, the router's training and the evaluation all read the data through here.
 */
public final class RecordedSets {
  private static final RecordedSets BUNDLED = new RecordedSets(RecordedSets::loadBundled);

  private final Function<RecordedSet, List<RecordedItem>> loader;
  private final Map<RecordedSet, Loaded> loaded = new ConcurrentHashMap<>();

  /** One set's items, indexed. */
  private record Loaded(
      List<RecordedItem> items, Map<String, RecordedItem> byId, Map<String, String> models) {}

  RecordedSets(Function<RecordedSet, List<RecordedItem>> loader) {
    this.loader = loader;
  }

  /** The sets in this jar. */
  public static RecordedSets bundled() {
    return BUNDLED;
  }

  /** Every item of {@code set}, in the set's own order. */
  public List<RecordedItem> items(RecordedSet set) {
    return load(set).items();
  }

  public Optional<RecordedItem> item(RecordedSet set, String id) {
    return Optional.ofNullable(load(set).byId().get(id));
  }

  /** The canonical names of the models with at least one answer or outcome in {@code set}. */
  public Set<String> models(RecordedSet set) {
    return new TreeSet<>(load(set).models().values());
  }

  /** Every model of every set, by canonical name. */
  public Set<String> allModels() {
    Set<String> all = new TreeSet<>();
    for (RecordedSet set : RecordedSet.values()) {
      all.addAll(models(set));
    }
    return all;
  }

  /**
   * The name under which {@code model} (any case, canonical or upstream spelling) has answers in
   * {@code set}: itself, or its stand-in when the set lacks it; empty when neither is there.
   */
  public Optional<String> modelIn(RecordedSet set, String model) {
    Map<String, String> models = load(set).models();
    String canonical = canonicalModel(model);
    Optional<String> direct = Optional.ofNullable(models.get(canonical.toLowerCase(Locale.ROOT)));
    if (direct.isPresent()) {
      return direct;
    }
    return ModelNames.standIn(set, canonical)
        .map(standIn -> models.get(standIn.toLowerCase(Locale.ROOT)));
  }

  /** Whether any set has answers or outcomes of {@code model} (or of its stand-in). */
  public boolean isRecorded(String model) {
    for (RecordedSet set : RecordedSet.values()) {
      if (modelIn(set, model).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** The canonical spelling of a recorded model's name (see {@code data/README.md}). */
  public static String canonicalModel(String upstreamName) {
    return ModelNames.canonical(upstreamName);
  }

  private Loaded load(RecordedSet set) {
    return loaded.computeIfAbsent(set, s -> index(loader.apply(s)));
  }

  private static Loaded index(List<RecordedItem> items) {
    Map<String, RecordedItem> byId = new LinkedHashMap<>();
    Map<String, String> models = new LinkedHashMap<>();
    for (RecordedItem item : items) {
      byId.putIfAbsent(item.id(), item);
      item.models().forEach(m -> models.putIfAbsent(m.toLowerCase(Locale.ROOT), m));
    }
    return new Loaded(List.copyOf(items), Map.copyOf(byId), Map.copyOf(models));
  }

  private static List<RecordedItem> loadBundled(RecordedSet set) {
    return switch (set) {
      case GSM8K -> Gsm8kData.load();
      case MT_BENCH -> MtBenchData.load();
      case ARENA -> ArenaData.load();
      case MMLU_PRO -> MmluProData.load();
    };
  }
}
