package dev.gearbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Request fields the gateway recognises but cannot honour, each with the values that are
 * harmless (the field's default). A harmful value is refused with a 400 naming the field:
 * dropping it would change the answer the client gets without telling them.
 */
final class UnsupportedParams {
  private record Rule(String field, Predicate<JsonNode> harmless, String advice) {}

  static final UnsupportedParams OPENAI = new UnsupportedParams(List.of(
      new Rule("logprobs", n -> n.isBoolean() && !n.booleanValue(),
          "log probabilities are not returned through this gateway; set it to false or remove it"),
      new Rule("top_logprobs", n -> n.isNumber() && n.intValue() == 0,
          "log probabilities are not returned through this gateway; remove it"),
      new Rule("functions", n -> false,
          "the legacy function-calling API is not supported; use 'tools'"),
      new Rule("function_call", n -> false,
          "the legacy function-calling API is not supported; use 'tool_choice'"),
      new Rule("audio", n -> false, "audio output is not supported; remove it"),
      new Rule("modalities", UnsupportedParams::textOnly,
          "only text output is supported; use [\"text\"] or remove it"),
      new Rule("logit_bias", n -> n.isObject() && n.isEmpty(),
          "token biases cannot be applied across the models this gateway routes to; remove it"),
      new Rule("frequency_penalty", UnsupportedParams::zero,
          "penalties are not forwarded; set it to 0 or remove it"),
      new Rule("presence_penalty", UnsupportedParams::zero,
          "penalties are not forwarded; set it to 0 or remove it"),
      new Rule("verbosity", n -> false, "verbosity is not forwarded; remove it"),
      new Rule("web_search_options", n -> false, "web search is not supported; remove it")));

  static final UnsupportedParams ANTHROPIC = new UnsupportedParams(List.of(
      new Rule("top_k", n -> false, "top_k sampling is not forwarded; remove it"),
      new Rule("mcp_servers", n -> n.isArray() && n.isEmpty(),
          "MCP servers are not supported; remove it"),
      new Rule("container", n -> false, "code-execution containers are not supported")));

  private final List<Rule> rules;

  private UnsupportedParams(List<Rule> rules) {
    this.rules = rules;
  }

  /** Refuses the first field set to a value the gateway cannot honour. */
  void check(ObjectNode root) {
    for (Rule rule : rules) {
      Optional<JsonNode> value = Fields.opt(root, rule.field());
      if (value.isPresent() && !rule.harmless().test(value.get())) {
        throw Fields.invalid(rule.field(), "'" + rule.field() + "' is not supported by this "
            + "gateway: " + rule.advice());
      }
    }
  }

  private static boolean zero(JsonNode n) {
    return n.isNumber() && n.doubleValue() == 0;
  }

  private static boolean textOnly(JsonNode n) {
    if (!n.isArray()) {
      return false;
    }
    for (JsonNode m : n) {
      if (!"text".equals(m.asText())) {
        return false;
      }
    }
    return true;
  }
}
