package io.strata.flink.ingest;

import io.strata.config.ConfigValues;
import io.strata.event.ValidationConfig;
import io.strata.flink.config.IngestConfig;
import io.strata.flink.internal.ConfigFiles;
import io.strata.flink.internal.JobSettings;
import io.strata.flink.internal.RocksDbState;
import io.strata.schemas.CatalogRelease;
import io.strata.schemas.SchemaFiles;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point for a Flink cluster: {@code IngestJob <strata.properties>}. The event types come from the
 * schemas topic; until a release arrives there (or when the job starts the first time), from the files
 * in {@code strata.ingest.schemas-dir} as release 1.
 */
public final class IngestJob {
  private IngestJob() {}

  public static void main(String[] args) throws Exception {
    IngestConfig config = IngestConfig.from(new ConfigValues(ConfigFiles.load(args)));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(env, config, new CatalogRelease(1, SchemaFiles.load(Path.of(config.schemasDir())), Instant.now()));
    env.execute("strata-ingest");
  }

  /**
   * The ingest job with its Kafka sources and sinks, on the given environment, validating with
   * {@code initial} until a newer release arrives on the schemas topic.
   */
  public static void build(StreamExecutionEnvironment env, IngestConfig config, CatalogRelease initial) {
    JobSettings.apply(env, config.checkpoints());
    env.configure(RocksDbState.settings());
    IngestPipeline.build(
        env,
        config,
        new ValidationConfig(config.maxPayloadBytes()),
        initial,
        IngestConnectors.rawSource(config),
        IngestConnectors.schemaSource(config),
        IngestConnectors.logSink(config),
        IngestConnectors.deadLetterSink(config));
  }
}
