package io.strata.flink.views;

import io.strata.config.ConfigValues;
import io.strata.flink.config.ViewsConfig;
import io.strata.flink.internal.ConfigFiles;
import io.strata.flink.internal.JobSettings;
import io.strata.flink.internal.KafkaSettings;
import io.strata.flink.internal.RocksDbState;
import io.strata.flink.views.operator.FoldState;
import io.strata.flink.views.sink.ViewStoreSink;
import io.strata.flink.views.source.LogEvent;
import io.strata.flink.views.source.LogEventDeserializer;
import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.definition.ProjectionFiles;
import io.strata.views.fold.FoldRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * The streaming job of one projection version: it folds the hot log into the version's views. Entry
 * point for a Flink cluster: {@code ViewsJob <strata.properties> <projection file>} (from the earliest
 * hot-log record, or from its checkpoint or savepoint when started from one).
 */
public final class ViewsJob {
  /** A view reaches the store at most this long after its event was folded (plus the store's write). */
  public static final long FLUSH_EVERY_MILLIS = 50;

  private ViewsJob() {}

  public static void main(String[] args) throws Exception {
    ViewsConfig config = ViewsConfig.from(new ConfigValues(ConfigFiles.load(args)));
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: ViewsJob <strata.properties> <projection file>");
    }
    ProjectionDefinition p = ProjectionFiles.read(Path.of(args[1]), FoldRegistry.standard());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(env, config, p, Map.of());
    env.execute("strata-" + jobName(p));
  }

  /** {@code views-entity-state-v2}: the job's name, and its consumer group's after {@code strata-}. */
  public static String jobName(ProjectionDefinition p) {
    return jobName(p.name(), p.version());
  }

  public static String jobName(String projection, int version) {
    return "views-" + projection + "-v" + version;
  }

  /** The consumer group whose offsets the version's job commits at each checkpoint. */
  public static String groupId(String projection, int version) {
    return "strata-" + jobName(projection, version);
  }

  /**
   * The version's job with its Kafka source and view store sink. Without a checkpoint or savepoint to
   * start from, it starts at {@code startOffsets} (partition to offset: where the version's history ends),
   * or, when there are none, at the group's committed offsets or the earliest record.
   */
  public static void build(
      StreamExecutionEnvironment env, ViewsConfig config, ProjectionDefinition p, Map<Integer, Long> startOffsets) {
    JobSettings.apply(env, config.checkpoints());
    env.configure(RocksDbState.settings());
    env.setMaxParallelism(FoldState.MAX_PARALLELISM);
    KafkaSourceBuilder<LogEvent> source =
        KafkaSettings.<LogEvent>committedSource(config.bootstrapServers(), config.logTopic(), groupId(p.name(), p.version()))
            .setDeserializer(new LogEventDeserializer());
    if (!startOffsets.isEmpty()) {
      Map<TopicPartition, Long> offsets = new HashMap<>();
      startOffsets.forEach((partition, offset) -> offsets.put(new TopicPartition(config.logTopic(), partition), offset));
      // No reset: an offset the hot log no longer holds fails the job rather than silently starting elsewhere.
      source.setStartingOffsets(OffsetsInitializer.offsets(offsets, OffsetResetStrategy.NONE));
    }
    KafkaSource<LogEvent> built = source.build();
    ViewsPipeline.build(env, config, p, built, new ViewStoreSink(config.store(), FLUSH_EVERY_MILLIS, 500));
  }
}
