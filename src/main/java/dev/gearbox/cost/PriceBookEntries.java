package dev.gearbox.cost;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/** Parses one model's entry of the price book JSON. */
final class PriceBookEntries {
  private PriceBookEntries() {}

  static PriceBook.PricedModel parse(String name, JsonNode node) {
    String source = node.path("source").asText("");
    if (source.isBlank()) {
      throw new IllegalArgumentException("price of '" + name + "' names no source");
    }
    LocalDate asOf = LocalDate.parse(node.required("as_of").asText());
    return new PriceBook.PricedModel(price(name, node), source, asOf);
  }

  private static ModelPrice price(String name, JsonNode node) {
    JsonNode selfHosted = node.path("self_hosted");
    if (!selfHosted.isMissingNode()) {
      return ModelPrice.selfHosted(
          decimal(name, selfHosted, "gpu_usd_per_hour"),
          decimal(name, selfHosted, "tokens_per_second"));
    }
    BigDecimal input = decimal(name, node, "input");
    ModelPrice price =
        ModelPrice.perMillion(
            input,
            decimal(name, node, "output"),
            optional(node, "cached_input").orElse(input),
            optional(node, "cache_write").orElse(input));
    return optional(node, "reasoning").map(price::withReasoning).orElse(price);
  }

  private static BigDecimal decimal(String name, JsonNode node, String field) {
    return optional(node, field)
        .orElseThrow(
            () -> new IllegalArgumentException("price of '" + name + "' lacks " + field));
  }

  private static Optional<BigDecimal> optional(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isNumber() ? Optional.of(value.decimalValue()) : Optional.empty();
  }
}
