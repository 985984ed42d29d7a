package io.strata.flink.ingest.operator;

import static io.strata.flink.TestingEvents.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.event.EventEnvelope;
import io.strata.flink.TestingEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CheckpointType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.checkpoint.SnapshotType;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exactness of the dedup state on RocksDB: ids whose digests share a prefix, and the remembered ids
 * across a restore from an incremental checkpoint or a savepoint at another parallelism (Flink moves
 * key groups between subtasks; every id must land where its entity's events now go).
 */
class DeduplicateRestoreTest {
  private static final Duration TTL = Duration.ofHours(1);
  private static final Clock CLOCK = Clock.fixed(TestingEvents.INGEST_TIME, ZoneOffset.UTC);
  private static final int MAX_PARALLELISM = 128;
  private static final int ENTITIES = 60;

  /** One subtask of the dedup operator out of {@code parallelism}, on RocksDB, state TTL clock at 0. */
  private static KeyedOneInputStreamOperatorTestHarness<String, EventEnvelope, EventEnvelope> subtask(
      int parallelism, int index) throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DeduplicateFunction(TTL, CLOCK)),
            DeduplicateFunction::entityKey, Types.STRING, MAX_PARALLELISM, parallelism, index);
    harness.setStateBackend(new EmbeddedRocksDBStateBackend(true));
    harness.setStateTtlProcessingTime(0L);
    return harness;
  }

  /** The subtask that the job's keyBy sends an event to. */
  private static int route(EventEnvelope event, int parallelism) {
    return KeyGroupRangeAssignment.assignKeyToParallelOperator(
        DeduplicateFunction.entityKey(event), MAX_PARALLELISM, parallelism);
  }

  private static List<EventEnvelope> events(String idPrefix, int count) {
    List<EventEnvelope> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(orderPlaced("tenant-" + (i % 3), "entity-" + (i % ENTITIES), idPrefix + i));
    }
    return events;
  }

  /** Feeds each event to the subtask it is routed to and returns the ids that came out, in order. */
  private static List<String> process(
      List<KeyedOneInputStreamOperatorTestHarness<String, EventEnvelope, EventEnvelope>> subtasks,
      List<EventEnvelope> events) throws Exception {
    List<String> passed = new ArrayList<>();
    for (EventEnvelope event : events) {
      var harness = subtasks.get(route(event, subtasks.size()));
      int before = harness.extractOutputValues().size();
      harness.processElement(event, 0L);
      List<EventEnvelope> out = harness.extractOutputValues();
      out.subList(before, out.size()).forEach(e -> passed.add(e.eventId()));
    }
    return passed;
  }

  static Stream<Arguments> restores() {
    List<Arguments> cases = new ArrayList<>();
    SnapshotType[] types = {
      CheckpointType.CHECKPOINT,
      SavepointType.savepoint(SavepointFormatType.CANONICAL),
      SavepointType.savepoint(SavepointFormatType.NATIVE)
    };
    for (SnapshotType type : types) {
      cases.add(Arguments.of(type, 2, 3));
      cases.add(Arguments.of(type, 2, 1));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: parallelism {1} -> {2}")
  @MethodSource("restores")
  void remembersEveryIdAcrossARestoreAtAnotherParallelism(SnapshotType type, int from, int to)
      throws Exception {
    List<EventEnvelope> first = events("evt-", 3000);
    OperatorSubtaskState[] snapshots = new OperatorSubtaskState[from];
    List<KeyedOneInputStreamOperatorTestHarness<String, EventEnvelope, EventEnvelope>> before = new ArrayList<>();
    try {
      for (int i = 0; i < from; i++) {
        before.add(subtask(from, i));
        before.get(i).open();
      }
      assertThat(process(before, first)).hasSize(first.size());
      for (int i = 0; i < from; i++) {
        snapshots[i] = before.get(i).snapshotWithLocalState(1L, 1L, type).getJobManagerOwnedState();
      }
    } finally {
      for (var harness : before) {
        harness.close();
      }
    }

    OperatorSubtaskState all = AbstractStreamOperatorTestHarness.repackageState(snapshots);
    List<KeyedOneInputStreamOperatorTestHarness<String, EventEnvelope, EventEnvelope>> after = new ArrayList<>();
    try {
      for (int i = 0; i < to; i++) {
        var harness = subtask(to, i);
        harness.setup();
        harness.initializeState(
            AbstractStreamOperatorTestHarness.repartitionOperatorState(all, MAX_PARALLELISM, from, to, i));
        harness.open();
        after.add(harness);
      }
      // Every resend is dropped, wherever its entity now lives; every new id passes, once.
      List<EventEnvelope> fresh = events("new-", 500);
      List<EventEnvelope> mixed = new ArrayList<>(first);
      mixed.addAll(fresh);
      mixed.addAll(fresh);
      assertThat(process(after, mixed))
          .containsExactlyElementsOf(fresh.stream().map(EventEnvelope::eventId).toList());
    } finally {
      for (var harness : after) {
        harness.close();
      }
    }
  }

  @Test
  void idsWhoseDigestsShareTheFirst64BitsAreAllKept() throws Exception {
    // Every digest has the same first half: only the second half tells the ids apart.
    EventIdDigest sharedPrefix = id -> new long[] {0x5eed5eed5eed5eedL, id.hashCode()};
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DeduplicateFunction(TTL, CLOCK, sharedPrefix)),
            DeduplicateFunction::entityKey, Types.STRING);
    harness.setStateBackend(new EmbeddedRocksDBStateBackend(true));
    try (harness) {
      harness.open();
      List<String> ids = List.of("evt-a", "evt-b", "evt-c");
      for (String id : ids) {
        harness.processElement(orderPlaced("acme", "order-1", id), 0L);
      }
      for (String id : ids) {
        harness.processElement(orderPlaced("acme", "order-1", id), 0L);
      }
      assertThat(harness.extractOutputValues()).extracting(EventEnvelope::eventId).containsExactlyElementsOf(ids);
    }
  }
}
