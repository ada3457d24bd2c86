package dev.gearbox.config;

import dev.gearbox.config.RawConfig.RawBudget;
import dev.gearbox.config.RawConfig.RawKey;
import dev.gearbox.config.RawConfig.RawPrice;
import dev.gearbox.config.RawConfig.RawRateLimit;
import dev.gearbox.config.RawConfig.RawTenant;
import dev.gearbox.cost.Budget;
import dev.gearbox.cost.ModelPrice;
import dev.gearbox.cost.RateLimit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Validates the money side of the configuration: budgets, rate limits and price overrides. */
final class LimitsValidator {
  private final List<String> problems;

  LimitsValidator(List<String> problems) {
    this.problems = problems;
  }

  List<Budget> budgets(List<RawKey> keys, List<RawTenant> tenants) {
    List<Budget> result = new ArrayList<>();
    for (RawKey key : keys) {
      if (key.id() != null && key.budgets() != null) {
        for (RawBudget raw : key.budgets()) {
          budget(Budget.Scope.KEY, key.id(), raw, "key '" + key.id() + "'").ifPresent(result::add);
        }
      }
    }
    for (RawTenant tenant : tenants) {
      if (tenant.name() == null || tenant.name().isBlank()) {
        problems.add("tenants: every tenant needs a name");
        continue;
      }
      for (RawBudget raw : tenant.budgets() == null ? List.<RawBudget>of() : tenant.budgets()) {
        budget(Budget.Scope.TENANT, tenant.name(), raw, "tenant '" + tenant.name() + "'")
            .ifPresent(result::add);
      }
    }
    return result;
  }

  private Optional<Budget> budget(Budget.Scope scope, String subject, RawBudget raw, String where) {
    Optional<Budget.Period> period = switch (raw.period() == null ? "" : raw.period()) {
      case "day", "daily" -> Optional.of(Budget.Period.DAY);
      case "month", "monthly" -> Optional.of(Budget.Period.MONTH);
      case "total" -> Optional.of(Budget.Period.TOTAL);
      default -> {
        problems.add(where + ": budget period must be day, month or total, got '"
            + raw.period() + "'");
        yield Optional.empty();
      }
    };
    Optional<Budget.Enforcement> enforcement =
        switch (raw.enforcement() == null ? "hard" : raw.enforcement()) {
          case "hard" -> Optional.of(Budget.Enforcement.HARD);
          case "soft" -> Optional.of(Budget.Enforcement.SOFT);
          default -> {
            problems.add(where + ": budget enforcement must be hard or soft, got '"
                + raw.enforcement() + "'");
            yield Optional.empty();
          }
        };
    Optional<BigDecimal> usd = usd(raw.usd(), where + ": budget usd");
    if (period.isEmpty() || enforcement.isEmpty() || usd.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Budget(scope, subject, period.get(), usd.get(), enforcement.get()));
  }

  Map<String, RateLimit> rateLimits(List<RawKey> keys) {
    Map<String, RateLimit> result = new LinkedHashMap<>();
    for (RawKey key : keys) {
      RawRateLimit raw = key.rateLimit();
      if (key.id() == null || raw == null) {
        continue;
      }
      String where = "key '" + key.id() + "': rate_limit";
      positive(raw.requestsPerMinute(), where + ".requests_per_minute");
      positive(raw.tokensPerMinute(), where + ".tokens_per_minute");
      positive(raw.maxConcurrent() == null ? null : raw.maxConcurrent().longValue(),
          where + ".max_concurrent");
      result.put(key.id(), new RateLimit(
          raw.requestsPerMinute() == null ? OptionalLong.empty()
              : OptionalLong.of(raw.requestsPerMinute()),
          raw.tokensPerMinute() == null ? OptionalLong.empty()
              : OptionalLong.of(raw.tokensPerMinute()),
          raw.maxConcurrent() == null ? OptionalInt.empty() : OptionalInt.of(raw.maxConcurrent())));
    }
    return result;
  }

  Map<String, ModelPrice> prices(Map<String, RawPrice> raws) {
    Map<String, ModelPrice> result = new LinkedHashMap<>();
    raws.forEach((model, raw) -> price(model, raw).ifPresent(p -> result.put(model, p)));
    return result;
  }

  private Optional<ModelPrice> price(String model, RawPrice raw) {
    String where = "prices." + model;
    if (raw.gpuUsdPerHour() != null || raw.tokensPerSecond() != null) {
      Optional<BigDecimal> gpu = usd(raw.gpuUsdPerHour(), where + ".gpu_usd_per_hour");
      Optional<BigDecimal> tps = usd(raw.tokensPerSecond(), where + ".tokens_per_second");
      if (gpu.isEmpty() || tps.isEmpty()) {
        return Optional.empty();
      }
      if (tps.get().signum() == 0) {
        problems.add(where + ".tokens_per_second must be positive");
        return Optional.empty();
      }
      return Optional.of(ModelPrice.selfHosted(gpu.get(), tps.get()));
    }
    Optional<BigDecimal> input = usd(raw.inputPerMillion(), where + ".input_per_million");
    Optional<BigDecimal> output = usd(raw.outputPerMillion(), where + ".output_per_million");
    if (input.isEmpty() || output.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal cached = raw.cachedInputPerMillion() == null ? input.get()
        : usd(raw.cachedInputPerMillion(), where + ".cached_input_per_million").orElse(input.get());
    BigDecimal write = raw.cacheWritePerMillion() == null ? input.get()
        : usd(raw.cacheWritePerMillion(), where + ".cache_write_per_million").orElse(input.get());
    return Optional.of(ModelPrice.perMillion(input.get(), output.get(), cached, write));
  }

  private Optional<BigDecimal> usd(String raw, String where) {
    if (raw == null) {
      problems.add(where + " is required");
      return Optional.empty();
    }
    try {
      BigDecimal value = new BigDecimal(raw.strip());
      if (value.signum() < 0) {
        problems.add(where + " must not be negative, got " + raw);
        return Optional.empty();
      }
      return Optional.of(value);
    } catch (NumberFormatException e) {
      problems.add(where + " must be a decimal number such as 2.50, got '" + raw + "'");
      return Optional.empty();
    }
  }

  private void positive(Long value, String where) {
    if (value != null && value <= 0) {
      problems.add(where + " must be positive, got " + value);
    }
  }
}
