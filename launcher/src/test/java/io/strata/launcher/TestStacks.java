package io.strata.launcher;

import io.strata.embedded.FreePorts;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Stack settings for tests: free ports, a temporary data directory, short checkpoints. */
final class TestStacks {
  private TestStacks() {}

  static Map<String, String> settings(Path dataDir) {
    Map<String, String> values = new HashMap<>();
    values.put("strata.data-dir", dataDir.toString());
    values.put("strata.kafka.port", String.valueOf(FreePorts.pick()));
    values.put("strata.kafka.controller-port", String.valueOf(FreePorts.pick()));
    values.put("strata.s3.port", String.valueOf(FreePorts.pick()));
    values.put("strata.catalog.port", String.valueOf(FreePorts.pick()));
    values.put("strata.flink.ui-port", String.valueOf(FreePorts.pick()));
    values.put("strata.metrics.port", String.valueOf(FreePorts.pick()));
    values.put("strata.checkpoint.interval", "2s");
    // Trino has its own test (TrinoLakeIT); the pipeline tests do not need it.
    values.put("strata.trino.enabled", "false");
    values.put("strata.trino.port", String.valueOf(FreePorts.pick()));
    return values;
  }
}
