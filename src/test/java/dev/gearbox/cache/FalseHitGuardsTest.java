package dev.gearbox.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One concrete pair per false-hit kind (each pair scores high on MiniLM; see
 * {@link SemanticFalseHitTest} for the scores), and paraphrases that must still pass.
 */
class FalseHitGuardsTest {

  private static Optional<GuardKind> refusal(String cached, String query) {
    return FalseHitGuards.refusal(query, cached);
  }

  @Test
  void semanticHit_refusedWhenNumbersDiffer() {
    assertThat(refusal("How much does a 3 bedroom apartment cost in Boston?",
        "How much does a 4 bedroom apartment cost in Boston?"))
        .contains(GuardKind.NUMBERS);
  }

  @Test
  void semanticHit_refusedWhenANumberWordDiffersFromDigits() {
    assertThat(refusal("List three causes of inflation", "List 5 causes of inflation"))
        .contains(GuardKind.NUMBERS);
  }

  @Test
  void semanticHit_refusedWhenUnitsDiffer() {
    assertThat(refusal("How long should I boil an egg for 5 minutes?",
        "How long should I boil an egg for 5 hours?"))
        .contains(GuardKind.UNITS);
  }

  @Test
  void semanticHit_refusedWhenTheConversionRunsTheOtherWay() {
    assertThat(refusal("How many miles is 5 km?", "How many km is 5 miles?"))
        .contains(GuardKind.UNITS);
    assertThat(refusal("Convert 100 degrees Fahrenheit to Celsius",
        "Convert 100 degrees Celsius to Fahrenheit"))
        .contains(GuardKind.UNITS);
  }

  @Test
  void semanticHit_refusedWhenDatesDiffer() {
    assertThat(refusal("What is the weather forecast for Paris tomorrow?",
        "What is the weather forecast for Paris today?"))
        .contains(GuardKind.DATES);
    assertThat(refusal("What will the weather be like in Berlin in May?",
        "What will the weather be like in Berlin in June?"))
        .contains(GuardKind.DATES);
    assertThat(refusal("Who won the World Cup in 2018?", "Who won the World Cup in 2022?"))
        .contains(GuardKind.DATES);
  }

  @Test
  void semanticHit_refusedWhenNamedEntitiesDiffer() {
    assertThat(refusal("How do I install Python on Windows?",
        "How do I install Python on Ubuntu?"))
        .contains(GuardKind.ENTITIES);
    assertThat(refusal("What does the error ECONNREFUSED mean in Node?",
        "What does the error ECONNRESET mean in Node?"))
        .contains(GuardKind.ENTITIES);
  }

  @Test
  void semanticHit_refusedWhenCodeIdentifiersDiffer() {
    assertThat(refusal("What does the load_dataset function return?",
        "What does the load_from_disk function return?"))
        .contains(GuardKind.ENTITIES);
  }

  @Test
  void semanticHit_refusedOnTurnOnVersusTurnOff() {
    assertThat(refusal("How do I turn on the living room lights?",
        "How do I turn off the living room lights?"))
        .contains(GuardKind.NEGATION);
  }

  @Test
  void semanticHit_refusedWhenOnlyOneIsNegated() {
    assertThat(refusal("Is it safe to eat raw eggs?", "Is it not safe to eat raw eggs?"))
        .contains(GuardKind.NEGATION);
    assertThat(refusal("Can I return a product after 30 days?",
        "Can't I return a product after 30 days?"))
        .contains(GuardKind.NEGATION);
    assertThat(refusal("How do I enable two-factor authentication on GitHub?",
        "How do I disable two-factor authentication on GitHub?"))
        .contains(GuardKind.NEGATION);
  }

  static Stream<Arguments> paraphrases() {
    return Stream.of(
        Arguments.of("What is the capital of France?",
            "What's the capital of France?"),
        Arguments.of("How many miles is 5 km?",
            "Convert 5 km to miles"),
        Arguments.of("Explain how photosynthesis works",
            "Can you explain how photosynthesis works?"),
        Arguments.of("What are the health benefits of green tea?",
            "What are the health benefits of drinking green tea?"),
        Arguments.of("Summarise the French revolution in one paragraph.",
            "Summarize the French Revolution in a single paragraph."),
        Arguments.of("What is the boiling point of water at sea level?",
            "At sea level, what is the boiling point of water?"),
        Arguments.of("Which tool should I use to format my Java code?",
            "What tool should I use to format Java code?"),
        Arguments.of("How much is 1,000 dollars in euros?",
            "How much is $1000 in euros?"));
  }

  @ParameterizedTest(name = "{0} ~ {1}")
  @MethodSource("paraphrases")
  void paraphrasesThatKeepTheFacts_pass(String cached, String query) {
    assertThat(refusal(cached, query)).isEmpty();
  }

  @Test
  void namesMatchWhateverTheirCase() {
    assertThat(refusal("best places to visit in india",
        "What are the best places to visit in India?")).isEmpty();
  }

  @Test
  void aSentenceOpeningWordIsNotTakenForAName() {
    assertThat(refusal("Describe the water cycle.", "Explain the water cycle.")).isEmpty();
  }
}
