package io.strata.flink.ingest.operator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 128-bit digest (MD5) of an event id, as two longs. The dedup state keeps these instead of the ids:
 * 16 bytes in two fixed-width fields are much cheaper to keep and to write into every checkpoint than
 * a string of any length (writing the ids as strings was 14% of the pipeline's CPU in a profile,
 * BENCHMARKS.md). Two distinct ids of one entity share a digest with a probability near 2^-128.
 * One instance per task thread: not thread-safe.
 */
final class EventIdHash implements EventIdDigest {
  private static final long serialVersionUID = 1L;
  private transient MessageDigest md5;

  /** The digest's first and second 64 bits. */
  @Override
  public long[] of(String eventId) {
    if (md5 == null) {
      try {
        md5 = MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JVM has no MD5, which every Java platform must have", e);
      }
    }
    ByteBuffer digest = ByteBuffer.wrap(md5.digest(eventId.getBytes(UTF_8)));
    return new long[] {digest.getLong(), digest.getLong()};
  }
}
