package io.strata.launcher.projections;

import static java.util.Objects.requireNonNull;

import io.strata.flink.config.ViewsConfig;
import io.strata.flink.views.ViewsHistoryJob;
import io.strata.flink.views.ViewsJob;
import io.strata.launcher.stack.FlinkRunner;
import io.strata.views.catalog.CatalogEntry;
import io.strata.views.catalog.LiveProjections;
import io.strata.views.catalog.ProjectionCatalog;
import io.strata.views.catalog.VersionEntry;
import io.strata.views.catalog.VersionState;
import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.definition.ProjectionFiles;
import io.strata.views.fold.FoldRegistry;
import io.strata.views.store.ViewStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one projection version, step by step ({@link VersionState}): its build (the lake
 * snapshot pinned, its history folded into views and a savepoint, its job started from there at the
 * offsets just past the snapshot), the watch for its catch-up with the live version, the switch, and the
 * retirement of the version it replaced. Runs on the supervisor's one worker thread; the catalog has one
 * writer, this.
 */
final class VersionLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(VersionLifecycle.class);

  private final ViewsConfig config;
  private final FlinkRunner flink;
  private final ViewStore store;
  private final ProjectionCatalog catalog;
  private final FoldRegistry folds;
  private final Clock clock;
  private final HotLog hotLog;
  private final ScheduledExecutorService worker;
  private final Function<String, ProjectionDefinition> fileDefinitions;
  /** Versions catching up, by projection: the offsets they must reach before they go live. */
  private final Map<String, CatchUp> catchingUp = new ConcurrentHashMap<>();

  private record CatchUp(int version, Map<Integer, Long> target) {}

  VersionLifecycle(ViewsConfig config, FlinkRunner flink, ViewStore store, ProjectionCatalog catalog, FoldRegistry folds,
      Clock clock, HotLog hotLog, ScheduledExecutorService worker, Function<String, ProjectionDefinition> fileDefinitions) {
    this.config = requireNonNull(config, "config is null");
    this.flink = requireNonNull(flink, "flink is null");
    this.store = requireNonNull(store, "store is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.folds = requireNonNull(folds, "folds is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.hotLog = requireNonNull(hotLog, "hotLog is null");
    this.worker = requireNonNull(worker, "worker is null");
    this.fileDefinitions = requireNonNull(fileDefinitions, "fileDefinitions is null");
  }

  /** The offsets a version catching up must reach, if one of the projection's is. */
  Optional<Map<Integer, Long>> catchUpTarget(String name) {
    return Optional.ofNullable(catchingUp.get(name)).map(CatchUp::target);
  }

  /** Builds {@code version} from the lake's current snapshot; {@code live}: it serves meanwhile (rebuilt in place). */
  void build(String name, int version, boolean live) {
    try {
      VersionEntry entry = catalog.entry(name).orElseThrow().versions().get(version);
      ProjectionDefinition p = definitionOf(name, version, entry);
      String job = ViewsJob.jobName(p);
      if (!live) {
        // A build starts from nothing: what an interrupted one wrote goes.
        flink.cancel(job);
        store.deleteVersion(name, version);
        FlinkRunner.delete(FlinkRunner.checkpointsOf(config.checkpoints().directory(), job));
      }
      LakeHistory history = LakeHistory.pin(config.catalogUri(), config.catalogToken(), p.eventTypes());
      Map<Integer, Long> start = startOffsets(history);
      entry = entry.withHistory(history.snapshotId(), start, history.events());
      update(name, version, entry);
      // Until its job commits its own, these offsets keep the hot log from being trimmed past them.
      hotLog.commit(ViewsJob.groupId(name, version), start);
      LOG.info("projection {} version {}: history of {} events in lake snapshot {}, then the hot log from {}",
          name, version, history.events(), history.snapshotId().map(String::valueOf).orElse("(none)"), start);
      if (history.snapshotId().isPresent() && history.events() > 0) {
        String savepoint = config.historySavepoint(name, version, history.snapshotId().get());
        FlinkRunner.delete(savepoint);
        long snapshot = history.snapshotId().get();
        flink.runToEnd(ViewsHistoryJob.jobName(p), env -> ViewsHistoryJob.build(env, config, p, snapshot, savepoint)).get();
        entry = entry.withSavepoint(savepoint);
        LOG.info("projection {} version {}: history folded into its views and {}", name, version, savepoint);
      }
      update(name, version, live ? entry : entry.withState(VersionState.CATCHING_UP, clock.instant(), ""));
      runJob(name, version);
      if (!live) {
        watch(name, version);
      }
    } catch (Exception e) {
      if (Thread.currentThread().isInterrupted() || e instanceof InterruptedException || e.getCause() instanceof InterruptedException) {
        // The stack is stopping: the build starts over at the next start (StartPlan).
        LOG.info("projection {}: the build of version {} stopped with the stack; it starts over at the next start", name, version);
        return;
      }
      LOG.error("projection {}: building version {} failed", name, version, e);
      catalog.entry(name).flatMap(c -> c.version(version)).ifPresent(v -> {
        if (!live) {
          update(name, version, v.withState(VersionState.FAILED, clock.instant(), reason(e)));
        }
      });
    }
  }

  /** Where a version's job starts: just past the snapshot in each partition, or where the hot log starts. */
  private Map<Integer, Long> startOffsets(LakeHistory history) throws Exception {
    Map<Integer, Long> earliest = hotLog.earliest();
    Map<Integer, Long> start = new TreeMap<>();
    for (Map.Entry<Integer, Long> p : earliest.entrySet()) {
      long next = history.nextOffsets().getOrDefault(p.getKey(), p.getValue());
      if (next < p.getValue()) {
        throw new IllegalStateException("the hot log's partition " + p.getKey() + " starts at offset " + p.getValue()
            + ", after the lake snapshot's end (" + next + "): the events between are in neither, so the version"
            + " cannot be built exactly");
      }
      start.put(p.getKey(), next);
    }
    return start;
  }

  /** Starts checking whether a version catching up has reached the live version (or, for a first one, the log's end now). */
  void watch(String name, int version) {
    try {
      CatalogEntry entry = catalog.entry(name).orElseThrow();
      Map<Integer, Long> target = entry.live().isPresent() && entry.live().getAsInt() != version
          ? committed(ViewsJob.groupId(name, entry.live().getAsInt()))
          : hotLog.stableEnd();
      catchingUp.put(name, new CatchUp(version, target));
    } catch (Exception e) {
      LOG.error("projection {}: cannot watch version {} catch up", name, version, e);
    }
  }

  void checkCatchUps() {
    for (Map.Entry<String, CatchUp> c : Map.copyOf(catchingUp).entrySet()) {
      String name = c.getKey();
      int version = c.getValue().version();
      try {
        Map<Integer, Long> committed = committed(ViewsJob.groupId(name, version));
        if (!reached(committed, c.getValue().target())) {
          continue;
        }
        catchingUp.remove(name);
        CatalogEntry before = catalog.entry(name).orElseThrow();
        if (before.live().isPresent() && before.live().getAsInt() != version) {
          // It reached where the live version was when the watch began; it must also not be behind it now.
          Map<Integer, Long> liveNow = committed(ViewsJob.groupId(name, before.live().getAsInt()));
          if (!reached(committed, liveNow)) {
            catchingUp.put(name, new CatchUp(version, liveNow));
            continue;
          }
        }
        CatalogEntry after = before.switchLive(version, clock.instant());
        catalog.put(name, after);
        LOG.info("projection {}: version {} caught up at offsets {} and is live", name, version, committed);
        if (before.live().isPresent() && before.live().getAsInt() != version) {
          int old = before.live().getAsInt();
          worker.schedule(() -> retire(name, old), LiveProjections.MAX_AGE_MILLIS + 1_000, TimeUnit.MILLISECONDS);
        }
      } catch (Exception e) {
        LOG.warn("projection {}: checking version {}'s catch-up failed; trying again", name, version, e);
      }
    }
  }

  private static boolean reached(Map<Integer, Long> committed, Map<Integer, Long> target) {
    return target.entrySet().stream().allMatch(t -> committed.getOrDefault(t.getKey(), -1L) >= t.getValue());
  }

  /**
   * Retires a replaced version, once lookups no longer read it (their catalog copies are at most
   * {@link LiveProjections#MAX_AGE_MILLIS} old): its job stops, then its views, consumer group, checkpoints
   * and history savepoint go.
   */
  void retire(String name, int version) {
    try {
      VersionEntry entry = catalog.entry(name).orElseThrow().versions().get(version);
      String job = ViewsJob.jobName(name, version);
      flink.cancel(job);
      long deleted = store.deleteVersion(name, version);
      hotLog.deleteGroup(ViewsJob.groupId(name, version));
      FlinkRunner.delete(FlinkRunner.checkpointsOf(config.checkpoints().directory(), job));
      if (entry.savepoint().isPresent()) {
        FlinkRunner.delete(entry.savepoint().get());
      }
      update(name, version, entry.withState(VersionState.RETIRED, clock.instant(), deleted + " views deleted"));
      LOG.info("projection {}: version {} retired, {} views deleted", name, version, deleted);
    } catch (Exception e) {
      LOG.error("projection {}: retiring version {} failed; it is retired at the next start", name, version, e);
    }
  }

  void runJob(String name, int version) throws Exception {
    VersionEntry entry = catalog.entry(name).orElseThrow().versions().get(version);
    ProjectionDefinition p = definitionOf(name, version, entry);
    flink.submit(ViewsJob.jobName(p), config.checkpoints().directory(), entry.savepoint(),
        env -> ViewsJob.build(env, config, p, entry.startOffsets()));
  }

  ProjectionDefinition definitionOf(String name, int version, VersionEntry entry) {
    return entry.definition()
        .map(text -> ProjectionFiles.parse(config.projectionsDir() + " (catalog: " + name + " version " + version + ")", text, folds))
        .orElseGet(() -> fileDefinitions.apply(name));
  }

  synchronized void update(String name, int version, VersionEntry entry) {
    catalog.put(name, catalog.entry(name).orElse(CatalogEntry.empty()).with(version, entry));
  }

  boolean hasCheckpoint(String name, int version) {
    try {
      return FlinkRunner.latestCheckpoint(config.checkpoints().directory(), FlinkRunner.jobId(ViewsJob.jobName(name, version))).isPresent();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Map<Integer, Long> committed(String group) {
    try {
      return hotLog.committed(group);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the offsets of consumer group " + group + ": " + e.getMessage(), e);
    }
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

}
