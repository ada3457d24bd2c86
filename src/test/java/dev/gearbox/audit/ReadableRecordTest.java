package dev.gearbox.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.wire.Json;
import org.junit.jupiter.api.Test;

/**
 * Records written before a saving could be negative hold it clamped at zero, and every record
 * holds twelve-place amounts; what is shown of them is the honest saving, in plain decimals.
 */
class ReadableRecordTest {
  private static final String CLAMPED = """
      {"v": 1, "request_id": "r1", "call_id": "r1", "at": "2026-12-03T10:00:00Z",
       "requested_model": "auto", "status": 200,
       "decision": {"served_model": "frontier", "tier": "frontier",
                    "compression": {"method": "EXTRACTIVE", "tokens_before": 10,
                                    "tokens_after": 5, "summary_cost_usd": 1.5E-7}},
       "usage": {"input_tokens": 20, "output_tokens": 10},
       "cost_usd": "0.000515000000", "counterfactual_usd": "0.000500000000",
       "saved_usd": "0.000000000000"}
      """;

  @Test
  void shownRecord_derivesTheSavingAndWritesEveryAmountPlainly() throws Exception {
    JsonNode stored = Json.MAPPER.readTree(CLAMPED);

    JsonNode shown = ReadableRecord.of(stored);

    assertThat(shown.path("saved_usd").asText()).isEqualTo("-0.000015");
    assertThat(shown.path("cost_usd").asText()).isEqualTo("0.000515");
    assertThat(shown.path("counterfactual_usd").asText()).isEqualTo("0.0005");
    assertThat(shown.at("/decision/compression/summary_cost_usd").asText())
        .isEqualTo("0.00000015");
    assertThat(stored.path("saved_usd").asText()).isEqualTo("0.000000000000");
  }

  @Test
  void sessionCall_ofAClampedRecord_hasTheHonestSaving() throws Exception {
    SessionCall call = SessionCall.of(Json.MAPPER.readTree(CLAMPED));

    assertThat(call.savedUsd()).isEqualByComparingTo("-0.000015");
  }
}
