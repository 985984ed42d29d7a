package io.strata.launcher.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
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

  /** A histogram series: its samples, and the upper bound of the bucket that holds each quantile. */
  public record Histogram(String series, double count, double p50UpperBound, double p99UpperBound) {}

  private static final Pattern BUCKET = Pattern.compile("^(strata_[a-z_]+)_bucket\\{(.*?),?le=\"([^\"]+)\"(.*)\\}$");

  /**
   * The histograms among the samples ({@code name_bucket{..., le="..."}}), one per series (name and
   * labels but {@code le}), in the order they appear, with their count and the bucket bounds under which
   * half and 99% of the observations fall (infinite when above the largest bound).
   */
  public static List<Histogram> histograms(Map<String, Double> samples) {
    Map<String, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
    samples.forEach((name, value) -> {
      Matcher m = BUCKET.matcher(name);
      if (m.matches()) {
        String labels = (m.group(2) + m.group(4)).replaceAll("^,|,$", "");
        String series = m.group(1) + (labels.isEmpty() ? "" : "{" + labels + "}");
        double le = m.group(3).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(3));
        buckets.computeIfAbsent(series, k -> new TreeMap<>()).put(le, value);
      }
    });
    List<Histogram> out = new ArrayList<>();
    buckets.forEach((series, cumulative) -> {
      double count = cumulative.lastEntry().getValue();
      out.add(new Histogram(series, count, bound(cumulative, count * 0.5), bound(cumulative, count * 0.99)));
    });
    return out;
  }

  private static double bound(TreeMap<Double, Double> cumulative, double rank) {
    for (var bucket : cumulative.entrySet()) {
      if (bucket.getValue() >= rank && rank > 0) {
        return bucket.getKey();
      }
    }
    return Double.NaN;
  }

  /** Whether a sample is a histogram's bucket (shown through {@link #histograms} instead). */
  public static boolean isBucket(String name) {
    return name.replaceFirst("\\{.*", "").endsWith("_bucket");
  }
}
