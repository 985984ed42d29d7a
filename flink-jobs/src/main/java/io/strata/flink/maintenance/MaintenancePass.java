package io.strata.flink.maintenance;

import static java.util.Objects.requireNonNull;

import io.strata.catalog.EventsTable;
import io.strata.catalog.RestClientProperties;
import io.strata.flink.config.MaintenanceConfig;
import io.strata.tiering.PolicyException;
import io.strata.tiering.PolicyFiles;
import io.strata.tiering.TieringPolicy;
import io.strata.tiering.lake.LakeMaintenance;
import io.strata.tiering.lake.MaintenanceMetrics;
import io.strata.tiering.lake.RunLog;
import io.strata.tiering.lake.RunRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One maintenance pass per tick of the schedule: the policies read again (a changed file applies from
 * the next pass; a broken one is reported and the last good set kept), the lake maintained
 * ({@link LakeMaintenance}), orphan files cleaned when {@code orphans-every} has passed, and the hot log
 * trimmed. A failed pass is logged and recorded, never fails the job: the next pass starts over from
 * the table as it is.
 */
final class MaintenancePass extends ProcessFunction<Long, String> {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenancePass.class);

  /** The settings, as shipped to the task: {@link MaintenanceConfig} holds an Optional, which does not serialize. */
  private record Settings(String bootstrapServers, String logTopic, String catalogUri, String catalogToken, String policiesDir,
      Duration orphansEvery, String spillDir, int rowsInMemory, List<String> hotLogReaders) implements java.io.Serializable {}

  private final Settings config;
  private transient RESTCatalog catalog;
  private transient Admin admin;
  private transient LakeMaintenance maintenance;
  private transient HotLogTrimmer trimmer;
  private transient List<TieringPolicy> policies;
  private transient Instant lastOrphans;

  MaintenancePass(MaintenanceConfig config) {
    requireNonNull(config, "config is null");
    this.config = new Settings(config.bootstrapServers(), config.logTopic(), config.catalogUri(), config.catalogToken().orElse(null),
        config.policiesDir(), config.orphansEvery(), config.spillDir(), config.rowsInMemory(), new ArrayList<>(config.hotLogReaders()));
  }

  @Override
  public void open(OpenContext openContext) {
    catalog = new RESTCatalog();
    catalog.initialize("strata-maintenance", RestClientProperties.of(config.catalogUri(), java.util.Optional.ofNullable(config.catalogToken())));
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()));
    maintenance = new LakeMaintenance(catalog,
        new LakeMaintenance.Settings(Path.of(config.spillDir()), config.rowsInMemory(), 3), Clock.systemUTC());
    trimmer = new HotLogTrimmer(admin, config.logTopic(), config.hotLogReaders());
    policies = PolicyFiles.load(Path.of(config.policiesDir()), EventsTable.columnNames());
    // The first orphan cleanup comes one orphans-every after the start, not at once: a tier job that
    // has just been restored from an old checkpoint commits the files its state names first.
    lastOrphans = Instant.now();
  }

  @Override
  public void processElement(Long tick, Context ctx, Collector<String> out) {
    Instant started = Instant.now();
    try {
      policies = PolicyFiles.load(Path.of(config.policiesDir()), EventsTable.columnNames());
    } catch (PolicyException e) {
      LOG.error("tiering policies in {} not reloaded, the last good ones apply: {}", config.policiesDir(), e.getMessage());
    }
    if (policies.isEmpty()) {
      return;
    }
    List<RunRecord> records = new ArrayList<>();
    try {
      boolean orphans = !started.isBefore(lastOrphans.plus(config.orphansEvery()));
      records.addAll(maintenance.run(policies, orphans));
      if (orphans) {
        lastOrphans = started;
      }
    } catch (Exception | LinkageError e) {
      LOG.warn("maintenance pass failed; the next one starts over", e);
    }
    records.add(trimHotLog(started));
    long end = System.currentTimeMillis();
    MaintenanceMetrics.pass(records, end, end - started.toEpochMilli());
    long failed = records.stream().filter(r -> !r.succeeded()).count();
    String summary = records.stream().filter(r -> r.filesBefore() != r.filesAfter() || !r.succeeded())
        .map(r -> r.action() + (r.partition() == null ? "" : " " + r.partition()) + " " + r.filesBefore() + "->" + r.filesAfter()
            + (r.succeeded() ? "" : " FAILED: " + r.message()))
        .collect(Collectors.joining("; "));
    LOG.info("maintenance pass {} in {} ms, {} failed{}", tick, end - started.toEpochMilli(), failed,
        summary.isEmpty() ? ": nothing to do" : ": " + summary);
    out.collect(summary);
  }

  private RunRecord trimHotLog(Instant started) {
    // One hot log for every policy of the table: the longest retention holds.
    TieringPolicy keepsMost = policies.stream().max(Comparator.comparing(TieringPolicy::hotLogRetention)).orElseThrow();
    Duration retention = keepsMost.hotLogRetention();
    String runId = UUID.randomUUID().toString();
    try {
      long deleted = trimmer.trim(retention, started);
      MaintenanceMetrics.hotLogDeleted(deleted);
      RunRecord r = new RunRecord(runId, keepsMost.name(), "hot-log-retention", config.logTopic(), deleted, 0, 0, 0, deleted, started,
          System.currentTimeMillis() - started.toEpochMilli(), RunRecord.SUCCEEDED, 1, null, null);
      if (deleted > 0) {
        RunLog.append(RunLog.table(catalog), List.of(r));
      }
      return r;
    } catch (Exception e) {
      LOG.warn("trimming the hot log failed", e);
      return new RunRecord(runId, keepsMost.name(), "hot-log-retention", config.logTopic(), 0, 0, 0, 0, 0, started,
          System.currentTimeMillis() - started.toEpochMilli(), RunRecord.FAILED, 1, e.getClass().getSimpleName() + ": " + e.getMessage(),
          null);
    }
  }

  @Override
  public void close() throws Exception {
    if (admin != null) {
      admin.close();
    }
    if (catalog != null) {
      catalog.close();
    }
  }
}
