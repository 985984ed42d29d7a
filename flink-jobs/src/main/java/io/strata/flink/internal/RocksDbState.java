package io.strata.flink.internal;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBNativeMetricOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;

/**
 * The state backend of the jobs whose keyed state grows with the data: the ingest job (the event ids it
 * remembers) and the views job (one view per key). RocksDB on the task manager's local disk, with
 * incremental checkpoints: the heap does not grow with the state (the dedup state held about 95 bytes
 * per id on the heap and filled a 2 GB heap after ~10 million events), and a checkpoint uploads only
 * the files written since the last one. Set on the job, so a cluster gets it too; the tier job keeps
 * the heap backend (its state is a few offsets and file names).
 *
 * <p>RocksDB's memory (block cache and write buffers) is the slot's managed memory: fixed, outside the
 * heap.
 */
public final class RocksDbState {
  private RocksDbState() {}

  public static Configuration settings() {
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    // Almost every lookup is for an id never seen (a new event): the bloom filter answers most of
    // those misses without reading a data block of every level.
    conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
    // A file's whole filter is ~1.25 bytes per id (3.3 MB for 2.8M ids): as one block it did not stay
    // in the block cache beside the write buffers, and every lookup read it again (pread of 3.3 MB per
    // event, seen with strace: 2,400 events/s). Partitioned, a lookup reads one small partition.
    conf.set(RocksDBOptions.USE_PARTITIONED_INDEX_FILTERS, true);
    // Keys, bytes on disk and live data, for the pipeline's metrics (strata status, the soak).
    conf.set(RocksDBNativeMetricOptions.ESTIMATE_NUM_KEYS, true);
    conf.set(RocksDBNativeMetricOptions.MONITOR_TOTAL_SST_FILES_SIZE, true);
    conf.set(RocksDBNativeMetricOptions.ESTIMATE_LIVE_DATA_SIZE, true);
    return conf;
  }
}
