package io.strata.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseDecisionTest {
  private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
  private static final String V1 = "schema:\n  type: object\n  properties: {id: {type: string}}\n  required: [id]\n";
  private static final String V2 = "schema:\n  type: object\n  properties: {id: {type: string}, note: {type: string}}\n  required: [id]\n";
  private static final String V2_RETYPED = "schema:\n  type: object\n  properties: {id: {type: integer}}\n  required: [id]\n";

  @TempDir Path dir;

  @Test
  void theFirstCatalogIsReleaseOneAndTheSameCatalogIsNoNewRelease() {
    SchemaCatalog one = TestingSchemas.load(TestingSchemas.type(dir.resolve("a"), null, V1));
    CatalogRelease first = ReleaseDecision.next(Optional.empty(), one, T).orElseThrow();
    assertThat(first.generation()).isEqualTo(1);
    assertThat(ReleaseDecision.next(Optional.of(first), TestingSchemas.load(TestingSchemas.type(dir.resolve("b"), null, V1)), T))
        .as("the same content from other files").isEmpty();
  }

  @Test
  void anAddedVersionIsTheNextRelease() {
    CatalogRelease first = ReleaseDecision.next(Optional.empty(), TestingSchemas.load(TestingSchemas.type(dir.resolve("a"), null, V1)), T).orElseThrow();
    CatalogRelease second = ReleaseDecision.next(Optional.of(first),
        TestingSchemas.load(TestingSchemas.type(dir.resolve("b"), null, V1, V2)), T.plusSeconds(1)).orElseThrow();
    assertThat(second.generation()).isEqualTo(2);
    assertThat(second.catalog().registry().latestVersion(TestingSchemas.TYPE)).isEqualTo(2);
  }

  @Test
  void aBreakingChangeIsRefusedNamingTheFileTypeVersionAndField() {
    CatalogRelease first = ReleaseDecision.next(Optional.empty(), TestingSchemas.load(TestingSchemas.type(dir.resolve("a"), null, V1)), T).orElseThrow();
    Path b = TestingSchemas.type(dir.resolve("b"), null, V1, V2_RETYPED);
    assertThatThrownBy(() -> ReleaseDecision.next(Optional.of(first), TestingSchemas.load(b), T))
        .isInstanceOf(IncompatibleCatalogException.class)
        .hasMessage(TestingSchemas.versionFile(b, 2) + ": shop.order v2 is not BACKWARD_TRANSITIVE compatible with v1:"
            + " field 'id' changes type from string to integer without an upcaster");

    Path c = TestingSchemas.type(dir.resolve("c"), null, V2);
    assertThatThrownBy(() -> ReleaseDecision.next(Optional.of(first), TestingSchemas.load(c), T))
        .isInstanceOf(IncompatibleCatalogException.class)
        .hasMessageContaining("shop.order v1 differs from the registered shop.order v1");
  }
}
