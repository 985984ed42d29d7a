package io.strata.launcher.stack;

import io.strata.embedded.FreePorts;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings for a stack of its own beside any other (benchmarks, tests): free ports, its own data
 * directory, no Trino (nothing in the ingest path queries it).
 */
public final class IsolatedStacks {
  private IsolatedStacks() {}

  public static Map<String, String> settings(Path dataDir) {
    Map<String, String> values = new HashMap<>();
    values.put("strata.data-dir", dataDir.toString());
    for (String key :
        new String[] {
          "strata.kafka.port", "strata.kafka.controller-port", "strata.s3.port", "strata.catalog.port",
          "strata.flink.ui-port", "strata.metrics.port", "strata.trino.port", "strata.views.port"
        }) {
      values.put(key, String.valueOf(FreePorts.pick()));
    }
    values.put("strata.trino.enabled", "false");
    return values;
  }
}
