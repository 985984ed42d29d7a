package io.strata.launcher.generate;

import java.time.Duration;
import java.time.Instant;

/**
 * What the generator sends.
 *
 * @param count records to send in all, duplicates and invalid ones included
 * @param duplicateRatio share of records that resend an earlier valid event unchanged
 * @param invalidRatio share of records that are invalid, each kind of rejection in turn
 * @param tenants number of tenants
 * @param entitiesPerTenant entities (streams) per tenant
 * @param start event time of the earliest event
 * @param span event times spread over this duration after {@code start}
 * @param seed makes a run repeatable
 */
public record GeneratorConfig(
    long count,
    double duplicateRatio,
    double invalidRatio,
    int tenants,
    int entitiesPerTenant,
    Instant start,
    Duration span,
    long seed) {

  public GeneratorConfig {
    if (count < 0) {
      throw new IllegalArgumentException("--count must not be negative, got " + count);
    }
    if (duplicateRatio < 0 || invalidRatio < 0 || duplicateRatio + invalidRatio >= 1) {
      throw new IllegalArgumentException(
          "--duplicate-ratio and --invalid-ratio must be >= 0 and add up to less than 1");
    }
    if (tenants < 1 || entitiesPerTenant < 1) {
      throw new IllegalArgumentException("--tenants and --entities must be at least 1");
    }
    if (span.isNegative() || span.isZero()) {
      throw new IllegalArgumentException("--days must be positive");
    }
  }
}
