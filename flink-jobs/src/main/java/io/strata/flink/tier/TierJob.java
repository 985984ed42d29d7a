package io.strata.flink.tier;

import io.strata.config.ConfigValues;
import io.strata.flink.config.TierConfig;
import io.strata.flink.internal.ConfigFiles;
import io.strata.flink.internal.JobSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Entry point for a Flink cluster: {@code TierJob <strata.properties>}. */
public final class TierJob {
  private TierJob() {}

  public static void main(String[] args) throws Exception {
    TierConfig config = TierConfig.from(new ConfigValues(ConfigFiles.load(args)));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(env, config);
    env.execute("strata-tier");
  }

  /** The tier job with its Kafka source and Iceberg sink, on the given environment. */
  public static void build(StreamExecutionEnvironment env, TierConfig config) {
    JobSettings.apply(env, config.checkpoints());
    TierPipeline.build(env, config, TierConnectors.logSource(config), TierConnectors.lakeTable(config));
  }
}
