package dev.gearbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwkwardSplitsTest {
  private static final String SSE =
      "data: {\"choices\":[{\"delta\":{\"content\":\"Größe: 9 € 🙂\"}}]}\n\ndata: [DONE]\n\n";

  @Test
  void pieces_concatenateToTheWholeTextWithCrlf() {
    String crlf = AwkwardSplits.withCrlf(SSE);

    assertThat(join(AwkwardSplits.pieces(crlf))).isEqualTo(crlf);
    assertThat(crlf).contains("\r\n\r\ndata: [DONE]\r\n\r\n").doesNotContain("\r\r");
  }

  @Test
  void pieces_cutInsideEveryMultiByteCharacter() {
    List<byte[]> pieces = AwkwardSplits.pieces(SSE);

    long cutsInsideCharacters =
        pieces.stream().filter(p -> (p[p.length - 1] & 0xC0) == 0xC0).count();
    assertThat(cutsInsideCharacters).isEqualTo(4);
  }

  @Test
  void pieces_separateCrFromLfAndStaySmall() {
    List<byte[]> pieces = AwkwardSplits.pieces(AwkwardSplits.withCrlf(SSE));

    assertThat(pieces)
        .allSatisfy(p -> assertThat(p.length).isBetween(1, AwkwardSplits.MAX_PIECE_BYTES));
    assertThat(pieces.stream().filter(p -> p[p.length - 1] == '\r')).hasSize(4);
    String json = SSE.substring(SSE.indexOf('{'), SSE.indexOf('\n'));
    assertThat(pieces)
        .noneSatisfy(p -> assertThat(new String(p, StandardCharsets.UTF_8)).contains(json));
  }

  private static String join(List<byte[]> pieces) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    pieces.forEach(all::writeBytes);
    return all.toString(StandardCharsets.UTF_8);
  }
}
