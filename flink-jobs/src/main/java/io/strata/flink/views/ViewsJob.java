package io.strata.flink.views;

import io.strata.config.ConfigValues;
import io.strata.flink.config.ViewsConfig;
import io.strata.flink.internal.ConfigFiles;
import io.strata.flink.internal.JobSettings;
import io.strata.flink.internal.KafkaSettings;
import io.strata.flink.internal.RocksDbState;
import io.strata.flink.views.sink.ViewStoreSink;
import io.strata.flink.views.source.LogEvent;
import io.strata.flink.views.source.LogEventDeserializer;
import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.definition.ProjectionFiles;
import io.strata.views.fold.FoldRegistry;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Entry point for a Flink cluster: {@code ViewsJob <strata.properties>}. */
public final class ViewsJob {
  public static final String GROUP_ID = "strata-views";
  /** A view reaches the store at most this long after its event was folded (plus the store's write). */
  public static final long FLUSH_EVERY_MILLIS = 50;

  private ViewsJob() {}

  public static void main(String[] args) throws Exception {
    ViewsConfig config = ViewsConfig.from(new ConfigValues(ConfigFiles.load(args)));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(env, config, ProjectionFiles.load(Path.of(config.projectionsDir()), FoldRegistry.standard()));
    env.execute("strata-views");
  }

  /** The views job with its Kafka source and view store sink, on the given environment. */
  public static void build(StreamExecutionEnvironment env, ViewsConfig config, List<ProjectionDefinition> projections) {
    JobSettings.apply(env, config.checkpoints());
    env.configure(RocksDbState.settings());
    KafkaSource<LogEvent> source =
        KafkaSettings.<LogEvent>committedSource(config.bootstrapServers(), config.logTopic(), GROUP_ID)
            .setDeserializer(new LogEventDeserializer())
            .build();
    ViewsPipeline.build(env, config, projections, source, new ViewStoreSink(config.store(), FLUSH_EVERY_MILLIS, 500));
  }
}
