package io.strata.flink.internal;

import io.strata.flink.config.CheckpointSettings;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Checkpointing as every Strata job needs it for exactly-once output. */
public final class JobSettings {
  private JobSettings() {}

  public static void applyCheckpointing(StreamExecutionEnvironment env, CheckpointSettings settings) {
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
