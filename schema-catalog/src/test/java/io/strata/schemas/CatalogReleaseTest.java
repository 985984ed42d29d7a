package io.strata.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CatalogReleaseTest {
  @Test
  void aReleaseReadsBackAsItWasWritten() {
    SchemaCatalog shipped = SchemaFiles.load(TestingSchemas.SHIPPED);
    CatalogRelease first = new CatalogRelease(1, shipped, Instant.parse("2026-12-06T10:00:00Z"));
    CatalogRelease second = first.next(shipped, Instant.parse("2026-12-06T11:00:00Z"));

    CatalogRelease back = CatalogRelease.fromJson(second.toJson());
    assertThat(back).isEqualTo(second);
    assertThat(back.generation()).isEqualTo(2);
    assertThat(back.catalog().fingerprint()).isEqualTo(shipped.fingerprint());
    assertThat(back.catalog().registry().latestVersion("order.placed")).isEqualTo(2);
    assertThat(second.toJson()).contains("\"fingerprint\":\"" + shipped.fingerprint() + "\"");
  }

  @Test
  void somethingElseIsNotARelease() {
    assertThatThrownBy(() -> CatalogRelease.fromJson("{\"catalog\":{}}"))
        .hasMessage("not a schema catalog release: no generation or catalog");
    assertThatThrownBy(() -> CatalogRelease.fromJson("{nope"))
        .hasMessageStartingWith("not a schema catalog release: ");
  }
}
