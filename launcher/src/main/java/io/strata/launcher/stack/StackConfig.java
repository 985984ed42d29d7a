package io.strata.launcher.stack;

import static java.util.Objects.requireNonNull;

import io.strata.catalog.CatalogConfig;
import io.strata.config.ConfigValues;
import io.strata.embedded.S3Credentials;
import io.strata.flink.config.CheckpointSettings;
import io.strata.flink.config.IngestConfig;
import io.strata.flink.config.MaintenanceConfig;
import io.strata.flink.config.TierConfig;
import io.strata.flink.config.ViewsConfig;
import io.strata.views.api.TenantTokens;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of the whole embedded stack ({@code strata up}), and the job and catalog settings derived
 * from them. Keys, with defaults:
 *
 * <ul>
 *   <li>{@code strata.data-dir} (data): everything the stack keeps: Kafka log, objects, catalog
 *   <li>{@code strata.kafka.port} (9092), {@code strata.kafka.controller-port} (9093)
 *   <li>{@code strata.topics.partitions} (4): partitions of each topic the stack creates
 *   <li>{@code strata.s3.embedded} (true): start S3Proxy; false uses {@code strata.s3.endpoint}
 *   <li>{@code strata.s3.port} (9000), {@code strata.s3.bucket} (strata-lake),
 *       {@code strata.s3.access-key} (strata), {@code strata.s3.secret-key} (strata-secret)
 *   <li>{@code strata.catalog.embedded} (true): start the catalog; false uses
 *       {@code strata.tier.catalog-uri}
 *   <li>{@code strata.flink.ui-port} (8081), {@code strata.flink.slots} (0: as many as the jobs need,
 *       one per job: ingest, tier, maintenance, one per projection, and two for a projection's build),
 *       {@code strata.flink.managed-memory} (96mb per slot: off-heap memory the slots share, RocksDB's
 *       cache and write buffers)
 *   <li>{@code strata.metrics.port} (9249): the pipeline's metrics in Prometheus text format
 *   <li>{@code strata.home} (the checkout: the folder holding {@code trino-config/} and {@code sql/})
 *   <li>{@code strata.trino.enabled} (true), {@code strata.trino.port} (8080),
 *       {@code strata.trino.java-home} (found: a JDK 24+), {@code strata.trino.heap} (1G)
 *   <li>{@code strata.views.enabled} (true): run the views job ({@link ViewsConfig}: projections from
 *       {@code <home>/projections}, the embedded store in {@code <data-dir>/views}) and the lookup API on
 *       {@code strata.views.port} (8090) for the tenants of {@code strata.views.tokens}
 *       ({@code <token>=<tenant>,...}; demo tokens for the generator's tenants by default);
 *       {@code strata.views.admin-token} (a demo token: set your own) may rebuild projections
 *   <li>{@code strata.maintenance.enabled} (true): run the maintenance job ({@link MaintenanceConfig}:
 *       policies from {@code <home>/tiering-policies}, sorted runs in {@code <data-dir>/maintenance}); the
 *       hot log's own time retention is then off and the policies' {@code hot-log-retention} trims it
 * </ul>
 *
 * plus the keys of {@link IngestConfig}, {@link TierConfig}, {@link ViewsConfig}, {@link MaintenanceConfig},
 * {@link CheckpointSettings} and
 * {@link CatalogConfig}.
 */
public record StackConfig(
    Path dataDir,
    int kafkaPort,
    int kafkaControllerPort,
    int topicPartitions,
    boolean embeddedS3,
    int s3Port,
    String bucket,
    S3Credentials s3Credentials,
    boolean embeddedCatalog,
    int flinkUiPort,
    int flinkSlots,
    Optional<Long> flinkManagedMemoryBytes,
    int metricsPort,
    Path home,
    boolean trinoEnabled,
    int trinoPort,
    Optional<Path> trinoJavaHome,
    String trinoHeap,
    IngestConfig ingest,
    TierConfig tier,
    boolean viewsEnabled,
    ViewsConfig views,
    int viewsPort,
    TenantTokens viewTokens,
    Optional<String> viewsAdminToken,
    boolean maintenanceEnabled,
    MaintenanceConfig maintenance,
    CatalogConfig catalog,
    Map<String, String> effective) {

  /** Rebuilds projections on a fresh stack; set your own in production. */
  static final String DEMO_ADMIN_TOKEN = "strata-admin-demo-token";
  /** Managed memory per slot when {@code strata.flink.managed-memory} is not set. */
  static final long MANAGED_MEMORY_PER_SLOT = 96L << 20;

  /** Tokens for the generator's tenants, so that a fresh stack answers lookups; set your own in production. */
  static final String DEMO_TOKENS =
      "tenant-0-demo-token=tenant-0,tenant-1-demo-token=tenant-1,tenant-2-demo-token=tenant-2,"
          + "tenant-3-demo-token=tenant-3,tenant-4-demo-token=tenant-4";

  private static final Set<String> KEYS =
      Set.of(
          "strata.data-dir", "strata.kafka.port", "strata.kafka.controller-port",
          "strata.topics.partitions", "strata.s3.embedded", "strata.s3.port", "strata.s3.bucket",
          "strata.s3.access-key", "strata.s3.secret-key", "strata.s3.endpoint", "strata.s3.region",
          "strata.catalog.embedded", "strata.flink.ui-port", "strata.flink.slots", "strata.flink.managed-memory", "strata.home", "strata.metrics.port",
          "strata.trino.enabled", "strata.trino.port", "strata.trino.java-home", "strata.trino.heap",
          "strata.views.enabled", "strata.views.port", "strata.views.tokens", "strata.views.admin-token", "strata.maintenance.enabled",
          CatalogConfig.PORT, CatalogConfig.JDBC_URL, CatalogConfig.JDBC_USER,
          CatalogConfig.JDBC_PASSWORD, CatalogConfig.NAME, CatalogConfig.WAREHOUSE, CatalogConfig.TOKEN);

  public StackConfig {
    requireNonNull(dataDir, "strata.data-dir is null");
    requireNonNull(bucket, "strata.s3.bucket is null");
    requireNonNull(s3Credentials, "strata.s3.access-key is null");
    requireNonNull(ingest, "ingest is null");
    requireNonNull(tier, "tier is null");
    requireNonNull(views, "views is null");
    requireNonNull(maintenance, "maintenance is null");
    requireNonNull(catalog, "catalog is null");
    requireNonNull(home, "strata.home is null");
    requireNonNull(trinoJavaHome, "strata.trino.java-home is null");
    requireNonNull(trinoHeap, "strata.trino.heap is null");
    requireNonNull(flinkManagedMemoryBytes, "strata.flink.managed-memory is null");
    requireNonNull(viewsAdminToken, "strata.views.admin-token is null");
    effective = Map.copyOf(effective);
    if (!embeddedS3 && catalog.s3Endpoint().isEmpty()) {
      throw new IllegalArgumentException("strata.s3.endpoint is required when strata.s3.embedded=false");
    }
  }

  /** Reads and checks everything once; an unknown {@code strata.*} key fails, named. */
  public static StackConfig from(Map<String, String> raw) {
    ConfigValues given = new ConfigValues(raw);
    Set<String> known = new HashSet<>(KEYS);
    known.addAll(IngestConfig.KEYS);
    known.addAll(TierConfig.KEYS);
    known.addAll(ViewsConfig.KEYS);
    known.addAll(MaintenanceConfig.KEYS);
    known.addAll(CheckpointSettings.keysOf("ingest"));
    known.addAll(CheckpointSettings.keysOf("tier"));
    known.addAll(CheckpointSettings.keysOf("views"));
    given.rejectUnknown(Set.of("strata."), known);

    Path dataDir = Path.of(given.string("strata.data-dir", "data")).toAbsolutePath();
    int kafkaPort = given.integer("strata.kafka.port", 9092, 0, 65535);
    int s3Port = given.integer("strata.s3.port", 9000, 0, 65535);
    int catalogPort = given.integer(CatalogConfig.PORT, CatalogConfig.DEFAULT_PORT, 0, 65535);
    String bucket = given.string("strata.s3.bucket", "strata-lake");
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException("strata.s3.bucket is not a valid bucket name: '" + bucket + "'");
    }
    boolean embeddedS3 = bool(given, "strata.s3.embedded");
    boolean embeddedCatalog = bool(given, "strata.catalog.embedded");
    Path home = given.optional("strata.home").map(Path::of).orElseGet(StackConfig::findHome).toAbsolutePath();

    // Defaults that follow from other keys: ports and the bucket.
    Map<String, String> effective = new HashMap<>(raw);
    effective.put("strata.data-dir", dataDir.toString());
    effective.putIfAbsent("strata.kafka.bootstrap-servers", "127.0.0.1:" + kafkaPort);
    effective.putIfAbsent("strata.s3.access-key", "strata");
    effective.putIfAbsent("strata.s3.secret-key", "strata-secret");
    if (embeddedS3) {
      effective.put("strata.s3.endpoint", "http://127.0.0.1:" + s3Port);
    }
    effective.putIfAbsent(CatalogConfig.WAREHOUSE, "s3://" + bucket + "/warehouse");
    effective.putIfAbsent("strata.checkpoint.dir", "s3a://" + bucket + "/checkpoints");
    if (embeddedCatalog) {
      effective.put("strata.tier.catalog-uri", "http://127.0.0.1:" + catalogPort);
    }
    effective.putIfAbsent("strata.views.store", "embedded:" + dataDir.resolve("views"));
    effective.putIfAbsent("strata.views.projections-dir", home.resolve("projections").toString());
    effective.putIfAbsent("strata.ingest.schemas-dir", home.resolve("schemas").toString());
    effective.putIfAbsent("strata.maintenance.policies-dir", home.resolve("tiering-policies").toString());
    effective.putIfAbsent("strata.maintenance.spill-dir", dataDir.resolve("maintenance").toString());
    // The hot log is trimmed only as far as its readers have committed: every projection version's job too.
    effective.putIfAbsent("strata.maintenance.hot-log-readers",
        bool(given, "strata.views.enabled") ? "strata-tier,strata-views-*" : "strata-tier");
    ConfigValues values = new ConfigValues(effective);

    return new StackConfig(
        dataDir,
        kafkaPort,
        given.integer("strata.kafka.controller-port", 9093, 0, 65535),
        given.integer("strata.topics.partitions", 4, 1, 1000),
        embeddedS3,
        s3Port,
        bucket,
        new S3Credentials(effective.get("strata.s3.access-key"), effective.get("strata.s3.secret-key")),
        embeddedCatalog,
        given.integer("strata.flink.ui-port", 8081, 0, 65535),
        given.integer("strata.flink.slots", 0, 0, 256),
        given.optional("strata.flink.managed-memory").map(v -> given.bytes("strata.flink.managed-memory", 0, 16L << 20)),
        given.integer("strata.metrics.port", 9249, 1, 65535),
        home,
        bool(given, "strata.trino.enabled"),
        given.integer("strata.trino.port", 8080, 0, 65535),
        given.optional("strata.trino.java-home").map(Path::of),
        given.string("strata.trino.heap", "1G"),
        IngestConfig.from(values),
        TierConfig.from(values),
        bool(given, "strata.views.enabled"),
        ViewsConfig.from(values),
        given.integer("strata.views.port", 8090, 0, 65535),
        TenantTokens.parse("strata.views.tokens", given.string("strata.views.tokens", DEMO_TOKENS)),
        adminToken(given.string("strata.views.admin-token", DEMO_ADMIN_TOKEN)),
        bool(given, "strata.maintenance.enabled"),
        MaintenanceConfig.from(values),
        catalogConfig(effective),
        effective);
  }

  /** The checkout: this folder or its parent (a module folder, as under Maven) with trino-config/. */
  private static Path findHome() {
    Path here = Path.of("").toAbsolutePath();
    for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
      if (java.nio.file.Files.isDirectory(candidate.resolve("trino-config"))) {
        return candidate;
      }
    }
    return here;
  }

  public Path trinoServerDir() {
    return home.resolve("trino-config/target/trino-server");
  }

  public Path trinoEtcTemplate() {
    return home.resolve("trino-config/etc/single-node");
  }

  /** The task slots of the embedded Flink: as set, or one per job the stack runs ({@code projections} of them), plus two for a build. */
  public int slotsFor(int projections) {
    return flinkSlots > 0 ? flinkSlots : 3 + projections + 2;
  }

  /** The managed memory of {@code slots} slots, as Flink writes a size. */
  public String flinkManagedMemory(int slots) {
    return flinkManagedMemoryBytes.orElse(MANAGED_MEMORY_PER_SLOT * slots) + "b";
  }

  private static Optional<String> adminToken(String token) {
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (!token.matches("[A-Za-z0-9._~+/-]{16,}")) {
      throw new IllegalArgumentException(
          "strata.views.admin-token must be at least 16 letters, digits or ._~+/- (empty: no admin), got a token of "
              + token.length() + " characters");
    }
    return Optional.of(token);
  }

  public Path sqlDir() {
    return home.resolve("sql");
  }

  /** The catalog's own keys: whether to start it at all is the stack's business, not the catalog's. */
  private static CatalogConfig catalogConfig(Map<String, String> effective) {
    Map<String, String> forCatalog = new HashMap<>(effective);
    forCatalog.remove("strata.catalog.embedded");
    return CatalogConfig.fromProperties(forCatalog);
  }

  private static boolean bool(ConfigValues values, String key) {
    String text = values.string(key, "true");
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false, got '" + text + "'");
    }
    return Boolean.parseBoolean(text);
  }

  /** The S3 endpoint every component talks to. */
  public String s3Endpoint() {
    return effective.get("strata.s3.endpoint");
  }

  @Override
  public String toString() {
    return "StackConfig[dataDir=" + dataDir + ", kafkaPort=" + kafkaPort + ", s3=" + s3Endpoint()
        + ", bucket=" + bucket + ", catalog=" + catalog + ", ingest=" + ingest + ", tier=" + tier + "]";
  }
}
