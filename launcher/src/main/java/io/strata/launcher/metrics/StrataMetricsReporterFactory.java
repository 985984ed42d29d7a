package io.strata.launcher.metrics;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Creates the reporter from {@code metrics.reporter.strata.port}; Flink finds it by class name. The
 * reporter reads {@code metrics.reporter.strata.catalog-uri} and {@code .catalog-token} when it opens.
 */
public final class StrataMetricsReporterFactory implements MetricReporterFactory {
  @Override
  public MetricReporter createMetricReporter(Properties properties) {
    String port = properties.getProperty("port", "9249");
    return new StrataMetricsReporter(Integer.parseInt(port));
  }
}
