package io.strata.flink.ingest;

import io.strata.config.ConfigValues;
import io.strata.event.EnvelopeValidator;
import io.strata.event.StrataEventTypes;
import io.strata.event.ValidationConfig;
import io.strata.flink.config.IngestConfig;
import io.strata.flink.internal.ConfigFiles;
import io.strata.flink.internal.JobSettings;
import io.strata.flink.internal.RocksDbState;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Entry point for a Flink cluster: {@code IngestJob <strata.properties>}. */
public final class IngestJob {
  private IngestJob() {}

  public static void main(String[] args) throws Exception {
    IngestConfig config = IngestConfig.from(new ConfigValues(ConfigFiles.load(args)));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(env, config);
    env.execute("strata-ingest");
  }

  /** The ingest job with its Kafka source and sinks, on the given environment. */
  public static void build(StreamExecutionEnvironment env, IngestConfig config) {
    JobSettings.apply(env, config.checkpoints());
    env.configure(RocksDbState.settings());
    EnvelopeValidator validator =
        new EnvelopeValidator(new ValidationConfig(config.maxPayloadBytes()), StrataEventTypes.defaults());
    IngestPipeline.build(
        env,
        config,
        validator,
        IngestConnectors.rawSource(config),
        IngestConnectors.logSink(config),
        IngestConnectors.deadLetterSink(config));
  }
}
