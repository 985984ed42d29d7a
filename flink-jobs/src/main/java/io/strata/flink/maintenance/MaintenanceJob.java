package io.strata.flink.maintenance;

import io.strata.config.ConfigValues;
import io.strata.flink.config.MaintenanceConfig;
import io.strata.flink.internal.ConfigFiles;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Entry point for a Flink cluster: {@code MaintenanceJob <strata.properties>}. A tick every
 * {@code strata.maintenance.interval} starts one maintenance pass, on one task. The job takes no
 * checkpoints: what it has done is in the table (and its runs table), and a restart simply starts
 * with a pass.
 */
public final class MaintenanceJob {
  private MaintenanceJob() {}

  public static void main(String[] args) throws Exception {
    MaintenanceConfig config = MaintenanceConfig.from(new ConfigValues(ConfigFiles.load(args)));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(env, config);
    env.execute("strata-maintenance");
  }

  public static void build(StreamExecutionEnvironment env, MaintenanceConfig config) {
    double perSecond = 1000.0 / config.interval().toMillis();
    DataGeneratorSource<Long> ticks =
        new DataGeneratorSource<>(i -> i, Long.MAX_VALUE, RateLimiterStrategy.perSecond(perSecond), Types.LONG);
    env.fromSource(ticks, WatermarkStrategy.noWatermarks(), "maintenance schedule")
        .uid("maintenance-schedule")
        .setParallelism(1)
        .process(new MaintenancePass(config))
        .uid("maintenance-pass")
        .name("apply tiering policies")
        .setParallelism(1)
        .sinkTo(new DiscardingSink<>())
        .uid("maintenance-done")
        .setParallelism(1);
  }
}
