package io.strata.flink.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.config.ConfigValues;
import io.strata.flink.config.IngestConfig;
import io.strata.flink.ingest.IngestJob;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class IngestStateBackendTest {
  @Test
  void theIngestJobKeepsItsStateInRocksDbWithIncrementalCheckpoints() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    IngestJob.build(env, IngestConfig.from(new ConfigValues(Map.of())), io.strata.flink.TestingEvents.shippedRelease());

    var conf = env.getConfiguration();
    assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    assertThat(conf.get(RocksDBConfigurableOptions.USE_BLOOM_FILTER)).isTrue();
    assertThat(conf.get(RocksDBOptions.USE_PARTITIONED_INDEX_FILTERS)).isTrue();
  }
}
