package dev.gearbox.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.cost.Counterfactual;
import dev.gearbox.cost.UsdText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An audit record body as it is shown to a person or a client (never as it is hashed): every
 * {@code *_usd} amount, wherever it sits, as a plain decimal string ({@link UsdText}), and
 * {@code saved_usd} as {@code counterfactual_usd - cost_usd}, which records written before a
 * saving could be negative hold clamped at zero. The stored record is left as it is; its hash
 * covers it as written.
 */
public final class ReadableRecord {
  private static final String SUFFIX = "_usd";

  private ReadableRecord() {}

  public static JsonNode of(JsonNode body) {
    JsonNode copy = body.deepCopy();
    money(copy);
    if (copy instanceof ObjectNode object && object.has("cost_usd")
        && object.has("counterfactual_usd")) {
      BigDecimal saved = Counterfactual.saved(amount(object.get("cost_usd")),
          amount(object.get("counterfactual_usd")));
      object.put("saved_usd", UsdText.plain(saved));
    }
    return copy;
  }

  private static void money(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
      for (Map.Entry<String, JsonNode> field : fields) {
        JsonNode value = field.getValue();
        if (field.getKey().endsWith(SUFFIX) && isAmount(value)) {
          object.put(field.getKey(), UsdText.plain(amount(value)));
        } else {
          money(value);
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(ReadableRecord::money);
    }
  }

  private static boolean isAmount(JsonNode value) {
    if (!value.isNumber() && !value.isTextual()) {
      return false;
    }
    try {
      amount(value);
      return true;
    } catch (NumberFormatException notAnAmount) {
      return false;
    }
  }

  private static BigDecimal amount(JsonNode value) {
    return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
  }
}
