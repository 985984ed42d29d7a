package io.strata.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.launcher.stack.StackConfig;
import io.strata.launcher.stack.StrataStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * Event types as a platform engineer declares them, in one running stack with Trino, through the
 * commands an operator uses: a type registered from files alone is accepted without a restart and its
 * typed view answers; events sent before it existed are replayed from the dead-letter topic exactly once;
 * a version that renames a field and adds one is applied while ingest goes on, and the typed view shows
 * old rows with null and new rows with the value; a breaking change is refused by check and apply and
 * changes nothing; every JSON Schema keyword the demo types use sends a violating payload to the
 * dead-letter topic naming the field and the rule.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaLifecycleIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RETURNED = "order.returned";
  private static final String TYPE_FILE = "type: order.returned\nowner: returns\ndescription: A customer sent an order back.\n";
  private static final String V1 = """
      type: order.returned
      version: 1
      schema:
        type: object
        required: [order_id, reason]
        properties:
          order_id: {type: string, minLength: 1}
          reason: {type: string, enum: [damaged, unwanted]}
      """;
  /** Renames reason (a declared step) and adds an optional field. */
  private static final String V2 = """
      type: order.returned
      version: 2
      schema:
        type: object
        required: [order_id, return_reason]
        properties:
          order_id: {type: string, minLength: 1}
          return_reason: {type: string, enum: [damaged, unwanted]}
          refund_cents: {type: integer, minimum: 0}
      upcast:
        - rename: /reason
          to: return_reason
      """;
  /** refund_cents retyped without an upcaster: breaking. */
  private static final String V3_BREAKING = """
      type: order.returned
      version: 3
      schema:
        type: object
        required: [order_id, return_reason]
        properties:
          order_id: {type: string, minLength: 1}
          return_reason: {type: string, enum: [damaged, unwanted]}
          refund_cents: {type: string}
      """;

  private static Path dir;
  private static Path schemas;
  private static StrataStack stack;
  private static Connection trino;
  private static KafkaProducer<byte[], byte[]> producer;
  private static int sequence;
  /** Event ids of order.returned events sent, by the version they were sent as. */
  private static final Map<String, Integer> returned = new TreeMap<>();

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("strata-schemas-it");
    schemas = dir.resolve("schemas");
    try (var files = Files.walk(Path.of("../schemas"))) {
      for (Path f : files.toList()) {
        Path target = schemas.resolve(Path.of("../schemas").relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    Map<String, String> settings = TestStacks.settings(dir.resolve("data"));
    settings.put("strata.trino.enabled", "true");
    settings.put("strata.maintenance.enabled", "false");
    settings.put("strata.views.enabled", "false");
    settings.put("strata.ingest.schemas-dir", schemas.toString());
    stack = StrataStack.start(StackConfig.from(settings));
    trino = stack.trinoConnection();
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
        ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
  }

  @AfterAll
  static void stop() throws Exception {
    if (producer != null) {
      producer.close();
    }
    if (trino != null) {
      trino.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void aTypeDeclaredInFilesAloneIsAcceptedWithoutARestartAndEventsSentBeforeAreReplayedOnce() throws Exception {
    List<String> early = sendReturned(50, 1, "damaged");
    awaitDeadLetters(r -> header(r, "strata.reason.code").equals("UNKNOWN_EVENT_TYPE"), 50);

    write(RETURNED + "/type.yaml", TYPE_FILE);
    write(RETURNED + "/v1.yaml", V1);
    assertThat(cli("schemas", "check", "--dir", schemas.toString())).as("strata schemas check").isZero();
    Cli apply = cliOutput("schemas", "apply", "--dir", schemas.toString(), "--bootstrap", stack.kafkaBootstrap(),
        "--metrics", metrics());
    assertThat(apply.status()).as(apply.output()).isZero();
    assertThat(apply.output()).contains("released " + schemas + " as schema catalog release 2")
        .contains("the ingest job validates with release 2").contains("typed views in lake.typed are replaced");

    List<String> live = sendReturned(40, 1, "unwanted");
    Cli replay = cliOutput("dlq", "replay", "--reason", "UNKNOWN_EVENT_TYPE", "--type", RETURNED, "--bootstrap", stack.kafkaBootstrap());
    assertThat(replay.status()).as(replay.output()).isZero();
    assertThat(replay.output()).contains("50 of ").contains("0 replayed before (skipped); 50 replayed to events.raw");

    Set<String> expected = new TreeSet<>(early);
    expected.addAll(live);
    awaitLakeIds(expected);
    assertThat(scalar("SELECT count(*) FROM lake.typed.order_returned WHERE reason = 'damaged'")).isEqualTo(50);
    assertThat(scalar("SELECT count(*) FROM lake.typed.order_returned WHERE reason = 'unwanted'")).isEqualTo(40);

    Cli again = cliOutput("dlq", "replay", "--reason", "UNKNOWN_EVENT_TYPE", "--type", RETURNED, "--bootstrap", stack.kafkaBootstrap());
    assertThat(again.output()).contains("50 replayed before (skipped); 0 replayed");
    Thread.sleep(6_000);
    assertThat(lakeIds()).as("after a second replay and three checkpoints").isEqualTo(expected);
    assertThat(PipelineExactlyOnceIT.scrape(stack.config().metricsPort())).containsEntry("strata_job_restarts{job=\"ingest\"}", 0.0);
  }

  @Test
  @Order(2)
  void aVersionThatRenamesAndAddsAFieldIsAppliedWhileIngestGoesOn() throws Exception {
    double validBefore = metric("strata_ingest_events_valid_total{job=\"ingest\"}");
    BackgroundSend load = BackgroundSend.start(PipelineExactlyOnceIT.drain(new io.strata.launcher.generate.EventGenerator(
        new io.strata.launcher.generate.GeneratorConfig(6_000, 0.0, 0.0, 3, 20, Instant.now().minus(Duration.ofDays(1)),
            Duration.ofDays(1), 5))), stack.kafkaBootstrap(), 1_000);
    write(RETURNED + "/v2.yaml", V2);
    Cli apply = cliOutput("schemas", "apply", "--dir", schemas.toString(), "--bootstrap", stack.kafkaBootstrap(), "--metrics", metrics());
    assertThat(apply.status()).as(apply.output()).isZero();
    List<String> v2 = sendReturnedV2(30, 250);
    List<String> oldAfter = sendReturned(20, 1, "damaged");
    load.await();

    Set<String> expected = new TreeSet<>(returned.keySet());
    awaitLakeIds(expected);
    // Rows from before v2 keep what they were: reason, and no return_reason or refund.
    assertThat(scalar("SELECT count(*) FROM lake.typed.order_returned WHERE original_schema_version = 1 AND schema_version = 1"
        + " AND return_reason IS NULL AND refund_cents IS NULL AND reason IS NOT NULL")).isEqualTo(90);
    // v2 rows carry the value.
    assertThat(scalar("SELECT count(*) FROM lake.typed.order_returned WHERE schema_version = 2 AND original_schema_version = 2"
        + " AND refund_cents = 250 AND return_reason = 'damaged'")).isEqualTo(v2.size());
    // A v1 event sent after v2 reads as v2, through the declared rename: its version as sent stays recorded.
    assertThat(scalar("SELECT count(*) FROM lake.typed.order_returned WHERE schema_version = 2 AND original_schema_version = 1"
        + " AND return_reason = 'damaged' AND reason IS NULL AND refund_cents IS NULL")).isEqualTo(oldAfter.size());
    assertThat(metric("strata_ingest_events_valid_total{job=\"ingest\"}")).as("counters of one job run: no restart").isGreaterThan(validBefore);
    assertThat(metric("strata_job_restarts{job=\"ingest\"}")).isZero();
    assertThat(metric("strata_schema_generation{job=\"ingest\"}")).isEqualTo(3.0);
  }

  @Test
  @Order(3)
  void aBreakingChangeIsRefusedByCheckAndApplyAndChangesNothing() throws Exception {
    write(RETURNED + "/v3.yaml", V3_BREAKING);
    String why = schemas.resolve(RETURNED + "/v3.yaml") + ": order.returned v3 is not BACKWARD_TRANSITIVE compatible with v2:"
        + " field 'refund_cents' changes type from integer to string without an upcaster";
    Cli check = cliOutput("schemas", "check", "--dir", schemas.toString());
    assertThat(check.status()).isEqualTo(1);
    assertThat(check.output()).contains(why);
    Cli apply = cliOutput("schemas", "apply", "--dir", schemas.toString(), "--bootstrap", stack.kafkaBootstrap(), "--metrics", metrics());
    assertThat(apply.status()).isEqualTo(1);
    assertThat(apply.output()).contains(why).contains("the running stack is unchanged (release 3)");
    Files.delete(schemas.resolve(RETURNED + "/v3.yaml"));

    Cli list = cliOutput("schemas", "list", "--bootstrap", stack.kafkaBootstrap());
    assertThat(list.output()).contains("schema catalog release 3 of").containsPattern("order\\.returned\\s+v2\\s+BACKWARD_TRANSITIVE");
    assertThat(metric("strata_schema_generation{job=\"ingest\"}")).isEqualTo(3.0);
  }

  @Test
  @Order(4)
  void eachKeywordOfTheDemoSchemasSendsAViolationToTheDeadLetterTopicNamingTheFieldAndRule() throws Exception {
    Map<String, String[]> cases = new java.util.LinkedHashMap<>();
    cases.put("type", new String[] {"order.placed", "2", "{\"amount_cents\":\"12\",\"currency\":\"EUR\"}", "/amount_cents"});
    cases.put("required", new String[] {"order.shipped", "1", "{}", "/order_id"});
    cases.put("enum", new String[] {"user.signed_up", "1", "{\"plan\":\"gold\"}", "/plan"});
    cases.put("minLength", new String[] {"order.shipped", "1", "{\"order_id\":\"\"}", "/order_id"});
    cases.put("maxLength", new String[] {"payment.failed", "1", "{\"error\":\"" + "e".repeat(65) + "\"}", "/error"});
    cases.put("minimum", new String[] {"order.placed", "2", "{\"amount_cents\":-1,\"currency\":\"EUR\"}", "/amount_cents"});
    cases.put("pattern", new String[] {"page.viewed", "1", "{\"path\":\"no-slash\"}", "/path"});
    Map<String, String> idByKeyword = new HashMap<>();
    for (Map.Entry<String, String[]> c : cases.entrySet()) {
      String[] v = c.getValue();
      idByKeyword.put(c.getKey(), send(v[0], Integer.parseInt(v[1]), v[2]));
    }
    List<ConsumerRecord<byte[], byte[]>> letters = awaitDeadLetters(r -> header(r, "strata.reason.code").equals("PAYLOAD_INVALID"), cases.size());
    for (Map.Entry<String, String[]> c : cases.entrySet()) {
      String id = idByKeyword.get(c.getKey());
      ConsumerRecord<byte[], byte[]> letter = letters.stream().filter(r -> new String(r.value(), UTF_8).contains(id)).findFirst()
          .orElseThrow(() -> new AssertionError("no dead letter for " + c.getKey()));
      String[] v = c.getValue();
      assertThat(header(letter, "strata.reason")).as(c.getKey())
          .startsWith("payload of " + v[0] + " v" + v[1] + " at " + v[3] + ": ")
          .endsWith("(" + c.getKey() + ")");
    }
  }

  // ---- helpers ----

  private record Cli(int status, String output) {}

  private static int cli(String... args) {
    return cliOutput(args).status();
  }

  private static Cli cliOutput(String... args) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream both = new PrintStream(output, true, UTF_8);
    PrintStream out = System.out;
    PrintStream err = System.err;
    System.setOut(both);
    System.setErr(both);
    try {
      int status = new CommandLine(new StrataCli()).execute(args);
      return new Cli(status, output.toString(UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private static String metrics() {
    return "http://127.0.0.1:" + stack.config().metricsPort() + "/metrics";
  }

  private static double metric(String series) throws Exception {
    return PipelineExactlyOnceIT.scrape(stack.config().metricsPort()).getOrDefault(series, Double.NaN);
  }

  private static void write(String relative, String text) throws Exception {
    Path file = schemas.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static List<String> sendReturned(int n, int version, String reason) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = send(RETURNED, version, "{\"order_id\":\"o-" + (sequence + 1) + "\",\"reason\":\"" + reason + "\"}");
      returned.put(id, version);
      ids.add(id);
    }
    return ids;
  }

  private static List<String> sendReturnedV2(int n, int refund) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = send(RETURNED, 2, "{\"order_id\":\"o-" + (sequence + 1) + "\",\"return_reason\":\"damaged\",\"refund_cents\":" + refund + "}");
      returned.put(id, 2);
      ids.add(id);
    }
    return ids;
  }

  /** Sends one event as a producer would; returns its id. */
  private static String send(String type, int version, String payload) throws Exception {
    sequence++;
    String id = "schema-it-" + sequence;
    ObjectNode e = JSON.createObjectNode();
    e.put("event_id", id);
    e.put("event_type", type);
    e.put("schema_version", version);
    e.put("tenant_id", "tenant-1");
    e.put("entity_id", "entity-" + (sequence % 7));
    e.put("event_time", Instant.now().minusSeconds(60).toString());
    e.put("source", "schema-it");
    e.put("correlation_id", "c-" + sequence);
    e.set("payload", JSON.readTree(payload));
    producer.send(new ProducerRecord<>("events.raw", ("tenant-1/entity-" + (sequence % 7)).getBytes(UTF_8), e.toString().getBytes(UTF_8)))
        .get();
    return id;
  }

  private static List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(
      java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> which, int atLeast) {
    List<List<ConsumerRecord<byte[], byte[]>>> found = new ArrayList<>();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      List<ConsumerRecord<byte[], byte[]>> letters =
          TopicReader.readCommitted(stack.kafkaBootstrap(), "events.dlq").stream().filter(which).toList();
      found.add(letters);
      return letters.size() >= atLeast;
    });
    return found.get(found.size() - 1);
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), UTF_8);
  }

  private static Set<String> lakeIds() throws Exception {
    Set<String> ids = new TreeSet<>();
    List<String> all = new ArrayList<>();
    try (Statement st = trino.createStatement();
        ResultSet rows = st.executeQuery("SELECT event_id FROM lake.strata.events WHERE event_type = '" + RETURNED + "'")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
        all.add(rows.getString(1));
      }
    }
    assertThat(all).as("order.returned rows in the lake, each once").hasSize(ids.size());
    return ids;
  }

  private static void awaitLakeIds(Set<String> expected) {
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(lakeIds()).isEqualTo(expected));
  }

  private static long scalar(String sql) throws Exception {
    try (Statement st = trino.createStatement();
        ResultSet rows = st.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getLong(1);
    }
  }
}
