package io.strata.flink.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Reads the one properties file a job's main is given. */
public final class ConfigFiles {
  private ConfigFiles() {}

  public static Map<String, String> load(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: <job> <path to strata.properties>");
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
      props.load(reader);
    }
    Map<String, String> values = new HashMap<>();
    props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k)));
    return values;
  }
}
