package io.strata.launcher.stack;

import org.apache.flink.configuration.Configuration;

/** The MiniCluster's configuration: REST/web UI on 127.0.0.1, S3A for checkpoints on the stack's store. */
final class FlinkSettings {
  private FlinkSettings() {}

  static Configuration cluster(StackConfig config, int slots) {
    Configuration conf = new Configuration();
    conf.setString("rest.address", "127.0.0.1");
    conf.setString("rest.bind-address", "127.0.0.1");
    conf.setString("rest.port", String.valueOf(config.flinkUiPort()));
    conf.setString("jobmanager.bind-host", "127.0.0.1");
    conf.setString("taskmanager.bind-host", "127.0.0.1");
    conf.setString("taskmanager.host", "127.0.0.1");
    conf.setString("state.backend.type", "hashmap");
    // The ingest job's dedup state is in RocksDB (RocksDbState): its working files go under the
    // data directory, not /tmp, and its memory is the slots' managed memory, outside the heap.
    conf.setString("state.backend.rocksdb.localdir", config.dataDir().resolve("flink-state").toString());
    conf.setString("taskmanager.memory.managed.size", config.flinkManagedMemory(slots));
    // Flink's S3 filesystem (Hadoop S3A inside) for s3a:// checkpoint paths.
    conf.setString("s3.endpoint", config.s3Endpoint());
    conf.setString("s3.path.style.access", "true");
    conf.setString("s3.access-key", config.s3Credentials().accessKey());
    conf.setString("s3.secret-key", config.s3Credentials().secretKey());
    conf.setString("s3.endpoint.region", config.catalog().s3Region());
    conf.setString(
        "s3.connection.ssl.enabled", String.valueOf(config.s3Endpoint().startsWith("https://")));
    // Keep S3A directory markers: deleting them after each write makes S3Proxy's filesystem backend
    // retry deletes of non-empty directories with sleeps, which stalls checkpoint completion.
    conf.setString("s3.directory.marker.retention", "keep");
    conf.setString("classloader.check-leaked-classloader", "false");
    // The pipeline's counters, lag and lake commits for Prometheus (strata status reads them too).
    conf.setString(
        "metrics.reporter.strata.factory.class",
        "io.strata.launcher.metrics.StrataMetricsReporterFactory");
    conf.setString("metrics.reporter.strata.port", String.valueOf(config.metricsPort()));
    // The files and rows per lake commit, read from the lake table through the catalog at each scrape.
    conf.setString("metrics.reporter.strata.catalog-uri", config.tier().catalogUri());
    // Flink hides the values of keys with "token" in their name when it prints its configuration.
    config.tier()
        .catalogToken()
        .ifPresent(token -> conf.setString("metrics.reporter.strata.catalog-token", token));
    return conf;
  }
}
