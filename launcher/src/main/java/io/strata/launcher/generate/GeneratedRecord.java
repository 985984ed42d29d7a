package io.strata.launcher.generate;

/**
 * One record the generator sends to the raw topic.
 *
 * @param kind what it is
 * @param key the Kafka key ({@code tenant/entity})
 * @param value the bytes sent
 * @param expectedRejection for an invalid record, the rejection code the ingest job must give
 */
public record GeneratedRecord(Kind kind, byte[] key, byte[] value, String expectedRejection) {
  public enum Kind {
    VALID,
    DUPLICATE,
    INVALID
  }
}
