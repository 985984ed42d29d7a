package io.strata.flink.ingest.operator;

import java.io.Serializable;

/** A 128-bit digest of an event id as two longs: what the dedup state remembers instead of the id. */
@FunctionalInterface
interface EventIdDigest extends Serializable {
  long[] of(String eventId);
}
