package dev.gearbox.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FactLedgerTest {

  @Test
  void findsIdsDatesAmountsAndNames() {
    FactLedger facts = FactLedger.of("My user id is mia_li_3668 and I fly HAT136 on 2024-05-20;"
        + " pay 250 with certificate_7504069, reservation SDZQKO from JFK. Passenger Mia Li,"
        + " mail mia.li3818@example.com, total 1286.5.");

    assertThat(facts.all()).contains("mia_li_3668", "HAT136", "2024-05-20", "250",
        "certificate_7504069", "SDZQKO", "JFK", "Mia", "Li", "mia.li3818@example.com", "1286.5");
  }

  @Test
  void timesOfDay_areNotSplitIntoAmounts() {
    assertThat(FactLedger.of("departs 06:00:00, arrives 12:30").all()).isEmpty();
  }

  @Test
  void capitalisedWordOpeningASentence_isNotAName() {
    assertThat(FactLedger.of("Thank you. Please wait while I check.").all()).isEmpty();
    assertThat(FactLedger.of("Noah Muller flies too.").all()).contains("Noah", "Muller");
  }

  @Test
  void without_keepsOnlyFactsNotShownElsewhere() {
    FactLedger facts = FactLedger.of("HAT136 on 2024-05-20 for 250");

    assertThat(facts.without(Set.of("HAT136", "250")).all()).containsExactly("2024-05-20");
  }
}
