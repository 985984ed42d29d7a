package io.strata.flink.ingest.operator;

import static io.strata.flink.TestingEvents.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.event.EventEnvelope;
import io.strata.flink.TestingEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DeduplicateFunctionTest {
  static final Duration TTL = Duration.ofHours(1);
  static final Clock CLOCK = Clock.fixed(TestingEvents.INGEST_TIME, ZoneOffset.UTC);

  /** The function on the job's state backend: RocksDB with incremental checkpoints. */
  static KeyedOneInputStreamOperatorTestHarness<String, EventEnvelope, EventEnvelope> harness(
      DeduplicateFunction function) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, EventEnvelope, EventEnvelope> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(function), DeduplicateFunction::entityKey, Types.STRING);
    harness.setStateBackend(new EmbeddedRocksDBStateBackend(true));
    harness.setStateTtlProcessingTime(0L);
    return harness;
  }

  @Test
  void secondCopyOfAnEventIsDropped() throws Exception {
    try (var harness = harness(new DeduplicateFunction(TTL, CLOCK))) {
      harness.open();

      harness.processElement(orderPlaced("acme", "order-1", "evt-1"), 1L);
      harness.processElement(orderPlaced("acme", "order-1", "evt-1"), 2L);
      harness.processElement(orderPlaced("acme", "order-1", "evt-2"), 3L);
      harness.processElement(orderPlaced("acme", "order-1", "evt-1"), 4L);

      assertThat(harness.extractOutputValues())
          .extracting(EventEnvelope::eventId)
          .containsExactly("evt-1", "evt-2");
    }
  }

  @Test
  void stampsIngestTimeFromTheClock() throws Exception {
    EventEnvelope event = orderPlaced("acme", "order-1", "evt-1");
    assertThat(event.ingestTime()).isNull();

    try (var harness = harness(new DeduplicateFunction(TTL, CLOCK))) {
      harness.open();
      harness.processElement(event, 1L);

      assertThat(harness.extractOutputValues())
          .containsExactly(event.withIngestTime(TestingEvents.INGEST_TIME));
    }
  }

  @Test
  void sameEventIdOfAnotherTenantIsKept() throws Exception {
    try (var harness = harness(new DeduplicateFunction(TTL, CLOCK))) {
      harness.open();

      harness.processElement(orderPlaced("acme", "order-1", "evt-1"), 1L);
      harness.processElement(orderPlaced("globex", "order-1", "evt-1"), 2L);

      assertThat(harness.extractOutputValues())
          .extracting(EventEnvelope::tenantId)
          .containsExactly("acme", "globex");
    }
  }

  @Test
  void seenIdsSurviveSnapshotAndRestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var harness = harness(new DeduplicateFunction(TTL, CLOCK))) {
      harness.open();
      harness.processElement(orderPlaced("acme", "order-1", "evt-1"), 1L);
      harness.processElement(orderPlaced("globex", "order-9", "evt-7"), 2L);
      snapshot = harness.snapshot(1L, 2L);
    }

    try (var restored = harness(new DeduplicateFunction(TTL, CLOCK))) {
      restored.setup();
      restored.initializeState(snapshot);
      restored.open();

      restored.processElement(orderPlaced("acme", "order-1", "evt-1"), 3L);
      restored.processElement(orderPlaced("globex", "order-9", "evt-7"), 4L);
      restored.processElement(orderPlaced("acme", "order-1", "evt-2"), 5L);

      assertThat(restored.extractOutputValues())
          .extracting(EventEnvelope::eventId)
          .containsExactly("evt-2");
    }
  }

  @Test
  void idIsForgottenOnceTheTtlHasPassed() throws Exception {
    try (var harness = harness(new DeduplicateFunction(TTL, CLOCK))) {
      harness.open();
      harness.processElement(orderPlaced("acme", "order-1", "evt-1"), 1L);

      // A duplicate within the TTL is dropped and does not extend how long the id is remembered.
      harness.setStateTtlProcessingTime(TTL.toMillis() - 1);
      harness.processElement(orderPlaced("acme", "order-1", "evt-1"), 2L);
      assertThat(harness.extractOutputValues()).hasSize(1);

      harness.setStateTtlProcessingTime(TTL.toMillis() + 1);
      harness.processElement(orderPlaced("acme", "order-1", "evt-1"), 3L);

      assertThat(harness.extractOutputValues())
          .extracting(EventEnvelope::eventId)
          .containsExactly("evt-1", "evt-1");
    }
  }

  @Test
  void entityKeySeparatesTenantAndEntity() {
    // "a" + "bc" and "ab" + "c" must not share a key, or their ids would be mixed up.
    assertThat(DeduplicateFunction.entityKey(orderPlaced("a", "bc", "evt-1")))
        .isNotEqualTo(DeduplicateFunction.entityKey(orderPlaced("ab", "c", "evt-1")));
  }
}
