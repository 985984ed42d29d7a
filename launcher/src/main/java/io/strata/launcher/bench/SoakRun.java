package io.strata.launcher.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.launcher.console.Progress;
import io.strata.launcher.generate.EventChecksum;
import io.strata.launcher.generate.EventGenerator;
import io.strata.launcher.generate.GeneratedRecord;
import io.strata.launcher.generate.GeneratorRun;
import io.strata.launcher.stack.StrataStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The soak: a steady load at a share of the measured end-to-end rate for a long time, on a running
 * stack, sampling memory, garbage collection, the dedup state, checkpoints, lags and freshness as it
 * goes; at the end the lake must hold exactly the unique valid events sent (count and checksum).
 *
 * <ol>
 *   <li>warm-up, as in {@code strata bench};
 *   <li>the end-to-end rate, measured as in {@code strata bench} (unless a rate is given);
 *   <li>the steady load: generated records (5% resent duplicates, 1% invalid) at {@code load} times
 *       that rate, sampled every {@code sampleEvery};
 *   <li>the drain: sampling goes on until the lake holds every unique valid event, then the checksum.
 * </ol>
 */
public final class SoakRun {
  /** How often the run starts a concurrent marking cycle (see {@link SoakSampler#startMarkingCycle}). */
  static final Duration MARKING_EVERY = Duration.ofMinutes(2);

  /**
   * @param duration how long the steady load sends
   * @param load the steady rate as a share of the measured end-to-end rate
   * @param fixedRate records per second instead of measuring, 0 to measure
   * @param sampleEvery time between samples
   * @param warmUpEvents records of the warm-up
   * @param measureEvents events of the end-to-end measurement
   * @param stall how long the lake may stop growing while it has rows to come before the run fails
   */
  public record Settings(
      @JsonIgnore Duration duration, double load, int fixedRate, @JsonIgnore Duration sampleEvery, long warmUpEvents,
      long measureEvents, @JsonIgnore Duration stall) {
    @JsonProperty
    public double durationSeconds() {
      return duration.toMillis() / 1000.0;
    }

    @JsonProperty
    public double sampleSeconds() {
      return sampleEvery.toMillis() / 1000.0;
    }

    public Settings {
      if (duration.toSeconds() < 30) {
        throw new IllegalArgumentException("--minutes must give at least 30 s of steady load");
      }
      if (load <= 0 || load > 1) {
        throw new IllegalArgumentException("--load must be in (0, 1], got " + load);
      }
      if (fixedRate < 0) {
        throw new IllegalArgumentException("--rate must not be negative, got " + fixedRate);
      }
      if (sampleEvery.toMillis() < 1000) {
        throw new IllegalArgumentException("--sample-seconds must be at least 1");
      }
      if (warmUpEvents < 1000) {
        throw new IllegalArgumentException("--warm-up-events must be at least 1000, got " + warmUpEvents);
      }
    }
  }

  /**
   * What a soak run found.
   *
   * @param date when it started
   * @param commit the code's commit
   * @param machine cores, memory, OS, JVM
   * @param settings the run's settings
   * @param measuredRate the end-to-end rate measured before the steady load, events/s (0 when given)
   * @param rate the steady load's records per second
   * @param recordsSent records sent in the steady load (duplicates and invalid ones included)
   * @param uniqueEvents unique valid events among them
   * @param checkpointIntervalMs the stack's checkpoint interval
   * @param dedupTtl the dedup window
   * @param sendSeconds how long the steady load took to send
   * @param drainSeconds from the last send to the lake holding every event
   * @param expectedChecksum the generator's checksum of the unique valid events
   * @param lakeChecksum the checksum of the events the lake's commits of the run added
   * @param peakRssMiB the stack JVM's peak resident memory
   * @param samples the samples, in time order
   * @param verdict first and last windows compared
   */
  public record Result(
      String date, String commit, String machine, Settings settings, double measuredRate, int rate, long recordsSent,
      long uniqueEvents, long checkpointIntervalMs, String dedupTtl, double sendSeconds, double drainSeconds,
      String expectedChecksum, String lakeChecksum, long peakRssMiB, List<SoakSample> samples, SoakVerdict verdict) {}

  private final StrataStack stack;
  private final Settings settings;
  private final Consumer<String> log;

  public SoakRun(StrataStack stack, Settings settings, Consumer<String> log) {
    this.stack = stack;
    this.settings = settings;
    this.log = log;
  }

  public Result run(Path workDir, String commit) throws Exception {
    Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String bootstrap = stack.kafkaBootstrap();
    String rawTopic = stack.config().ingest().rawTopic();
    PipelineBenchmark bench =
        new PipelineBenchmark(
            stack,
            new PipelineBenchmark.Settings(Math.max(1000, settings.measureEvents()), settings.warmUpEvents(), 0.5,
                Duration.ofSeconds(1), settings.stall()),
            log);
    try (LakeWatch lake = new LakeWatch(stack.config().tier().catalogUri(), stack.config().tier().catalogToken())) {
      PipelineBenchmark.Cold cold = bench.warmUp(lake, bootstrap, rawTopic);
      double measured = 0;
      int rate = settings.fixedRate();
      if (rate == 0) {
        EventGenerator measure = new EventGenerator(PipelineBenchmark.generatorConfig(settings.measureEvents(), 0, 0, 42), false);
        RecordFile file = RecordFile.write(workDir.resolve("soak-measure.bin"), measure);
        measured = bench.endToEnd(lake, file, bootstrap, rawTopic, cold.lakeRows()).rate().eventsPerSecond();
        rate = (int) Math.max(100, Math.round(measured * settings.load()));
      }
      List<LakeWatch.Commit> commits = lake.commits();
      LakeWatch.Commit before = commits.get(commits.size() - 1);
      // The run's events are read back at the end as the whole table minus what it holds now: the
      // maintenance job may rewrite and expire the snapshots in between.
      EventChecksum held = lake.checksumAt(before.snapshotId(), new Progress("checksum of the lake before the run", before.totalRecords()));

      long count = rate * settings.duration().toSeconds();
      EventGenerator generator = new EventGenerator(PipelineBenchmark.generatorConfig(count, 0.05, 0.01, 99), false);
      SoakFreshness freshness = new SoakFreshness(count, before.snapshotId());
      SoakSampler sampler = new SoakSampler(stack.config().metricsPort(), freshness, lake, before.totalRecords());
      log.accept(String.format(Locale.ROOT, "steady load: %,d records at %,d/s for %.1f min (%s of %,.0f events/s measured end to end)",
          count, rate, settings.duration().toSeconds() / 60.0, settings.fixedRate() > 0 ? "given" : Math.round(settings.load() * 100) + "%", measured));

      AtomicLong sent = new AtomicLong();
      int sendRate = rate;
      long sendStarted = System.nanoTime();
      CompletableFuture<Void> sending =
          CompletableFuture.runAsync(
              () -> {
                try {
                  GeneratorRun.send(generator, bootstrap, rawTopic, sendRate, (index, record, millis) -> {
                    if (record.kind() == GeneratedRecord.Kind.VALID) {
                      freshness.sent(record.sequence(), millis);
                    }
                    sent.set(index + 1);
                  });
                } catch (Exception e) {
                  throw new IllegalStateException("sending the steady load failed", e);
                }
              });

      List<SoakSample> samples = new ArrayList<>();
      boolean marking = SoakSampler.explicitGcIsConcurrent();
      log.accept(marking
          ? "heap: a concurrent marking cycle every " + MARKING_EVERY.toSeconds() + " s, so that the heap's low points after GC"
              + " show the live set"
          : "heap: no periodic marking (the JVM lacks -XX:+ExplicitGCInvokesConcurrent, which bin/strata soak sets):"
              + " the heap after GC also holds garbage that G1 has not marked yet");
      long markingNanos = MARKING_EVERY.toNanos();
      long nextMarking = System.nanoTime() + markingNanos;
      long sampleNanos = settings.sampleEvery().toNanos();
      long next = System.nanoTime() + sampleNanos;
      double sendSeconds = Double.NaN;
      long unique = -1;
      long lastGrowth = System.nanoTime();
      long lastRows = -1;
      while (true) {
        Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
        next += sampleNanos;
        if (marking && System.nanoTime() >= nextMarking) {
          SoakSampler.startMarkingCycle();
          nextMarking += markingNanos;
        }
        if (sending.isDone() && Double.isNaN(sendSeconds)) {
          sending.join();
          sendSeconds = (System.nanoTime() - sendStarted) / 1e9;
          unique = generator.checksum().count();
          log.accept(String.format(Locale.ROOT, "sent %,d records in %.0f s: %,d unique valid, %,d resent, %,d invalid; draining",
              generator.produced(), sendSeconds, unique, generator.duplicates(), generator.invalid()));
        }
        SoakSample sample = sampler.sample(sent.get());
        samples.add(sample);
        log.accept(line(sample, settings.duration().toSeconds()));
        if (sample.lakeRows() != lastRows) {
          lastRows = sample.lakeRows();
          lastGrowth = System.nanoTime();
        }
        if (unique >= 0 && sample.lakeRows() >= unique) {
          break;
        }
        if (System.nanoTime() - lastGrowth > settings.stall().toNanos()) {
          throw new IllegalStateException("the lake stopped at " + sample.lakeRows() + " rows of the run for "
              + settings.stall().toSeconds() + " s");
        }
      }
      double drainSeconds = (System.nanoTime() - sendStarted) / 1e9 - sendSeconds;

      log.accept("reading back the whole lake for the checksum of the run's events");
      EventChecksum lakeChecksum = lake.checksum(new Progress("checksum", held.count() + unique)).minus(held);
      String expected = generator.checksum().value();
      boolean exact = lakeChecksum.value().equals(expected);
      log.accept(exact
          ? "the lake holds exactly the " + unique + " unique valid events (checksum " + expected + ")"
          : "the lake does NOT hold exactly the events sent: lake " + lakeChecksum.value() + ", expected " + expected);
      SoakVerdict verdict = SoakVerdict.of(samples, sendSeconds, freshness::between, exact);
      return new Result(
          date.toString(), commit, ProcessStats.machine(), settings, measured, rate, generator.produced(), unique,
          stack.config().ingest().checkpoints().interval().toMillis(), stack.config().ingest().dedupTtl().toString(),
          sendSeconds, drainSeconds, expected, lakeChecksum.value(), ProcessStats.peakRssMiB(), samples, verdict);
    }
  }

  private static String line(SoakSample s, long plannedSeconds) {
    return String.format(Locale.ROOT,
        "%5.1f/%.0f min  sent %,d  lake %,d  heap after GC %,.0f MiB  GC %.1f%%  full GCs %d  RSS %,.0f MiB  state %,.0f MiB"
            + " (%,.1fM ids)  checkpoint %.1f of %,.0f MiB in %.1f s  lag %,.0f/%,.0f  freshness p99 %.1f s",
        s.seconds() / 60, plannedSeconds / 60.0, s.sentRecords(), s.lakeRows(), s.heapAfterGcMiB(), s.gcPercent(),
        s.fullGcs(), s.rssMiB(), s.stateMiB(), s.stateKeys() / 1e6, s.checkpointMiB(), s.checkpointFullMiB(),
        s.checkpointSeconds(), s.ingestLag(), s.tierLag(), s.freshnessP99());
  }
}
