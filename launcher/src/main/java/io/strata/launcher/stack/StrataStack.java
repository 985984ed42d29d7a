package io.strata.launcher.stack;

import io.strata.catalog.CatalogServer;
import io.strata.embedded.EmbeddedKafka;
import io.strata.embedded.EmbeddedS3;
import io.strata.embedded.FreePorts;
import io.strata.embedded.trino.TrinoServer;
import io.strata.flink.ingest.IngestJob;
import io.strata.flink.tier.TierJob;
import io.strata.event.RecordLimits;
import io.strata.flink.maintenance.MaintenanceJob;
import io.strata.tiering.PolicyFiles;
import io.strata.tiering.TieringPolicy;
import io.strata.launcher.projections.ProjectionSupervisor;
import io.strata.views.api.LookupHandler;
import io.strata.views.api.LookupServer;
import io.strata.views.definition.ProjectionFile;
import io.strata.views.store.ViewStore;
import io.strata.views.store.ViewStores;
import io.strata.views.definition.ProjectionFiles;
import io.strata.views.fold.FoldRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import io.strata.launcher.schemas.SchemaReleases;
import io.strata.launcher.sql.TypedViews;
import io.strata.launcher.sql.ViewMigrator;
import io.strata.schemas.Breaking;
import io.strata.schemas.CatalogRelease;
import io.strata.schemas.CompatibilityCheck;
import io.strata.schemas.IncompatibleCatalogException;
import io.strata.schemas.ReleaseDecision;
import io.strata.schemas.SchemaCatalog;
import io.strata.schemas.SchemaFiles;
import java.time.Instant;
import java.util.Optional;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack: object store, Kafka broker, REST catalog, the ingest and tier jobs on a Flink
 * MiniCluster in this JVM, and Trino as a child process on a JDK 24+, with the analyst views applied. Each start resumes the jobs from their latest checkpoint. Closing stops
 * everything in reverse order.
 */
public final class StrataStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StrataStack.class);
  public static final String INGEST = "ingest";
  public static final String TIER = "tier";
  public static final String MAINTENANCE = "maintenance";

  private final StackConfig config;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Map<String, String> endpoints = new LinkedHashMap<>();
  private EmbeddedKafka kafka;
  private FlinkRunner flink;
  private String catalogUri;
  private String trinoJdbcUrl;

  private StrataStack(StackConfig config) {
    this.config = config;
  }

  /** Starts every part; on any failure, stops what had started and rethrows. */
  public static StrataStack start(StackConfig config) throws Exception {
    StrataStack stack = new StrataStack(config);
    try {
      stack.startAll();
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startAll() throws Exception {
    // A bad projection file stops start-up before anything runs, naming the file, the key and why.
    List<ProjectionFile> projections =
        config.viewsEnabled()
            ? ProjectionFiles.loadFiles(Path.of(config.views().projectionsDir()), FoldRegistry.standard())
            : List.of();
    // So does a bad event type file (io.strata.config.FileKeyException) or a breaking change between its versions.
    SchemaCatalog schemas = SchemaFiles.load(Path.of(config.ingest().schemasDir()));
    List<Breaking> breaking = CompatibilityCheck.check(schemas);
    if (!breaking.isEmpty()) {
      throw new IncompatibleCatalogException(breaking);
    }
    // So does a bad tiering policy.
    List<TieringPolicy> policies =
        config.maintenanceEnabled()
            ? PolicyFiles.load(Path.of(config.maintenance().policiesDir()), io.strata.catalog.EventsTable.columnNames())
            : List.of();
    if (config.embeddedS3()) {
      EmbeddedS3 s3 =
          EmbeddedS3.start(config.dataDir().resolve("s3"), config.s3Port(), config.s3Credentials());
      started.push(s3);
      s3.ensureBucket(config.bucket());
    } else {
      StartupChecks.requireBucket(config);
    }
    endpoints.put("S3 endpoint", config.s3Endpoint() + "  (bucket " + config.bucket() + ")");

    kafka =
        EmbeddedKafka.start(
            config.dataDir().resolve("kafka"), config.kafkaPort(), config.kafkaControllerPort());
    started.push(kafka);
    int partitions = config.topicPartitions();
    kafka.ensureTopics(
        Map.of(
            config.ingest().rawTopic(), partitions,
            config.ingest().logTopic(), partitions,
            config.ingest().dlqTopic(), partitions,
            config.ingest().schemasTopic(), 1),
        topicConfigs());
    // The catalog the stack runs is the newest release on the schemas topic; files that differ from it
    // are released now (a change the running catalog cannot take stops start-up, naming the file).
    SchemaReleases releases = new SchemaReleases(kafka.bootstrapServers(), config.ingest().schemasTopic());
    Optional<CatalogRelease> running = releases.latest();
    Optional<CatalogRelease> next = ReleaseDecision.next(running, schemas, Instant.now());
    if (next.isPresent()) {
      releases.publish(next.get());
    }
    CatalogRelease release = next.or(() -> running).orElseThrow();
    endpoints.put("Event types", release.catalog().types().size() + " from " + config.ingest().schemasDir()
        + ", schema catalog release " + release.generation() + " (topic " + config.ingest().schemasTopic() + ")");
    endpoints.put("Kafka bootstrap", kafka.bootstrapServers());

    if (config.embeddedCatalog()) {
      CatalogServer catalog = CatalogServer.start(config.catalog());
      started.push(catalog);
      catalogUri = catalog.uri().toString();
    } else {
      catalogUri = config.tier().catalogUri();
      StartupChecks.requireCatalog(catalogUri, config.tier().catalogToken());
    }
    endpoints.put("Iceberg REST catalog", catalogUri);

    if (config.trinoEnabled()) {
      TrinoServer trino = TrinoServer.start(TrinoSettingsFactory.from(config, catalogUri));
      started.push(trino);
      trinoJdbcUrl = trino.jdbcUrl();
      try (Connection connection = trinoConnection()) {
        ViewMigrator.apply(connection, config.sqlDir());
        TypedViews.apply(connection, release);
      }
      // Each later release (strata schemas apply) replaces the typed views.
      started.push(releases.follow(release.generation(), r -> {
        try (Connection connection = trinoConnection()) {
          TypedViews.apply(connection, r);
        } catch (SQLException e) {
          throw new IllegalStateException("typed views of release " + r.generation() + ": " + e.getMessage(), e);
        }
      }));
      endpoints.put("Trino (JDBC)", trinoJdbcUrl + "  (user strata; bin/strata sql \"...\")");
    }

    FreePorts.requireFree("strata.metrics.port", config.metricsPort());
    int slots = config.slotsFor(projections.size());
    flink = FlinkRunner.start(FlinkSettings.cluster(config, slots), slots);
    started.push(flink);
    endpoints.put("Flink web UI", flink.webUi().toString());
    endpoints.put("Metrics (Prometheus)", "http://127.0.0.1:" + config.metricsPort() + "/metrics  (bin/strata status)");
    flink.submit(INGEST, config.ingest().checkpoints().directory(), env -> IngestJob.build(env, config.ingest(), release));
    flink.submit(TIER, config.tier().checkpoints().directory(), env -> TierJob.build(env, config.tier()));
    if (config.viewsEnabled()) {
      ViewStore store = ViewStores.open(config.views().store());
      started.push(store);
      ProjectionSupervisor supervisor =
          new ProjectionSupervisor(config.views(), flink, store, new StackMetrics(config.metricsPort()), FoldRegistry.standard(),
              Clock.systemUTC());
      started.push(supervisor);
      // A projection file that cannot run as it is (a changed definition under the live version) stops start-up here.
      supervisor.start(projections);
      FreePorts.requireFree("strata.views.port", config.viewsPort());
      LookupServer lookup =
          LookupServer.start("127.0.0.1", config.viewsPort(),
              new LookupHandler(supervisor.live(), store, config.viewTokens(), config.viewsAdminToken(), supervisor));
      started.push(lookup);
      endpoints.put("Lookup API", lookup.uri() + "/v1/views/{projection}/{key}  (Authorization: Bearer <token>)");
      endpoints.put("Views", projections.size() + " projections from " + config.views().projectionsDir() + ", a job each, store "
          + config.views().store());
    }
    if (config.maintenanceEnabled()) {
      flink.submit(MAINTENANCE, config.tier().checkpoints().directory().replaceAll("/tier$", "/maintenance"),
          env -> MaintenanceJob.build(env, config.maintenance()));
      endpoints.put("Maintenance", policies.size() + " tiering policies from " + config.maintenance().policiesDir() + ", a pass every "
          + config.maintenance().interval().toMinutes() + " min (runs in lake.strata.maintenance_runs)");
    }
    endpoints.put("Data directory", config.dataDir().toString());
  }

  private Map<String, Map<String, String>> topicConfigs() {
    Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    // What a producer may send; the hot log and the dead letters take the broker's larger limit.
    configs.put(config.ingest().rawTopic(), Map.of("max.message.bytes", Integer.toString(RecordLimits.MAX_RAW_RECORD_BYTES)));
    // With maintenance on, the policies' hot-log retention trims the hot log, and never past what the
    // lake and the views have committed; the broker's own time retention would not wait for them.
    configs.put(config.ingest().logTopic(), Map.of("retention.ms", config.maintenanceEnabled() ? "-1" : "604800000"));
    configs.put(config.ingest().schemasTopic(), SchemaReleases.topicConfig());
    return configs;
  }

  public StackConfig config() {
    return config;
  }

  /** What runs where, in start order. */
  public Map<String, String> endpoints() {
    return endpoints;
  }

  public String kafkaBootstrap() {
    return kafka.bootstrapServers();
  }

  /** Creates a topic with the stack's partition count, unless it exists. */
  public void ensureTopic(String name) throws Exception {
    kafka.ensureTopics(Map.of(name, config.topicPartitions()));
  }

  public URI catalogUri() {
    return URI.create(catalogUri);
  }

  /** A JDBC connection to the stack's Trino, as user {@code strata}. */
  public Connection trinoConnection() throws SQLException {
    if (trinoJdbcUrl == null) {
      throw new IllegalStateException("Trino is not running (strata.trino.enabled=false)");
    }
    Properties props = new Properties();
    props.setProperty("user", "strata");
    return DriverManager.getConnection(trinoJdbcUrl, props);
  }

  /** The jobs this stack starts itself, in start order (each projection version's job comes and goes with it). */
  public List<String> jobs() {
    List<String> jobs = new java.util.ArrayList<>(List.of(INGEST, TIER));
    if (config.maintenanceEnabled()) {
      jobs.add(MAINTENANCE);
    }
    return List.copyOf(jobs);
  }

  public FlinkRunner flink() {
    return flink;
  }

  public JobID jobId(String name) {
    return FlinkRunner.jobId(name);
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("stopping {} failed", part.getClass().getSimpleName(), e);
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
