package io.strata.views.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.views.fold.CounterFold;
import io.strata.views.fold.FoldRegistry;
import io.strata.views.fold.LatestStateFold;
import io.strata.views.fold.TimelineFold;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionFilesTest {
  private static final FoldRegistry FOLDS = FoldRegistry.standard();

  private static ProjectionDefinition parse(String yaml) {
    return ProjectionFiles.parse("projections/p.yaml", yaml, FOLDS);
  }

  @Test
  void theShippedDefinitionsLoad() {
    List<ProjectionDefinition> shipped = ProjectionFiles.load(Path.of("../projections"), FOLDS);
    assertThat(shipped).extracting(ProjectionDefinition::name)
        .containsExactly("entity-state", "entity-timeline", "events-per-minute");
    assertThat(shipped.get(1).fold()).isInstanceOfSatisfying(TimelineFold.class, f -> assertThat(f.limit()).isEqualTo(20));
    assertThat(shipped.get(2).fold())
        .isInstanceOfSatisfying(CounterFold.class, f -> assertThat(f.allowedLateness()).isEqualTo(Duration.ofDays(4)));
  }

  @Test
  void everyKeyMaps() {
    ProjectionDefinition d =
        parse("""
            name: orders-by-customer
            version: 3
            description: Orders by customer.
            key: field:customer_id
            event-types: [order.placed, order.shipped]
            fold: timeline
            parameters: {limit: 5}
            ttl: 12h
            """);
    assertThat(d.name()).isEqualTo("orders-by-customer");
    assertThat(d.version()).isEqualTo(3);
    assertThat(d.description()).isEqualTo("Orders by customer.");
    assertThat(d.key()).isEqualTo(new KeySpec(KeySpec.Kind.FIELD, "customer_id"));
    assertThat(d.eventTypes()).isEqualTo(Set.of("order.placed", "order.shipped"));
    assertThat(d.foldName()).isEqualTo("timeline");
    assertThat(((TimelineFold) d.fold()).limit()).isEqualTo(5);
    assertThat(d.ttl()).isEqualTo(Duration.ofHours(12));
    assertThat(d.id()).isEqualTo("orders-by-customer@3");
  }

  @Test
  void defaults() {
    ProjectionDefinition d = parse("name: s\nversion: 1\nkey: entity\nfold: latest-state\n");
    assertThat(d.eventTypes()).isEmpty();
    assertThat(d.ttl()).isEqualTo(ProjectionFiles.DEFAULT_TTL);
    assertThat(d.description()).isEmpty();
    assertThat(d.fold()).isInstanceOf(LatestStateFold.class);
  }

  @Test
  void badDefinitionsNameTheFileTheKeyAndWhy() {
    assertThatThrownBy(() -> parse("name: s\nversion: 1\nkey: entity\nfold: latest-state\ncolour: red\n"))
        .hasMessageStartingWith("projections/p.yaml: colour: unknown key; known: description, event-types, fold");
    assertThatThrownBy(() -> parse("version: 1\nkey: entity\nfold: latest-state\n"))
        .hasMessage("projections/p.yaml: name: is required");
    assertThatThrownBy(() -> parse("name: Bad_Name\nversion: 1\nkey: entity\nfold: latest-state\n"))
        .hasMessage("projections/p.yaml: name: must be lower-case letters, digits and dashes (at most 63), got 'Bad_Name'");
    assertThatThrownBy(() -> parse("name: s\nversion: zero\nkey: entity\nfold: latest-state\n"))
        .hasMessage("projections/p.yaml: version: must be a whole number of at least 1, got 'zero'");
    assertThatThrownBy(() -> parse("name: s\nversion: 1\nkey: tenant\nfold: latest-state\n"))
        .hasMessage("projections/p.yaml: key: must be entity, field:<payload field> or event-type-minute, got 'tenant'");
    assertThatThrownBy(() -> parse("name: s\nversion: 1\nkey: entity\nfold: sum\n"))
        .hasMessage("projections/p.yaml: fold: no fold named 'sum'; known: counter, latest-state, timeline");
    assertThatThrownBy(() -> parse("name: s\nversion: 1\nkey: entity\nfold: timeline\nparameters: {limit: 0}\n"))
        .hasMessage("projections/p.yaml: parameters.limit: must be between 1 and 1000, got 0");
    assertThatThrownBy(() -> parse("name: s\nversion: 1\nkey: entity\nfold: timeline\nparameters: {size: 3}\n"))
        .hasMessage("projections/p.yaml: parameters.size: unknown parameter; known: limit");
    assertThatThrownBy(() -> parse("name: s\nversion: 1\nkey: entity-type-minute\nfold: counter\n"))
        .hasMessageStartingWith("projections/p.yaml: key: must be entity");
    assertThatThrownBy(() -> parse("name: s\nversion: 1\nkey: entity\nfold: counter\n"))
        .hasMessage("projections/p.yaml: key: the counter fold counts per event type and minute: key must be event-type-minute, got 'entity'");
    assertThatThrownBy(() -> parse("name: s\nversion: 1\nkey: event-type-minute\nfold: counter\nparameters: {allowed-lateness: soon}\n"))
        .hasMessage("projections/p.yaml: parameters.allowed-lateness: must be a duration such as 500ms, 10s, 5m, 2h or 7d, got 'soon'");
    assertThatThrownBy(() -> parse("name: s\nversion: 1\nkey: entity\nfold: latest-state\nttl: forever\n"))
        .hasMessage("projections/p.yaml: ttl: must be a duration such as 30m, 12h or 7d, got 'forever'");
    assertThatThrownBy(() -> parse("name: s\nversion: 1\nkey: entity\nfold: latest-state\nevent-types: []\n"))
        .hasMessage("projections/p.yaml: event-types: must be a non-empty list of event types, or left out for all types");
    assertThatThrownBy(() -> parse("name: [s\n"))
        .hasMessageStartingWith("projections/p.yaml: (file): is not valid YAML: ");
    assertThatThrownBy(() -> parse("- just\n- a list\n"))
        .hasMessage("projections/p.yaml: (file): must be a YAML mapping with name, version, key and fold");
  }

  @Test
  void twoFilesMayNotDefineOneProjection(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.yaml"), "name: s\nversion: 1\nkey: entity\nfold: latest-state\n");
    Files.writeString(dir.resolve("b.yml"), "name: s\nversion: 2\nkey: entity\nfold: timeline\n");
    Files.writeString(dir.resolve("notes.txt"), "not a definition");
    assertThatThrownBy(() -> ProjectionFiles.load(dir, FOLDS))
        .hasMessage(dir.resolve("b.yml") + ": name: projection 's' is already defined in " + dir.resolve("a.yaml"));
  }

  @Test
  void aMissingFolderHoldsNoProjections(@TempDir Path dir) {
    assertThat(ProjectionFiles.load(dir.resolve("nothing-here"), FOLDS)).isEmpty();
  }
}
