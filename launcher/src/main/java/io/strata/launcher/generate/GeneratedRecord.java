package io.strata.launcher.generate;

/**
 * One record the generator sends to the raw topic.
 *
 * @param kind what it is
 * @param key the Kafka key ({@code tenant/entity})
 * @param value the bytes sent
 * @param expectedRejection for an invalid record, the rejection code the ingest job must give
 * @param sequence the event's sequence number in its run ({@link EventGenerator#sequenceOf}); for a
 *     resent duplicate the original's; -1 where unknown (records read back from a file)
 */
public record GeneratedRecord(Kind kind, byte[] key, byte[] value, String expectedRejection, long sequence) {
  public enum Kind {
    VALID,
    DUPLICATE,
    INVALID
  }
}
