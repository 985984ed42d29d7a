package io.strata.launcher.bench;

import java.util.List;

/**
 * What one {@code strata bench} run measured; written as JSON next to its charts.
 *
 * @param date when the run started (UTC, ISO-8601)
 * @param commit the checkout's commit ({@code -dirty} with uncommitted changes)
 * @param machine cores, memory, OS and JVM
 * @param checkpointIntervalMs the tier job's checkpoint interval: the lake commits at each of them, so lake
 *     freshness is counted in these intervals
 * @param ingestCheckpointIntervalMs the ingest job's checkpoint interval: events are readable in the hot log
 *     at each of them
 * @param partitions partitions of each topic
 * @param warmUpEvents records sent through the pipeline before the measured phases
 * @param warmUpSeconds from the warm-up's first send to the lake commit holding all of it (cold start)
 * @param events unique valid events sent in each throughput phase: what the lake must then hold
 * @param rawBytes key and value bytes of those events
 * @param ceiling the raw Kafka produce rate of the same events to a plain topic (median of passes)
 * @param ceilingMinEventsPerSecond the slowest ceiling pass
 * @param ceilingMaxEventsPerSecond the fastest ceiling pass
 * @param sustained the lake's commit rate while the pipeline had a backlog of those events (lumpy:
 *     each commit takes what the hot log's last checkpoint made visible)
 * @param endToEnd the same events from the first send to the lake commit that holds the last of them
 * @param ratioToCeiling end-to-end events/s over ceiling events/s
 * @param lakeCommits lake commits during the end-to-end phase
 * @param dataFilesPerCommit data files added per lake commit in that phase
 * @param freshness send-to-lake latency at a steady rate below the end-to-end throughput
 * @param stackUserCpuSeconds user CPU time of the stack in the end-to-end phase, the load generator's
 *     threads excluded
 * @param stackSystemCpuSeconds kernel CPU time of the process in that phase
 * @param producerCpuSeconds CPU time of the load generator (sending thread and producer I/O) in that phase
 * @param peakRssMiB peak resident memory of the JVM that runs the whole stack
 * @param wallSeconds the whole run, start-up included
 * @param curves cumulative counts over time for the chart
 */
public record BenchResult(
    String date,
    String commit,
    String machine,
    long checkpointIntervalMs,
    long ingestCheckpointIntervalMs,
    int partitions,
    long warmUpEvents,
    double warmUpSeconds,
    long events,
    long rawBytes,
    Rate ceiling,
    double ceilingMinEventsPerSecond,
    double ceilingMaxEventsPerSecond,
    Rate sustained,
    Rate endToEnd,
    double ratioToCeiling,
    int lakeCommits,
    double dataFilesPerCommit,
    Freshness freshness,
    double stackUserCpuSeconds,
    double stackSystemCpuSeconds,
    double producerCpuSeconds,
    long peakRssMiB,
    double wallSeconds,
    Curves curves) {

  /** A throughput over a phase. */
  public record Rate(double seconds, double eventsPerSecond, double megabytesPerSecond) {
    static Rate of(long events, long bytes, double seconds) {
      return new Rate(seconds, events / seconds, bytes / 1e6 / seconds);
    }
  }

  /**
   * Send-to-lake latency: from the send of an event to the commit time of the lake snapshot that added
   * it.
   *
   * @param ratePerSecond the steady send rate
   * @param events events sent at that rate
   * @param p99ToInterval p99 over the checkpoint interval (target: at most 2)
   */
  public record Freshness(
      int ratePerSecond,
      long events,
      double p50Seconds,
      double p90Seconds,
      double p99Seconds,
      double maxSeconds,
      double p99ToInterval) {}

  /** Points (seconds since the phase's first send, cumulative count) of each curve. */
  public record Curves(List<double[]> ceilingSent, List<double[]> endToEndSent, List<double[]> lakeRows) {}
}
