package dev.gearbox.cost;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.model.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Model prices, bundled in the jar ({@code prices/prices.json}) so pricing works air-gapped, and
 * overridable per model from config.
 *
 * <p>A lookup tries the name as given, then lower case, then without a provider prefix ({@code
 * openai/gpt-4o}), then without a date suffix ({@code claude-sonnet-4-5-20250929}, {@code
 * gpt-4o-2024-08-06}), so that the dated snapshot an upstream reports finds its family's price.
 * An override of the exact dated name still wins.
 */
public final class PriceBook {
  private static final String BUNDLED = "/prices/prices.json";
  private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{8}|\\d{4}-\\d{2}-\\d{2})$");

  private final LocalDate asOf;
  private final Map<String, PricedModel> models;

  /** One model's price and where it came from. */
  public record PricedModel(ModelPrice price, String source, LocalDate asOf) {}

  private PriceBook(LocalDate asOf, Map<String, PricedModel> models) {
    this.asOf = asOf;
    this.models = Map.copyOf(models);
  }

  /** The price book bundled in the jar. */
  public static PriceBook bundled() {
    try (InputStream in = PriceBook.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("the bundled price book " + BUNDLED + " is missing");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled price book", e);
    }
  }

  /**
   * Reads a price book in the bundled format.
   *
   * @throws IOException when the JSON is malformed
   * @throws IllegalArgumentException when an entry lacks a price or has a negative one
   */
  static PriceBook read(InputStream json) throws IOException {
    JsonNode root =
        new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .readTree(json);
    Map<String, PricedModel> models = new HashMap<>();
    root.required("models")
        .properties()
        .forEach(e -> models.put(e.getKey(), PriceBookEntries.parse(e.getKey(), e.getValue())));
    return new PriceBook(LocalDate.parse(root.required("as_of").asText()), models);
  }

  /** This book with the given models' prices replaced or added; their source is "config". */
  public PriceBook withOverrides(Map<String, ModelPrice> overrides) {
    Map<String, PricedModel> merged = new HashMap<>(models);
    overrides.forEach((name, price) -> merged.put(name, new PricedModel(price, "config", asOf)));
    return new PriceBook(asOf, merged);
  }

  /** The date the bundled book was assembled. */
  public LocalDate asOf() {
    return asOf;
  }

  public Optional<ModelPrice> price(String model) {
    return entry(model).map(PricedModel::price);
  }

  public Optional<PricedModel> entry(String model) {
    for (String candidate : candidates(model)) {
      PricedModel found = models.get(candidate);
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  /**
   * The exact cost of a call to {@code model} (see {@link ModelPrice#cost(Usage)}).
   *
   * @throws NoSuchElementException when the model has no price; config validation should make
   *     sure every servable model has one
   */
  public BigDecimal cost(String model, Usage usage) {
    return price(model)
        .orElseThrow(() -> new NoSuchElementException("no price for model '" + model + "'"))
        .cost(usage);
  }

  /** Every priced model name, sorted. */
  public Map<String, PricedModel> all() {
    return new TreeMap<>(models);
  }

  private static String[] candidates(String model) {
    String lower = model.toLowerCase(Locale.ROOT);
    String unprefixed = lower.substring(lower.indexOf('/') + 1);
    String undated = DATE_SUFFIX.matcher(unprefixed).replaceFirst("");
    return new String[] {model, lower, unprefixed, undated};
  }
}
