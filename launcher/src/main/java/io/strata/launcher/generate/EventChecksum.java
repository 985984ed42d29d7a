package io.strata.launcher.generate;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An order-independent checksum of a set of events: the count and the sum (mod 2^64) of a 64-bit
 * SHA-256 prefix over tenant, event id and payload. A missing, extra, duplicated or altered event
 * changes it.
 */
public final class EventChecksum {
  private long count;
  private long sum;
  private final MessageDigest digest;

  public EventChecksum() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public void add(String tenantId, String eventId, String payload) {
    digest.reset();
    digest.update(tenantId.getBytes(UTF_8));
    digest.update((byte) 0);
    digest.update(eventId.getBytes(UTF_8));
    digest.update((byte) 0);
    digest.update(payload.getBytes(UTF_8));
    sum += ByteBuffer.wrap(digest.digest(), 0, 8).getLong();
    count++;
  }

  public long count() {
    return count;
  }

  /**
   * The checksum of this set without the events of {@code subset}, which it must contain: the lake's
   * whole table minus what it held before a run is the run's own events, however maintenance has
   * rewritten their files in between.
   */
  public EventChecksum minus(EventChecksum subset) {
    if (subset.count > count) {
      throw new IllegalArgumentException("cannot take " + subset.count + " events from " + count);
    }
    EventChecksum difference = new EventChecksum();
    difference.count = count - subset.count;
    difference.sum = sum - subset.sum;
    return difference;
  }

  /** {@code <count>:<sum as 16 hex digits>}. */
  public String value() {
    return count + ":" + String.format("%016x", sum);
  }

  @Override
  public String toString() {
    return value();
  }
}
