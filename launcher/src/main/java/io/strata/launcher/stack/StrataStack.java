package io.strata.launcher.stack;

import io.strata.catalog.CatalogServer;
import io.strata.embedded.EmbeddedKafka;
import io.strata.embedded.EmbeddedS3;
import io.strata.embedded.FreePorts;
import io.strata.embedded.trino.TrinoServer;
import io.strata.flink.ingest.IngestJob;
import io.strata.flink.tier.TierJob;
import io.strata.launcher.sql.ViewMigrator;
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
            config.ingest().dlqTopic(), partitions));
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
      }
      endpoints.put("Trino (JDBC)", trinoJdbcUrl + "  (user strata; bin/strata sql \"...\")");
    }

    FreePorts.requireFree("strata.metrics.port", config.metricsPort());
    flink = FlinkRunner.start(FlinkSettings.cluster(config), config.flinkSlots());
    started.push(flink);
    endpoints.put("Flink web UI", flink.webUi().toString());
    endpoints.put("Metrics (Prometheus)", "http://127.0.0.1:" + config.metricsPort() + "/metrics  (bin/strata status)");
    flink.submit(INGEST, config.ingest().checkpoints().directory(), env -> IngestJob.build(env, config.ingest()));
    flink.submit(TIER, config.tier().checkpoints().directory(), env -> TierJob.build(env, config.tier()));
    endpoints.put("Data directory", config.dataDir().toString());
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
