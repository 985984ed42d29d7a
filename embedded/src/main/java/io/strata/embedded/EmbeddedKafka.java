package io.strata.embedded;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka broker in KRaft combined mode (broker and controller in one node) inside this JVM, with
 * its log under a directory that survives restarts. Close it in a finally block: its threads keep the
 * JVM alive.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int NODE_ID = 1;
  /**
   * The largest record batch the broker takes on a topic without a limit of its own
   * ({@code message.max.bytes}); equal to {@code io.strata.event.RecordLimits.MAX_RECORD_BYTES} (a test
   * checks), which the stack's producers use as {@code max.request.size}.
   */
  public static final int MAX_MESSAGE_BYTES = (2 << 20) + (64 << 10);

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Formats {@code dataDir} on first use, then starts the broker. A port of 0 picks a free one; a taken
   * port fails with its key named.
   */
  public static EmbeddedKafka start(Path dataDir, int port, int controllerPort) throws Exception {
    requireNonNull(dataDir, "dataDir is null");
    int brokerPort = port == 0 ? FreePorts.pick() : FreePorts.requireFree("strata.kafka.port", port);
    int ctlPort =
        controllerPort == 0
            ? FreePorts.pick()
            : FreePorts.requireFree("strata.kafka.controller-port", controllerPort);
    Path logDir = dataDir.toAbsolutePath();
    Files.createDirectories(logDir);

    Properties props = new Properties();
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("process.roles", "broker,controller");
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + ctlPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + ctlPort);
    props.put("log.dirs", logDir.toString());
    // A single node: every internal topic has one replica.
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "4");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "4");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "false");
    props.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "4");
    props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    KafkaConfig config = new KafkaConfig(props, false);

    if (!Files.exists(logDir.resolve("meta.properties"))) {
      Formatter formatter =
          new Formatter()
              .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
              .setNodeId(NODE_ID)
              .setClusterId(Uuid.randomUuid().toString())
              .addDirectory(logDir.toString())
              .setMetadataLogDirectory(logDir.toString())
              .setControllerListenerName("CONTROLLER")
              .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
              .setReleaseVersion(MetadataVersion.latestProduction());
      formatter.run();
      LOG.info("formatted a new Kafka log under {}", logDir);
    }

    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    String bootstrap = "127.0.0.1:" + brokerPort;
    EmbeddedKafka kafka = new EmbeddedKafka(server, bootstrap);
    try {
      kafka.awaitReady(Duration.ofSeconds(60));
    } catch (Exception e) {
      kafka.close();
      throw e;
    }
    LOG.info("Kafka (KRaft, one node) listening on {}, log under {}", bootstrap, logDir);
    return kafka;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
  }

  /**
   * Creates the topics that do not exist yet (existing ones are left as they are) and returns once
   * every partition of them has a leader: a producer that sends to a partition still without one gets
   * NOT_LEADER_OR_FOLLOWER, and an idempotent producer's retries can then stall on out-of-order
   * sequence numbers (seen with a topic created just before a full-speed send).
   */
  public void ensureTopics(Map<String, Integer> partitionsByTopic) throws Exception {
    ensureTopics(partitionsByTopic, Map.of());
  }

  /**
   * As {@link #ensureTopics(Map)}, and sets each topic's configuration in {@code configsByTopic} (on a
   * topic that exists already too, so that a change of limits reaches a stack started before it).
   */
  public void ensureTopics(Map<String, Integer> partitionsByTopic, Map<String, Map<String, String>> configsByTopic)
      throws Exception {
    try (Admin admin = admin()) {
      List<NewTopic> topics = new ArrayList<>();
      partitionsByTopic.forEach((name, partitions) ->
          topics.add(new NewTopic(name, partitions, (short) 1).configs(configsByTopic.getOrDefault(name, Map.of()))));
      var result = admin.createTopics(topics);
      for (var entry : result.values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
          LOG.info("created topic {}", entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
      configsByTopic.forEach((name, configs) -> changes.put(new ConfigResource(ConfigResource.Type.TOPIC, name),
          configs.entrySet().stream().map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET)).toList()));
      if (!changes.isEmpty()) {
        admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
      }
      awaitLeaders(admin, partitionsByTopic.keySet(), Duration.ofSeconds(30));
    }
  }

  private static void awaitLeaders(Admin admin, Collection<String> topics, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> waiting = new ArrayList<>();
      try {
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
          for (TopicPartitionInfo partition : topic.partitions()) {
            if (partition.leader() == null || partition.leader().isEmpty()) {
              waiting.add(topic.name() + "-" + partition.partition());
            }
          }
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
        waiting.add(e.getCause().getMessage());
      }
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no leader after " + timeout.toSeconds() + " s for " + waiting);
      }
      Thread.sleep(50);
    }
  }

  private void awaitReady(Duration timeout) throws Exception {
    try (Admin admin = admin()) {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
