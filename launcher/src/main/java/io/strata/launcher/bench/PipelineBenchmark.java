package io.strata.launcher.bench;

import io.strata.launcher.bench.BenchResult.Curves;
import io.strata.launcher.bench.BenchResult.Freshness;
import io.strata.launcher.bench.BenchResult.Rate;
import io.strata.launcher.bench.ProcessStats.CpuTimes;
import io.strata.launcher.bench.LakeWatch.Commit;
import io.strata.launcher.generate.EventGenerator;
import io.strata.launcher.generate.GeneratorConfig;
import io.strata.launcher.generate.GeneratorRun;
import io.strata.launcher.generate.GeneratorRun.SendObserver;
import io.strata.launcher.generate.GeneratorRun.SendReport;
import io.strata.launcher.stack.StrataStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The pipeline benchmark, in one run on a running stack:
 *
 * <ol>
 *   <li>warm-up: other events through the whole pipeline until the lake holds them, so that the
 *       measured phases run on compiled code (on 2 cores the JIT takes the first 20-30 s); its time
 *       is reported as the cold start;
 *   <li>ceiling: the generated events sent as fast as the broker takes them to a plain topic, three
 *       times (the median counts);
 *   <li>end to end: the same events to the raw topic, timed from the first send to the lake commit that
 *       holds the last of them (the lake must then hold exactly those events); also the lake's commit
 *       rate while the pipeline had a backlog ({@link Sustained});
 *   <li>freshness: new events at a steady share of the end-to-end rate, each timed from its send to
 *       the commit of the lake snapshot that added it.
 * </ol>
 */
public final class PipelineBenchmark {
  static final String CEILING_TOPIC = "bench.ceiling";
  private static final int CEILING_PASSES = 3;
  private static final int CURVE_POINTS = 200;

  /**
   * @param events unique valid events per throughput phase
   * @param warmUpEvents records of the warm-up phase (5% resent duplicates and 1% invalid mixed in)
   * @param freshnessLoad the freshness phase's send rate as a share of the end-to-end rate
   * @param freshnessDuration how long the freshness phase sends
   * @param stall how long the lake may stop growing before the run fails
   */
  public record Settings(
      long events, long warmUpEvents, double freshnessLoad, Duration freshnessDuration, Duration stall) {
    public Settings {
      if (warmUpEvents < 0) {
        throw new IllegalArgumentException("--warm-up-events must not be negative, got " + warmUpEvents);
      }
      if (events < 1000) {
        throw new IllegalArgumentException("--events must be at least 1000, got " + events);
      }
      if (freshnessLoad <= 0 || freshnessLoad > 1) {
        throw new IllegalArgumentException("--freshness-load must be in (0, 1], got " + freshnessLoad);
      }
      if (freshnessDuration.toSeconds() < 1) {
        throw new IllegalArgumentException("--freshness-seconds must be at least 1");
      }
    }
  }

  /** The result, and every freshness sample in seconds (for the chart; too many for the JSON). */
  public record Outcome(BenchResult result, double[] freshnessSeconds) {}

  private final StrataStack stack;
  private final Settings settings;
  private final Consumer<String> log;

  public PipelineBenchmark(StrataStack stack, Settings settings, Consumer<String> log) {
    this.stack = stack;
    this.settings = settings;
    this.log = log;
  }

  public Outcome run(Path workDir, String commit) throws Exception {
    long started = System.nanoTime();
    Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String bootstrap = stack.kafkaBootstrap();
    String rawTopic = stack.config().ingest().rawTopic();
    long intervalMs = stack.config().tier().checkpoints().interval().toMillis();

    stack.ensureTopic(CEILING_TOPIC);
    // Unique valid events, so that records sent, hot-log records and lake rows are the same count;
    // the warm-up mixes in resent duplicates and invalid records.
    EventGenerator generator = new EventGenerator(generatorConfig(settings.events(), 0, 0, 42), false);
    RecordFile file = RecordFile.write(workDir.resolve("bench-events.bin"), generator);
    long events = file.records();
    log.accept(String.format("generated %,d events (%.0f MB)", events, file.bytes() / 1e6));

    try (LakeWatch lake = new LakeWatch(stack.config().tier().catalogUri(), stack.config().tier().catalogToken())) {
      Cold cold = warmUp(lake, bootstrap, rawTopic);
      long before = cold.lakeRows();

      Ceiling ceiling = ceiling(file, bootstrap);

      EndToEnd e2e = endToEnd(lake, file, bootstrap, rawTopic, before);

      int rate = (int) Math.max(100, Math.round(e2e.rate().eventsPerSecond() * settings.freshnessLoad()));
      double[] freshness = freshness(lake, e2e.done(), rate, before + events);
      Percentiles p = new Percentiles(freshness);
      Freshness fresh =
          new Freshness(rate, freshness.length, p.percentile(50), p.percentile(90), p.percentile(99), p.max(),
              p.percentile(99) * 1000 / intervalMs);
      log.accept(String.format("freshness at %,d events/s: p50 %.2f s, p99 %.2f s", rate, fresh.p50Seconds(), fresh.p99Seconds()));

      long files = e2e.commits().stream().mapToLong(Commit::addedDataFiles).sum();
      BenchResult result =
          new BenchResult(
              date.toString(), commit, ProcessStats.machine(), intervalMs,
              stack.config().ingest().checkpoints().interval().toMillis(), stack.config().topicPartitions(),
              cold.events(), cold.seconds(), events, file.bytes(),
              ceiling.median(), ceiling.minEventsPerSecond(), ceiling.maxEventsPerSecond(), e2e.backlogRate(), e2e.rate(),
              e2e.rate().eventsPerSecond() / ceiling.median().eventsPerSecond(),
              e2e.commits().size(), e2e.commits().isEmpty() ? 0 : (double) files / e2e.commits().size(),
              fresh, e2e.stackCpu().userSeconds(), e2e.stackCpu().systemSeconds(), e2e.sent().producerCpuNanos() / 1e9,
              ProcessStats.peakRssMiB(), (System.nanoTime() - started) / 1e9,
              new Curves(ceiling.curve(), e2e.sentCurve(), e2e.lakeCurve(before)));
      return new Outcome(result, freshness);
    }
  }

  /**
   * What the end-to-end phase measured.
   *
   * @param sent the sends to the raw topic
   * @param done the lake commit that holds the last event
   * @param rate events over the time from the first send to {@code done}
   * @param backlogRate the lake's commit rate while the pipeline had a backlog ({@link Sustained})
   * @param commits the lake commits of the phase, {@code done} the last
   * @param stackCpu the process's CPU in the phase, less the load generator's threads
   * @param sentCurve cumulative sends over time
   */
  record EndToEnd(
      SendReport sent, Commit done, Rate rate, Rate backlogRate, List<Commit> commits, CpuTimes stackCpu,
      List<double[]> sentCurve) {

    /** Lake rows of the phase over time, from zero at the first send. */
    List<double[]> lakeCurve(long rowsBefore) {
      List<double[]> curve = new ArrayList<>();
      curve.add(new double[] {0, 0});
      for (Commit c : commits) {
        curve.add(new double[] {(c.timestampMillis() - sent.firstSendEpochMillis()) / 1000.0, c.totalRecords() - rowsBefore});
      }
      return curve;
    }
  }

  /**
   * The warm-up, the ceiling passes and the end-to-end phase, as {@link #run} has them, on the same
   * events: what a second stack (another setting) is compared by, phase for phase. Returns the ceiling and
   * the end-to-end rate.
   */
  public Rate[] ceilingAndEndToEnd(Path workDir) throws Exception {
    RecordFile file = events(workDir);
    stack.ensureTopic(CEILING_TOPIC);
    try (LakeWatch lake = new LakeWatch(stack.config().tier().catalogUri(), stack.config().tier().catalogToken())) {
      long before = warmUp(lake, stack.kafkaBootstrap(), stack.config().ingest().rawTopic()).lakeRows();
      Rate ceiling = ceiling(file, stack.kafkaBootstrap()).median();
      Rate e2e = endToEnd(lake, file, stack.kafkaBootstrap(), stack.config().ingest().rawTopic(), before).rate();
      return new Rate[] {ceiling, e2e};
    }
  }

  /** The events of a run, as the raw topic gets them: what validation is measured on. */
  public RecordFile events(Path workDir) throws Exception {
    return RecordFile.write(workDir.resolve("bench-events.bin"),
        new EventGenerator(generatorConfig(settings.events(), 0, 0, 42), false));
  }

  /** Sends the file to the raw topic and waits until the lake holds all of it, exactly. */
  EndToEnd endToEnd(LakeWatch lake, RecordFile file, String bootstrap, String rawTopic, long rowsBefore)
      throws Exception {
    long events = file.records();
    CpuTimes cpuBefore = ProcessStats.cpuTimes();
    List<double[]> sentCurve = new ArrayList<>();
    SendReport sent = GeneratorRun.send(file.read(), bootstrap, rawTopic, 0, curve(sentCurve, events));
    log.accept(String.format("sent the same events to %s at %,.0f/s; waiting for the lake", rawTopic, sent.recordsPerSecond()));
    Commit done = lake.awaitTotal(rowsBefore + events, settings.stall());
    CpuTimes stackCpu = ProcessStats.cpuTimes().minus(cpuBefore).minusUser(sent.producerCpuNanos());
    Rate rate = Rate.of(events, file.bytes(), (done.timestampMillis() - sent.firstSendEpochMillis()) / 1000.0);
    List<Commit> commits =
        lake.commits().stream()
            .filter(c -> c.timestampMillis() >= sent.firstSendEpochMillis() && c.timestampMillis() <= done.timestampMillis())
            .toList();
    double bytesPerEvent = (double) file.bytes() / events;
    Rate backlogRate =
        Sustained.of(commits)
            .map(w -> new Rate(w.seconds(), w.rowsPerSecond(), w.rowsPerSecond() * bytesPerEvent / 1e6))
            .orElseGet(() -> {
              log.accept("fewer than 3 lake commits in the phase: its commit rate is the end-to-end rate; send more --events");
              return rate;
            });
    log.accept(String.format("end to end %,.0f events/s (lake commit rate while backlogged %,.0f/s); %d lake commits; the lake holds exactly the %,d events",
        rate.eventsPerSecond(), backlogRate.eventsPerSecond(), commits.size(), events));
    return new EndToEnd(sent, done, rate, backlogRate, commits, stackCpu, sentCurve);
  }

  /** The median of the ceiling passes (its curve too), and the slowest and fastest pass. */
  private record Ceiling(Rate median, double minEventsPerSecond, double maxEventsPerSecond, List<double[]> curve) {}

  /** Sends the file to a plain topic {@value #CEILING_PASSES} times; one pass is noisy on 2 cores. */
  private Ceiling ceiling(RecordFile file, String bootstrap) throws Exception {
    List<Rate> passes = new ArrayList<>();
    List<List<double[]>> curves = new ArrayList<>();
    for (int i = 0; i < CEILING_PASSES; i++) {
      List<double[]> curve = new ArrayList<>();
      SendReport pass = GeneratorRun.send(file.read(), bootstrap, CEILING_TOPIC, 0, curve(curve, file.records()));
      passes.add(Rate.of(pass.records(), pass.bytes(), pass.seconds()));
      curves.add(curve);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < CEILING_PASSES; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> passes.get(i).eventsPerSecond()));
    int median = order.get(CEILING_PASSES / 2);
    Ceiling ceiling =
        new Ceiling(passes.get(median), passes.get(order.get(0)).eventsPerSecond(),
            passes.get(order.get(CEILING_PASSES - 1)).eventsPerSecond(), curves.get(median));
    log.accept(String.format("ceiling: %,.0f events/s (%.1f MB/s) to %s, median of %d passes (%,.0f-%,.0f)",
        ceiling.median().eventsPerSecond(), ceiling.median().megabytesPerSecond(), CEILING_TOPIC, CEILING_PASSES,
        ceiling.minEventsPerSecond(), ceiling.maxEventsPerSecond()));
    return ceiling;
  }

  /** The warm-up's records, the lake's rows after it, and its seconds from first send to lake. */
  record Cold(long events, long lakeRows, double seconds) {}

  Cold warmUp(LakeWatch lake, String bootstrap, String rawTopic) throws Exception {
    if (settings.warmUpEvents() == 0) {
      return new Cold(0, 0, 0);
    }
    EventGenerator generator = new EventGenerator(generatorConfig(settings.warmUpEvents(), 0.05, 0.01, 7), false);
    SendReport sent = GeneratorRun.send(generator, bootstrap, rawTopic, 0);
    Commit warm = lake.awaitTotal(generator.checksum().count(), settings.stall());
    double seconds = (warm.timestampMillis() - sent.firstSendEpochMillis()) / 1000.0;
    log.accept(String.format("warm-up: %,d records in the lake %.1f s after the first send (cold start)", sent.records(), seconds));
    return new Cold(sent.records(), warm.totalRecords(), seconds);
  }

  /** Sends new events at a steady rate and times each from its send to its lake commit, in seconds. */
  private double[] freshness(LakeWatch lake, Commit before, int rate, long lakeRowsBefore) throws Exception {
    int count = (int) Math.min(Integer.MAX_VALUE - 8, (long) rate * settings.freshnessDuration().toSeconds());
    // Only valid, unique events: event i of this run has the generator sequence number i.
    EventGenerator generator = new EventGenerator(generatorConfig(count, 0, 0, 4242), false);
    long[] sentAt = new long[count];
    log.accept(String.format("freshness: sending %,d new events at %,d/s", count, rate));
    GeneratorRun.send(generator, stack.kafkaBootstrap(), stack.config().ingest().rawTopic(), rate,
        (index, record, millis) -> sentAt[(int) index] = millis);
    lake.awaitTotal(lakeRowsBefore + count, settings.stall());
    Map<Long, Long> committedAt = lake.commitTimesAfter(before.snapshotId());
    if (committedAt.size() != count) {
      throw new IllegalStateException(
          "the lake commits after the throughput phase hold " + committedAt.size() + " events, expected " + count);
    }
    double[] seconds = new double[count];
    for (int i = 0; i < count; i++) {
      Long commitMillis = committedAt.get((long) i);
      if (commitMillis == null) {
        throw new IllegalStateException("freshness event #" + i + " is not in the lake");
      }
      seconds[i] = (commitMillis - sentAt[i]) / 1000.0;
    }
    return seconds;
  }

  static GeneratorConfig generatorConfig(long count, double duplicates, double invalid, long seed) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return new GeneratorConfig(count, duplicates, invalid, 5, 200, now.minus(Duration.ofDays(3)), Duration.ofDays(3), seed);
  }

  /** An observer that records about {@value #CURVE_POINTS} points of the cumulative send count. */
  private static SendObserver curve(List<double[]> points, long total) {
    long step = Math.max(1, total / CURVE_POINTS);
    long[] first = {0};
    return (index, record, millis) -> {
      if (index == 0) {
        first[0] = millis;
      }
      if (index % step == 0 || index == total - 1) {
        points.add(new double[] {(millis - first[0]) / 1000.0, index + 1});
      }
    };
  }
}
