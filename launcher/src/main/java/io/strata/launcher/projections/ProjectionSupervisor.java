package io.strata.launcher.projections;

import static java.util.Objects.requireNonNull;

import io.strata.flink.config.ViewsConfig;
import io.strata.flink.views.ViewsHistoryJob;
import io.strata.flink.views.ViewsJob;
import io.strata.launcher.stack.FlinkRunner;
import io.strata.launcher.stack.StackMetrics;
import io.strata.views.api.ProjectionService;
import io.strata.views.api.ProjectionServiceException;
import io.strata.views.api.ProjectionStatus;
import io.strata.views.catalog.CatalogEntry;
import io.strata.views.catalog.LiveProjections;
import io.strata.views.catalog.ProjectionCatalog;
import io.strata.views.catalog.StartPlan;
import io.strata.views.catalog.VersionEntry;
import io.strata.views.catalog.VersionState;
import io.strata.views.definition.DefinitionException;
import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.definition.ProjectionFile;
import io.strata.views.definition.ProjectionFiles;
import io.strata.views.fold.FoldRegistry;
import io.strata.views.store.ViewStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the projections: one Flink job per projection version that folds the hot log, and the builds
 * that make new versions. A build pins the lake's current snapshot, folds its history in a batch job
 * into the version's views and a savepoint ({@link ViewsHistoryJob}), starts the version's job from
 * that savepoint at the hot-log offsets just past the snapshot, and once the job has caught up with the
 * live version (its committed offsets reach the live version's), switches lookups to it in one catalog
 * write and retires the old version: its job is cancelled, its views deleted after the lookups' catalog
 * copies have expired, its consumer group and checkpoints removed.
 *
 * <p>Builds and the catch-up checks run on one thread, one build at a time (two cores: a history build
 * is heavy); the lookup API reads the status from any thread. The catalog has one writer: this.
 */
public final class ProjectionSupervisor implements ProjectionService, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionSupervisor.class);

  private final ViewsConfig config;
  private final FlinkRunner flink;
  private final ViewStore store;
  private final ProjectionCatalog catalog;
  private final StackMetrics metrics;
  private final FoldRegistry folds;
  private final Clock clock;
  private final HotLog hotLog;
  private final ScheduledExecutorService worker;
  /** The projections' files as last read, by name. */
  private final Map<String, ProjectionFile> files = new ConcurrentHashMap<>();
  /** Versions catching up, by projection: the offsets they must reach before they go live. */
  private final Map<String, CatchUp> catchingUp = new ConcurrentHashMap<>();

  private record CatchUp(int version, Map<Integer, Long> target) {}

  public ProjectionSupervisor(ViewsConfig config, FlinkRunner flink, ViewStore store, StackMetrics metrics, FoldRegistry folds, Clock clock) {
    this.config = requireNonNull(config, "config is null");
    this.flink = requireNonNull(flink, "flink is null");
    this.store = requireNonNull(store, "store is null");
    this.catalog = new ProjectionCatalog(store);
    this.metrics = requireNonNull(metrics, "metrics is null");
    this.folds = requireNonNull(folds, "folds is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.hotLog = new HotLog(config.bootstrapServers(), config.logTopic());
    this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "strata-projections");
      t.setDaemon(true);
      return t;
    });
  }

  /** What the lookup API serves from: the live versions and their definitions, read from the catalog. */
  public LiveProjections live() {
    Map<String, ProjectionDefinition> byName = new TreeMap<>();
    files.forEach((name, f) -> byName.put(name, f.definition()));
    return new LiveProjections(catalog, folds, byName, LiveProjections.MAX_AGE_MILLIS, System::currentTimeMillis);
  }

  /**
   * Decides every projection's start from its file and catalog entry ({@link StartPlan}), then starts
   * the live versions' jobs and queues the builds. A file that cannot run as it is stops start-up here.
   */
  public void start(List<ProjectionFile> definitions) throws Exception {
    definitions.forEach(f -> files.put(f.definition().name(), f));
    List<Runnable> later = new ArrayList<>();
    for (String name : new TreeSet<>(files.keySet())) {
      StartPlan.Decision decision = StartPlan.decide(name, Optional.of(files.get(name)), catalog.entry(name),
          v -> hasCheckpoint(name, v), config.projectionsDir(), clock.instant());
      decision.warnings().forEach(LOG::warn);
      catalog.put(name, decision.entry());
      for (StartPlan.Step step : decision.steps()) {
        if (step instanceof StartPlan.RunLive run) {
          runJob(name, run.version());
        } else if (step instanceof StartPlan.CatchUp c) {
          runJob(name, c.version());
          later.add(() -> watch(name, c.version()));
        } else if (step instanceof StartPlan.Build b) {
          // A first version with no history in the lake (a fresh stack) is built at once, so that it
          // serves when the stack says it is ready; one with history is built in the background.
          ProjectionDefinition p = definitionOf(name, b.version(), decision.entry().versions().get(b.version()));
          if (!b.live() && decision.entry().live().isEmpty()
              && !LakeHistory.hasHistory(config.catalogUri(), config.catalogToken(), p.eventTypes())) {
            build(name, b.version(), false);
          } else {
            later.add(() -> build(name, b.version(), b.live()));
          }
        } else if (step instanceof StartPlan.Retire r) {
          later.add(() -> retire(name, r.version()));
        }
      }
    }
    // What was built at once goes live now if it has caught up already (nothing to catch up with).
    checkCatchUps();
    later.forEach(worker::execute);
    worker.scheduleWithFixedDelay(this::checkCatchUps, 1, 1, TimeUnit.SECONDS);
  }

  // ---- the lookup API's side ----

  @Override
  public List<ProjectionStatus> list() {
    List<ProjectionStatus> out = new ArrayList<>();
    for (String name : new TreeSet<>(files.keySet())) {
      describe(name).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public Optional<ProjectionStatus> describe(String name) {
    ProjectionFile file = files.get(name);
    Optional<CatalogEntry> entry = catalog.entry(name);
    if (file == null && entry.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(ProjectionStatuses.of(name, Optional.ofNullable(file), entry.orElse(CatalogEntry.empty()), folds,
        metrics, store, catchingUp.containsKey(name) ? Optional.of(catchingUp.get(name).target()) : Optional.empty(),
        this::committed));
  }

  @Override
  public ProjectionStatus rebuild(String name) {
    Path path = fileOf(name);
    ProjectionFile file;
    try {
      String text = ProjectionFiles.text(path);
      file = new ProjectionFile(ProjectionFiles.parse(path.toString(), text, folds), text);
    } catch (DefinitionException e) {
      throw new ProjectionServiceException(400, e.getMessage());
    }
    if (!file.definition().name().equals(name)) {
      throw new ProjectionServiceException(400, path + ": name: is '" + file.definition().name() + "', not '" + name + "'");
    }
    synchronized (this) {
      CatalogEntry entry = catalog.entry(name).orElse(CatalogEntry.empty());
      int version = file.definition().version();
      for (Map.Entry<Integer, VersionEntry> v : entry.versions().entrySet()) {
        VersionState state = v.getValue().state();
        if (state == VersionState.BUILDING || state == VersionState.CATCHING_UP) {
          throw new ProjectionServiceException(409, "version " + v.getKey() + " of projection '" + name + "' is being built ("
              + state.text() + "): wait for it to go live");
        }
      }
      if (entry.live().isPresent() && version <= entry.live().getAsInt()) {
        throw new ProjectionServiceException(409, path + " defines version " + version + " and version " + entry.live().getAsInt()
            + " is live: change the definition and give it version " + (entry.newestVersion() + 1) + " to rebuild");
      }
      if (entry.version(version).filter(v -> v.state() != VersionState.FAILED).isPresent()) {
        throw new ProjectionServiceException(409, "version " + version + " of projection '" + name + "' was built before ("
            + entry.versions().get(version).state().text() + "): give the new definition version " + (entry.newestVersion() + 1));
      }
      files.put(name, file);
      catalog.put(name, entry.with(version, VersionEntry.building(file.text(), clock.instant())));
      LOG.info("projection {}: version {} queued for a build", name, version);
      worker.execute(() -> build(name, version, false));
    }
    return describe(name).orElseThrow();
  }

  private Path fileOf(String name) {
    ProjectionFile known = files.get(name);
    if (known != null) {
      return Path.of(known.definition().file());
    }
    // A projection added since the stack started: its file is found by name.
    try (var list = Files.list(Path.of(config.projectionsDir()))) {
      for (Path p : list.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
        try {
          if (ProjectionFiles.read(p, folds).name().equals(name)) {
            return p;
          }
        } catch (DefinitionException e) {
          // Not readable; the named file is looked for among the others.
        }
      }
    } catch (java.io.IOException e) {
      throw new ProjectionServiceException(500, "cannot list " + config.projectionsDir() + ": " + e.getMessage());
    }
    throw new ProjectionServiceException(404, "no projection named '" + name + "' in " + config.projectionsDir());
  }

  // ---- builds, catch-up and retirement, on the worker thread ----

  /** Builds {@code version} from the lake's current snapshot; {@code live}: it serves meanwhile (rebuilt in place). */
  private void build(String name, int version, boolean live) {
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
  private void watch(String name, int version) {
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

  private void checkCatchUps() {
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
  private void retire(String name, int version) {
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

  private void runJob(String name, int version) throws Exception {
    VersionEntry entry = catalog.entry(name).orElseThrow().versions().get(version);
    ProjectionDefinition p = definitionOf(name, version, entry);
    flink.submit(ViewsJob.jobName(p), config.checkpoints().directory(), entry.savepoint(),
        env -> ViewsJob.build(env, config, p, entry.startOffsets()));
  }

  private ProjectionDefinition definitionOf(String name, int version, VersionEntry entry) {
    return entry.definition()
        .map(text -> ProjectionFiles.parse(config.projectionsDir() + " (catalog: " + name + " version " + version + ")", text, folds))
        .orElseGet(() -> files.get(name).definition());
  }

  private synchronized void update(String name, int version, VersionEntry entry) {
    catalog.put(name, catalog.entry(name).orElse(CatalogEntry.empty()).with(version, entry));
  }

  private boolean hasCheckpoint(String name, int version) {
    try {
      return FlinkRunner.latestCheckpoint(config.checkpoints().directory(), FlinkRunner.jobId(ViewsJob.jobName(name, version))).isPresent();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Map<Integer, Long> committed(String group) {
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

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    hotLog.close();
  }
}
