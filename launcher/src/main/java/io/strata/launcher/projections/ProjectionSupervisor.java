package io.strata.launcher.projections;

import static java.util.Objects.requireNonNull;

import io.strata.flink.config.ViewsConfig;
import io.strata.flink.views.ViewsHistoryJob;
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
 * that make new versions ({@link VersionLifecycle}). At start it decides each projection's start from its
 * file and catalog entry ({@link StartPlan}); afterwards it answers the lookup API's questions about the
 * projections and starts rebuilds. A build pins the lake's current snapshot, folds its history in a batch
 * job into the version's views and a savepoint ({@link ViewsHistoryJob}), starts the version's job from
 * that savepoint at the hot-log offsets just past the snapshot, and once the job has caught up with the
 * live version, switches lookups to it in one catalog write and retires the old version.
 *
 * <p>Builds and the catch-up checks run on one thread, one build at a time (two cores: a history build
 * is heavy); the lookup API reads the status from any thread.
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
  private final VersionLifecycle versions;
  /** The projections' files as last read, by name. */
  private final Map<String, ProjectionFile> files = new ConcurrentHashMap<>();

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
    this.versions = new VersionLifecycle(config, flink, store, catalog, folds, clock, hotLog, worker,
        name -> files.get(name).definition());
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
          v -> versions.hasCheckpoint(name, v), config.projectionsDir(), clock.instant());
      decision.warnings().forEach(LOG::warn);
      catalog.put(name, decision.entry());
      for (StartPlan.Step step : decision.steps()) {
        if (step instanceof StartPlan.RunLive run) {
          versions.runJob(name, run.version());
        } else if (step instanceof StartPlan.CatchUp c) {
          versions.runJob(name, c.version());
          later.add(() -> versions.watch(name, c.version()));
        } else if (step instanceof StartPlan.Build b) {
          // A first version with no history in the lake (a fresh stack) is built at once, so that it
          // serves when the stack says it is ready; one with history is built in the background.
          ProjectionDefinition p = versions.definitionOf(name, b.version(), decision.entry().versions().get(b.version()));
          if (!b.live() && decision.entry().live().isEmpty()
              && !LakeHistory.hasHistory(config.catalogUri(), config.catalogToken(), p.eventTypes())) {
            versions.build(name, b.version(), false);
          } else {
            later.add(() -> versions.build(name, b.version(), b.live()));
          }
        } else if (step instanceof StartPlan.Retire r) {
          later.add(() -> versions.retire(name, r.version()));
        }
      }
    }
    // What was built at once goes live now if it has caught up already (nothing to catch up with).
    versions.checkCatchUps();
    later.forEach(worker::execute);
    worker.scheduleWithFixedDelay(versions::checkCatchUps, 1, 1, TimeUnit.SECONDS);
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
        metrics, store, versions.catchUpTarget(name), versions::committed));
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
    synchronized (versions) {
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
      worker.execute(() -> versions.build(name, version, false));
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
