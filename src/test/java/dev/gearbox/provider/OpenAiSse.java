package dev.gearbox.provider;

import dev.gearbox.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chat-completion chunk streams shaped as OpenAI sends them (role chunk, content chunks, a
 * finish chunk, a usage chunk with empty choices, {@code [DONE]}), as raw bytes.
 */
final class OpenAiSse {
  private final List<String> frames = new ArrayList<>();

  static OpenAiSse started() {
    OpenAiSse sse = new OpenAiSse();
    sse.chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null", "null");
    return sse;
  }

  OpenAiSse text(String content) {
    return chunk("{\"content\":" + Json.MAPPER.valueToTree(content) + "}", "null", "null");
  }

  OpenAiSse finish(String reason) {
    return chunk("{}", "\"" + reason + "\"", "null");
  }

  OpenAiSse usage(int prompt, int completion) {
    frames.add(
        "data: {\"id\":\"chatcmpl-S1\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1733241600,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":"
            + prompt
            + ",\"completion_tokens\":"
            + completion
            + ",\"total_tokens\":"
            + (prompt + completion)
            + "}}\n\n");
    return this;
  }

  OpenAiSse error(String message) {
    frames.add(
        "data: {\"error\":{\"message\":"
            + Json.MAPPER.valueToTree(message)
            + ",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n");
    return this;
  }

  OpenAiSse done() {
    frames.add("data: [DONE]\n\n");
    return this;
  }

  private OpenAiSse chunk(String delta, String finishReason, String usage) {
    frames.add(
        "data: {\"id\":\"chatcmpl-S1\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1733241600,\"model\":\"m\",\"system_fingerprint\":\"fp_44709d6fcb\","
            + "\"choices\":[{\"index\":0,\"delta\":"
            + delta
            + ",\"logprobs\":null,\"finish_reason\":"
            + finishReason
            + "}],\"usage\":"
            + usage
            + "}\n\n");
    return this;
  }

  /** One chunk per event. */
  List<byte[]> frames() {
    return frames.stream().map(f -> f.getBytes(StandardCharsets.UTF_8)).toList();
  }

  /**
   * The whole body with CRLF line ends, cut inside every multi-byte UTF-8 character (after its
   * first byte) and between every CR and its LF: the splits a reader gets wrong most easily.
   */
  List<byte[]> crlfCutAwkwardly() {
    byte[] all = String.join("", frames).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    List<byte[]> pieces = new ArrayList<>();
    int start = 0;
    for (int at = 1; at < all.length; at++) {
      boolean insideCharacter = (all[at] & 0xC0) == 0x80 && (all[at - 1] & 0xC0) == 0xC0;
      boolean betweenCrLf = all[at] == '\n' && all[at - 1] == '\r';
      if (insideCharacter || betweenCrLf) {
        pieces.add(Arrays.copyOfRange(all, start, at));
        start = at;
      }
    }
    pieces.add(Arrays.copyOfRange(all, start, all.length));
    return pieces;
  }
}
