package io.strata.tiering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyFilesTest {
  static final Set<String> COLUMNS = Set.of("event_id", "event_type", "tenant_id", "entity_id", "event_time", "ingest_time");
  static final String VALID =
      """
      name: events
      table: strata.events
      hot-log-retention: 7d
      compaction:
        after: 10m
        target-file-size: 128mb
        max-files-per-partition: 4
        sort-order: [tenant_id, entity_id, event_time]
      cold:
        after: 30d
        target-file-size: 512mb
        compression: zstd
      expire-after: 400d
      snapshots:
        keep: 3d
        min-count: 5
      orphan-files:
        min-age: 3d
      """;

  @TempDir Path dir;

  @Test
  void theShippedPoliciesAreValid() {
    List<TieringPolicy> shipped = PolicyFiles.load(Path.of("..", "tiering-policies"), COLUMNS);
    assertThat(shipped).extracting(TieringPolicy::name).containsExactly("events");
  }

  @Test
  void readsEveryKey() {
    TieringPolicy p = PolicyFiles.parse("events.yaml", VALID, COLUMNS);
    assertThat(p.name()).isEqualTo("events");
    assertThat(p.eventTypes()).isEmpty();
    assertThat(p.hotLogRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(p.compaction()).isEqualTo(new TieringPolicy.Compaction(Duration.ofMinutes(10), 128L << 20, 4,
        List.of("tenant_id", "entity_id", "event_time")));
    assertThat(p.cold()).contains(new TieringPolicy.Cold(Duration.ofDays(30), 512L << 20, "zstd"));
    assertThat(p.expireAfter()).contains(Duration.ofDays(400));
    assertThat(p.snapshotRetention()).isEqualTo(Duration.ofDays(3));
    assertThat(p.minSnapshots()).isEqualTo(5);
    assertThat(p.orphanMinAge()).isEqualTo(Duration.ofDays(3));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "table: strata.events|table: strata.other|table|must be strata.events (the lake's table), got 'strata.other'",
        "name: events|name: Events|name|must be lower-case letters, digits and dashes (at most 63), got 'Events'",
        "hot-log-retention: 7d|hot-log-retention: 10m|hot-log-retention|must be at least 1h, got '10m'",
        "hot-log-retention: 7d|hot-log-retention: a week|hot-log-retention|must be a duration such as 10m, 12h or 30d, got 'a week'",
        "  target-file-size: 128mb|  target-file-size: 10kb|compaction.target-file-size|must be a size of at least 1mb such as 128mb or 1gb, got '10kb'",
        "  max-files-per-partition: 4|  max-files-per-partition: 0|compaction.max-files-per-partition|must be a whole number of at least 1, got '0'",
        "  compression: zstd|  compression: bzip2|cold.compression|must be one of [gzip, lz4, snappy, uncompressed, zstd], got 'bzip2'",
        "  target-file-size: 512mb|  target-file-size: 64mb|cold.target-file-size|must be at least compaction.target-file-size: cold files are bigger",
        "expire-after: 400d|expire-after: 20d|expire-after|must be longer than cold.after (30d): a partition turns cold before it expires",
        "  keep: 3d|  keep: 30s|snapshots.keep|must be at least 1m, got '30s'",
        "  min-age: 3d|  min-age: 30m|orphan-files.min-age|must be at least 1h, got '30m'",
        "  after: 10m|  later: 10m|compaction.later|unknown key; known: after, max-files-per-partition, sort-order, target-file-size",
        "hot-log-retention: 7d|retention: 7d|retention|unknown key; known: cold, compaction, event-types, expire-after, hot-log-retention, name, orphan-files, snapshots, table, tenants",
      })
  void aBadValueNamesTheFileTheKeyAndWhy(String line, String replacement, String key, String why) {
    String text = VALID.replaceFirst(java.util.regex.Pattern.quote(line), replacement);
    assertThat(text).isNotEqualTo(VALID);
    assertThatThrownBy(() -> PolicyFiles.parse("p.yaml", text, COLUMNS))
        .isInstanceOfSatisfying(PolicyException.class, e -> {
          assertThat(e.file()).isEqualTo("p.yaml");
          assertThat(e.key()).isEqualTo(key);
        })
        .hasMessage("p.yaml: " + key + ": " + why);
  }

  @Test
  void aSortOrderNamesColumnsOfTheTable() {
    String text = VALID.replace("[tenant_id, entity_id, event_time]", "[tenant, event_time]");
    assertThatThrownBy(() -> PolicyFiles.parse("p.yaml", text, COLUMNS))
        .hasMessageStartingWith("p.yaml: compaction.sort-order: 'tenant' is not a column of strata.events; its columns: entity_id,");
  }

  @Test
  void tenantsCannotScopeAPolicyAndTheMessageSaysWhy() {
    assertThatThrownBy(() -> PolicyFiles.parse("p.yaml", VALID + "tenants: [acme]\n", COLUMNS))
        .hasMessage("p.yaml: tenants: a policy cannot be scoped to tenants: tenant is not a partition dimension of"
            + " strata.events (day and event type are), so a tenant's retention would need row-level deletes");
  }

  @Test
  void aMissingSectionIsNamed() {
    String text = VALID.substring(0, VALID.indexOf("snapshots:"));
    assertThatThrownBy(() -> PolicyFiles.parse("p.yaml", text, COLUMNS)).hasMessage("p.yaml: snapshots: is required");
  }

  @Test
  void twoPoliciesMayNotGovernTheSamePartitions() throws Exception {
    Files.writeString(dir.resolve("a.yaml"), VALID.replace("name: events", "name: a") + "event-types: [page.viewed, order.placed]\n");
    Files.writeString(dir.resolve("b.yaml"), VALID.replace("name: events", "name: b") + "event-types: [order.placed]\n");
    assertThatThrownBy(() -> PolicyFiles.load(dir, COLUMNS))
        .isInstanceOf(PolicyException.class)
        .hasMessage(dir.resolve("b.yaml") + ": event-types: governs event types [order.placed], as " + dir.resolve("a.yaml")
            + " does: a partition has one policy");

    Files.writeString(dir.resolve("b.yaml"), VALID.replace("name: events", "name: b") + "event-types: [user.signed_up]\n");
    assertThat(PolicyFiles.load(dir, COLUMNS)).extracting(TieringPolicy::name).containsExactly("a", "b");
  }
}
