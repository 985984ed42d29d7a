package io.strata.launcher.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code strata_*} samples out of Prometheus text format. */
public final class MetricsText {
  private static final Pattern SAMPLE =
      Pattern.compile("^(strata_[a-z_]+)(\\{[^}]*\\})?\\s+([-+0-9.eE]+|NaN)\\s*$");

  private MetricsText() {}

  /** Samples by {@code name{labels}}, in the order they appear. */
  public static Map<String, Double> parse(String text) {
    Map<String, Double> samples = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = SAMPLE.matcher(line.strip());
      if (m.matches()) {
        samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
      }
    }
    return samples;
  }

  /**
   * Per-second rates of the counters ({@code *_total}) between two scrapes {@code seconds} apart, by
   * sample name; a counter that went down (the stack restarted) or is missing from either scrape has
   * none.
   */
  public static Map<String, Double> ratesPerSecond(Map<String, Double> earlier, Map<String, Double> later, double seconds) {
    if (seconds <= 0) {
      throw new IllegalArgumentException("seconds must be positive, got " + seconds);
    }
    Map<String, Double> rates = new LinkedHashMap<>();
    later.forEach(
        (name, value) -> {
          Double before = earlier.get(name);
          boolean counter = name.replaceFirst("\\{.*", "").endsWith("_total");
          if (counter && before != null && value >= before) {
            rates.put(name, (value - before) / seconds);
          }
        });
    return rates;
  }
}
