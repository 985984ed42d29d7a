package io.strata.launcher.bench;

import io.strata.launcher.generate.EventGenerator;
import java.io.IOException;

/**
 * Freshness over a long run: one event in {@value #EVERY} (by generator sequence number) is timed from
 * its send to the commit of the lake snapshot that added it. Every array is allocated up front, so the
 * measurement does not itself grow the heap it is measuring.
 */
final class SoakFreshness {
  static final int EVERY = 32;

  private final long[] sentAt;
  private final float[] seconds;
  private final int[] sampleOf;
  private int count;
  private long lastSnapshotId;

  /**
   * @param maxSequence the highest sequence number the run's generator can give
   * @param afterSnapshotId the lake snapshot before the run's first event
   */
  SoakFreshness(long maxSequence, long afterSnapshotId) {
    int tracked = Math.toIntExact(maxSequence / EVERY + 1);
    this.sentAt = new long[tracked];
    this.seconds = new float[tracked];
    this.sampleOf = new int[tracked];
    this.lastSnapshotId = afterSnapshotId;
  }

  /** The send of event {@code sequence} at {@code epochMillis}; called from the sending thread. */
  void sent(long sequence, long epochMillis) {
    if (sequence >= 0 && sequence % EVERY == 0) {
      sentAt[(int) (sequence / EVERY)] = epochMillis;
    }
  }

  /**
   * Reads the lake commits since the last call and records the tracked events they hold under
   * {@code sample}. The sending thread wrote each send time before the event was sent, so before any
   * commit could hold it.
   */
  synchronized void poll(LakeWatch lake, int sample) throws IOException {
    lastSnapshotId =
        lake.forEachEventIdAfter(
            lastSnapshotId,
            (commit, eventId) -> {
              long sequence = EventGenerator.sequenceOf(eventId);
              if (sequence % EVERY == 0) {
                long sent = sentAt[(int) (sequence / EVERY)];
                if (sent == 0) {
                  throw new IllegalStateException("event #" + sequence + " is in the lake but was never sent");
                }
                if (count == seconds.length) {
                  throw new IllegalStateException("more tracked events in the lake than were sent: event #" + sequence);
                }
                seconds[count] = (commit.timestampMillis() - sent) / 1000f;
                sampleOf[count] = sample;
                count++;
              }
            });
  }

  /** Send-to-lake seconds of the tracked events committed under samples {@code from} to {@code to}, inclusive. */
  synchronized double[] between(int from, int to) {
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (sampleOf[i] >= from && sampleOf[i] <= to) {
        n++;
      }
    }
    double[] out = new double[n];
    int j = 0;
    for (int i = 0; i < count; i++) {
      if (sampleOf[i] >= from && sampleOf[i] <= to) {
        out[j++] = seconds[i];
      }
    }
    return out;
  }

  /** Tracked events seen in the lake so far. */
  synchronized int count() {
    return count;
  }
}
