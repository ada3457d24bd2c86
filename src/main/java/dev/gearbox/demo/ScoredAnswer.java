package dev.gearbox.demo;

import dev.gearbox.sim.RecordedSet;
import java.util.Objects;

/**
 * One answer scored from recorded outcomes: what the model that answered scored on the
 * question, and what the frontier model scored on the same question (1 or 0 for right or wrong,
 * else the judge's 1-10 grade).
 *
 * @param recordedAnswer false when the answer's text was not the answering model's recorded
 *     answer to the question asked (a cache hit that answered another question): it is then
 *     scored as wrong, or with the lowest grade
 */
record ScoredAnswer(RecordedSet set, double routed, double frontier, boolean recordedAnswer) {
  ScoredAnswer {
    Objects.requireNonNull(set, "set");
  }
}
