package dev.gearbox.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseIdsTest {
  @Test
  void translatedAnswer_carriesTheClientFormatsPrefix_regressionForLeakedUpstreamIds() {
    assertThat(ResponseIds.anthropic("chatcmpl-abc123")).isEqualTo("msg_abc123");
    assertThat(ResponseIds.openAi("msg_01XYZ")).isEqualTo("chatcmpl-01XYZ");
  }

  @Test
  void nativeIds_passUnchanged() {
    assertThat(ResponseIds.anthropic("msg_01XYZ")).isEqualTo("msg_01XYZ");
    assertThat(ResponseIds.openAi("chatcmpl-abc")).isEqualTo("chatcmpl-abc");
  }

  @Test
  void otherIds_getThePrefix() {
    assertThat(ResponseIds.anthropic("cmpl-7")).isEqualTo("msg_cmpl-7");
    assertThat(ResponseIds.openAi("gen-42")).isEqualTo("chatcmpl-gen-42");
  }
}
