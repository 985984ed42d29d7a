package io.strata.flink.internal;

import io.strata.config.ConfigValues;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Reads the one properties file a job's main is given. */
public final class ConfigFiles {
  private ConfigFiles() {}

  public static Map<String, String> load(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: <job> <path to strata.properties>");
    }
    return ConfigValues.readProperties(Path.of(args[0]));
  }
}
