package io.strata.flink.views;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.config.ConfigValues;
import io.strata.event.EventEnvelope;
import io.strata.flink.config.ViewsConfig;
import io.strata.flink.views.operator.FoldInput;
import io.strata.flink.views.sink.ViewStoreSink;
import io.strata.flink.views.source.LogEvent;
import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.definition.ProjectionFiles;
import io.strata.views.fold.FoldRegistry;
import io.strata.views.store.StoredView;
import io.strata.views.store.ViewAddress;
import io.strata.views.store.ViewStore;
import io.strata.views.store.ViewStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version's history build and its streaming job together fold every event once, in hot-log order:
 * the history, in shuffled (lake) order, goes through the batch build, which writes the views and a
 * savepoint; the streaming job starts from that savepoint and folds the rest. Every view then equals a
 * fold of all events in hot-log order, with its revision the number of events it holds.
 */
class ViewsHistoryRestoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {
      "name: state\nversion: 2\nkey: entity\nfold: latest-state\n",
      "name: timeline\nversion: 2\nkey: entity\nfold: timeline\nparameters: {limit: 3}\n",
      "name: minutes\nversion: 2\nkey: event-type-minute\nfold: counter\nparameters: {allowed-lateness: 30d}\n",
      "name: orders\nversion: 2\nkey: field:order_id\nevent-types: [order.placed]\nfold: latest-state\n"})
  void historyThenTailEqualsOneFoldOfAllEvents(String definition) throws Exception {
    ProjectionDefinition p = ProjectionFiles.parse("test.yaml", definition, FoldRegistry.standard());
    List<LogEvent> all = events(600);
    List<LogEvent> history = new ArrayList<>(all.subList(0, 400));
    List<LogEvent> tail = List.copyOf(all.subList(400, all.size()));
    // The lake holds a history in no hot-log order.
    Collections.shuffle(history, new Random(7));

    String store = "embedded:" + dir.resolve("views");
    ViewsConfig config = ViewsConfig.from(new ConfigValues(Map.of(
        "strata.views.store", store,
        "strata.checkpoint.dir", dir.resolve("checkpoints").toUri().toString())));
    String savepoint = dir.resolve("savepoint").toUri().toString();

    StreamExecutionEnvironment batch = StreamExecutionEnvironment.createLocalEnvironment(1);
    ViewsHistoryJob.build(batch, config, p, source(history), savepoint);
    batch.execute("history");

    Configuration restore = new Configuration();
    restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    StreamExecutionEnvironment streaming = StreamExecutionEnvironment.createLocalEnvironment(1, restore);
    ViewsPipeline.build(streaming, config, p, source(tail), new ViewStoreSink(store, 50, 500));
    streaming.execute("tail");

    Map<String, Expected> expected = reference(p, history, tail);
    assertThat(expected).hasSizeGreaterThan(5);
    try (ViewStore views = ViewStores.open(store)) {
      for (Map.Entry<String, Expected> e : expected.entrySet()) {
        String[] tenantKey = e.getKey().split("\u0000", 2);
        StoredView view = views.get(new ViewAddress(p.name(), 2, tenantKey[0], tenantKey[1])).orElseThrow(
            () -> new AssertionError("no view " + e.getKey()));
        assertThat(JSON.readTree(new String(view.document(), UTF_8))).as(e.getKey()).isEqualTo(e.getValue().document());
        assertThat(view.revision()).as(e.getKey()).isEqualTo(e.getValue().revision());
      }
    }
  }

  private record Expected(ObjectNode document, long revision) {}

  /**
   * Every view after all events, folded one by one: the history in hot-log order (partition, then
   * offset), then the tail as the job reads it. A key whose events span partitions (a field key, a
   * counter) has no one hot-log order; within each partition the order is the offsets'.
   */
  private static Map<String, Expected> reference(ProjectionDefinition p, List<LogEvent> history, List<LogEvent> tail)
      throws Exception {
    List<LogEvent> ordered = new ArrayList<>(history);
    ordered.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition()) : Long.compare(a.offset(), b.offset()));
    ordered.addAll(tail);
    Map<String, Expected> views = new LinkedHashMap<>();
    for (LogEvent e : ordered) {
      if (!p.accepts(e.event())) {
        continue;
      }
      var key = p.key().of(e.event(), JSON.readTree(e.event().payload()));
      if (key.isEmpty()) {
        continue;
      }
      String id = FoldInput.stateKey(new FoldInput(e.event().tenantId(), key.get(), e.event(), e.partition(), e.offset()));
      Expected before = views.get(id);
      // Numbers as the store's reader parses them back, so documents compare as JSON.
      ObjectNode next = (ObjectNode) JSON.readTree(
          p.fold().apply(before == null ? null : before.document(), e.event(), JSON.readTree(e.event().payload())).toString());
      views.put(id, new Expected(next, before == null ? 1 : before.revision() + 1));
    }
    return views;
  }

  /** Events of 2 tenants and 12 entities over 3 hot-log partitions, each entity in one partition. */
  private static List<LogEvent> events(int count) {
    List<LogEvent> events = new ArrayList<>();
    long[] offsets = new long[3];
    Random random = new Random(42);
    for (int i = 0; i < count; i++) {
      int entity = random.nextInt(12);
      int partition = entity % 3;
      String type = i % 4 == 0 ? "order.shipped" : "order.placed";
      String payload = "{\"order_id\":\"o-" + (entity % 5) + "\",\"amount_cents\":" + i + ",\"step\":" + i + "}";
      EventEnvelope e = new EventEnvelope("e-" + i, type, 1, "tenant-" + (entity % 2), "entity-" + entity,
          T0.plusSeconds(i * 7L), T0.plusSeconds(i * 7L + 1), "test", "c-" + i, null, "entity-" + entity, payload);
      events.add(new LogEvent(e, partition, offsets[partition]++));
    }
    return events;
  }

  private static DataGeneratorSource<LogEvent> source(List<LogEvent> events) {
    List<LogEvent> copy = List.copyOf(events);
    GeneratorFunction<Long, LogEvent> at = i -> copy.get(i.intValue());
    return new DataGeneratorSource<>(at, copy.size(), RateLimiterStrategy.noOp(), TypeInformation.of(LogEvent.class));
  }
}
