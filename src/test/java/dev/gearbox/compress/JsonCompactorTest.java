package dev.gearbox.compress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.cost.TokenCounter;
import org.junit.jupiter.api.Test;

class JsonCompactorTest {
  private static final String FLIGHTS = """
      [{"flight_number": "HAT069", "origin": "JFK", "scheduled_departure_time_est": "06:00:00",
        "prices": {"economy": 121, "business": 239}},
       {"flight_number": "HAT083", "origin": "JFK", "scheduled_departure_time_est": "01:00:00",
        "prices": {"economy": 100, "business": 276}}]""";

  @Test
  void arrayOfLikeObjects_becomesATableWithTheKeysOnce() {
    String compact = JsonCompactor.compact(FLIGHTS).orElseThrow();

    assertThat(compact).isEqualTo("""
        table flight_number|origin|scheduled_departure_time_est|prices.economy|prices.business:
        HAT069|JFK|06:00:00|121|239
        HAT083|JFK|01:00:00|100|276""");
    assertThat(TokenCounter.cl100k().count(compact))
        .isLessThan(TokenCounter.cl100k().count(FLIGHTS) * 2 / 3);
  }

  @Test
  void objects_areWrittenWithoutNeedlessQuotes_everyValueKept() {
    String compact = JsonCompactor.compact("""
        {"name": {"first_name": "Mia", "last_name": "Li"}, "last_four": "7447",
         "note": "a, b: c", "flag": true, "empty": [], "reservations": ["NO6JO3", "AIXC49"]}
        """).orElseThrow();

    assertThat(compact).isEqualTo("{name: {first_name: Mia, last_name: Li}, last_four: \"7447\","
        + " note: \"a, b: c\", flag: true, empty: [], reservations: [NO6JO3, AIXC49]}");
  }

  @Test
  void tableInsideAnObject_isBracketed() {
    assertThat(JsonCompactor.compact("{\"flights\": [{\"n\": \"HAT028\", \"price\": 1859},"
        + " {\"n\": \"HAT277\", \"price\": 1679}], \"insurance\": \"yes\"}"))
        .contains("{flights: [table n|price:\nHAT028|1859\nHAT277|1679], insurance: yes}");
  }

  @Test
  void itemsWithDifferentKeys_stayInFlowStyle() {
    assertThat(JsonCompactor.compact("[{\"a\": 1}, {\"b\": 2}]")).contains("[{a: 1}, {b: 2}]");
  }

  @Test
  void textThatIsNotJson_isLeftAlone() {
    assertThat(JsonCompactor.compact("Error: payment amount does not add up")).isEmpty();
    assertThat(JsonCompactor.compact("255.0")).isEmpty();
    assertThat(JsonCompactor.compact("{not json")).isEmpty();
  }
}
