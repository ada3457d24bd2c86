package dev.gearbox.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.wire.Json;
import org.junit.jupiter.api.Test;

class CanonicalTest {

  @Test
  void keysAreSortedAtEveryLevel_whateverTheOrderTheyWereSetIn() {
    ObjectNode first = Json.MAPPER.createObjectNode().put("b", 1).put("a", "x");
    first.putObject("z").put("d", true).put("c", 2);
    ObjectNode second = Json.MAPPER.createObjectNode();
    second.putObject("z").put("c", 2).put("d", true);
    second.put("a", "x").put("b", 1);

    assertThat(Canonical.json(first)).isEqualTo("{\"a\":\"x\",\"b\":1,\"z\":{\"c\":2,\"d\":true}}");
    assertThat(Canonical.json(second)).isEqualTo(Canonical.json(first));
  }

  @Test
  void textParsedBack_serialisesToTheSameText() throws Exception {
    ObjectNode node = Json.MAPPER.createObjectNode()
        .put("text", "naïve \"quoted\" line\nbreak \u2028 ✓")
        .put("n", 12345678901234L)
        .put("money", "0.000120000000");
    node.putArray("list").add(3).add("two").addNull();
    String text = Canonical.json(node);

    assertThat(Canonical.json(Json.MAPPER.readTree(text))).isEqualTo(text);
  }

  @Test
  void sha256_isOverUtf8Bytes() {
    assertThat(Canonical.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
