package io.strata.flink.internal;

import io.strata.flink.config.CheckpointSettings;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** What every Strata job sets: checkpointing for exactly-once output, and object reuse. */
public final class JobSettings {
  private JobSettings() {}

  public static void apply(StreamExecutionEnvironment env, CheckpointSettings settings) {
    // Records pass between chained operators without a defensive copy: envelopes are immutable
    // records, and no operator keeps a row after it returns (the Iceberg writer encodes each at once).
    // The copies were about 8% of the tier job's CPU in a profile (BENCHMARKS.md).
    env.getConfig().enableObjectReuse();
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.directory());
    // Kept on cancel and on crash, so the next start resumes from the latest one.
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
    env.configure(conf);
    env.enableCheckpointing(settings.interval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
  }
}
