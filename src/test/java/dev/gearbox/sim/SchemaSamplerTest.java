package dev.gearbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.wire.Json;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SchemaSamplerTest {
  private static JsonNode schema(String json) throws Exception {
    return Json.MAPPER.readTree(json);
  }

  private static JsonNode sample(String json, long seed) throws Exception {
    return SchemaSampler.sample(schema(json), new SplittableRandom(seed), () -> "in Paris today");
  }

  @Test
  void object_getsEveryRequiredPropertyWithItsType() throws Exception {
    String weather =
        """
        {"type":"object","properties":{
          "city":{"type":"string"},
          "days":{"type":"integer","minimum":1,"maximum":7},
          "unit":{"type":"string","enum":["celsius","fahrenheit"]},
          "detailed":{"type":"boolean"},
          "note":{"type":"string"}},
         "required":["city","days","unit","detailed"]}\
        """;

    for (long seed = 0; seed < 20; seed++) {
      JsonNode value = sample(weather, seed);

      assertThat(value.get("city").isTextual()).isTrue();
      assertThat(value.get("days").asInt()).isBetween(1, 7);
      assertThat(value.get("days").isIntegralNumber()).isTrue();
      assertThat(value.get("unit").asText()).isIn("celsius", "fahrenheit");
      assertThat(value.get("detailed").isBoolean()).isTrue();
      assertThat(value.has("note")).isFalse();
    }
  }

  @Test
  void sameSeed_givesTheSameValue() throws Exception {
    String s =
        "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\"}},\"required\":[\"n\"]}";

    assertThat(sample(s, 9)).isEqualTo(sample(s, 9));
  }

  @Test
  void nestedArraysRefsAndNullableTypes_conform() throws Exception {
    String order =
        """
        {"type":"object","$defs":{"item":{"type":"object",
            "properties":{"sku":{"type":"string","minLength":12},
                          "qty":{"type":"integer","exclusiveMinimum":0}},
            "required":["sku","qty"]}},
         "properties":{
           "items":{"type":"array","items":{"$ref":"#/$defs/item"},"minItems":2},
           "coupon":{"type":["string","null"],"maxLength":5},
           "when":{"type":"string","format":"date-time"},
           "kind":{"const":"order"},
           "price":{"anyOf":[{"type":"null"},{"type":"number","minimum":10,"maximum":20}]}},
         "required":["items","coupon","when","kind","price"]}\
        """;

    JsonNode value = sample(order, 3);

    assertThat(value.get("items").size()).isGreaterThanOrEqualTo(2);
    value
        .get("items")
        .forEach(
            item -> {
              assertThat(item.get("sku").asText().length()).isGreaterThanOrEqualTo(12);
              assertThat(item.get("qty").asInt()).isPositive();
            });
    assertThat(value.get("coupon").asText().length()).isLessThanOrEqualTo(5);
    assertThat(value.get("when").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(value.get("kind").asText()).isEqualTo("order");
    assertThat(value.get("price").asDouble()).isBetween(10.0, 20.0);
  }

  @Test
  void objectWithoutRequired_getsAllItsProperties() throws Exception {
    JsonNode value =
        sample("{\"properties\":{\"q\":{\"type\":\"string\"},\"k\":{\"type\":\"integer\"}}}", 1);

    assertThat(value.has("q")).isTrue();
    assertThat(value.has("k")).isTrue();
  }

  @Test
  void allOf_mergesTheBranches() throws Exception {
    JsonNode value =
        sample(
            """
            {"allOf":[{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]},
                      {"properties":{"b":{"type":"boolean"}},"required":["b"]}]}\
            """,
            2);

    assertThat(value.get("a").isTextual()).isTrue();
    assertThat(value.get("b").isBoolean()).isTrue();
  }
}
