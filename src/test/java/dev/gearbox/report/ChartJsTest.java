package dev.gearbox.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ChartJsTest {

  @Test
  void xyChart_becomesLinesOnLinearAxesWithTheMarkerAsItsOwnDataset() {
    JsonNode config = ChartJs.config(Charts.curve("curve"));

    assertThat(config.path("type").asText()).isEqualTo("scatter");
    JsonNode sets = config.at("/data/datasets");
    assertThat(sets).hasSize(3);
    assertThat(sets.get(0).path("label").asText()).isEqualTo("router");
    assertThat(sets.get(0).path("showLine").asBoolean()).isTrue();
    assertThat(sets.get(0).at("/data/1/x").asDouble()).isEqualTo(0.5);
    assertThat(sets.get(1).path("borderDash").isArray()).isTrue();
    assertThat(sets.get(2).path("label").asText()).isEqualTo("chosen threshold 0.42");
    assertThat(sets.get(2).at("/data/0/y").asDouble()).isEqualTo(0.8);
    assertThat(config.at("/options/scales/x/title/text").asText()).isEqualTo("cost (USD)");
    assertThat(config.at("/options/animation").asBoolean(true)).isFalse();
  }

  @Test
  void barChart_keepsCategoriesStackingAndAskedColours() {
    JsonNode config = ChartJs.config(Charts.bars("bars"));

    assertThat(config.path("type").asText()).isEqualTo("bar");
    assertThat(config.at("/data/labels/1").asText()).isEqualTo("chat");
    assertThat(config.at("/data/datasets/1/data/1").asDouble()).isEqualTo(4.0);
    assertThat(config.at("/options/scales/y/stacked").asBoolean()).isTrue();
    assertThat(config.at("/data/datasets/0/backgroundColor").asText())
        .isEqualTo(Palette.hex(0));
    assertThat(config.at("/data/datasets/1/backgroundColor").asText())
        .isEqualTo(Palette.hex(5));
  }

  @Test
  void library_isTheBundledMinifiedBuild() {
    assertThat(ChartJs.version()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(ChartJs.library()).contains("Chart.js v" + ChartJs.version());
  }
}
