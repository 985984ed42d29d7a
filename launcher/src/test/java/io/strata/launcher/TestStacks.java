package io.strata.launcher;

import io.strata.launcher.stack.IsolatedStacks;
import java.nio.file.Path;
import java.util.Map;

/**
 * Stack settings for tests: free ports, a temporary data directory, short checkpoints, no Trino (it
 * has its own test, TrinoLakeIT, which turns it on).
 */
final class TestStacks {
  private TestStacks() {}

  static Map<String, String> settings(Path dataDir) {
    Map<String, String> values = IsolatedStacks.settings(dataDir);
    values.put("strata.checkpoint.interval", "2s");
    return values;
  }
}
