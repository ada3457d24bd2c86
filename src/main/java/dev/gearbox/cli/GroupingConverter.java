package dev.gearbox.cli;

import dev.gearbox.cost.UsageGrouping;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a usage grouping from its lower-case label ("tier"). */
final class GroupingConverter implements ITypeConverter<UsageGrouping> {

  @Override
  public UsageGrouping convert(String value) {
    try {
      return UsageGrouping.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(
          "unknown grouping '" + value + "'; known: " + String.join(", ", new Candidates()));
    }
  }

  /** The labels picocli lists in help and completion. */
  static final class Candidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(UsageGrouping.values()).map(UsageGrouping::label).iterator();
    }
  }
}
