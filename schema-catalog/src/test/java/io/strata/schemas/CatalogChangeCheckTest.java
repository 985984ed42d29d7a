package io.strata.schemas;

import static io.strata.schemas.TestingSchemas.TYPE;
import static io.strata.schemas.TestingSchemas.schema;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live apply ({@link CompatibilityCheck#checkChange}): the proposed catalog against the running one.
 * Registered versions are immutable and stay; a new version is checked by its type's rule.
 */
class CatalogChangeCheckTest {
  @TempDir Path dir;

  @Test
  void aProposedCatalogKeepsEveryRegisteredVersion(@TempDir Path proposedDir) {
    String v1 = schema("id: {type: string}", "id");
    String v2 = schema("id: {type: string}, note: {type: string}", "id");
    SchemaCatalog running = TestingSchemas.load(TestingSchemas.type(dir, null, v1, v2));

    SchemaCatalog grown = TestingSchemas.load(TestingSchemas.type(proposedDir, null, v1, v2, v2));
    assertThat(CompatibilityCheck.checkChange(running, grown)).isEmpty();

    SchemaCatalog changed = TestingSchemas.load(TestingSchemas.type(proposedDir.resolve("changed"), "NONE",
        v1, schema("id: {type: string}, note: {type: integer}", "id")));
    String changedFile = proposedDir.resolve("changed/" + TYPE + "/v2.yaml").toString();
    assertThat(CompatibilityCheck.checkChange(running, changed)).containsExactly(new Breaking(TYPE, 2, null, changedFile,
        changedFile + ": shop.order v2 differs from the registered shop.order v2 (its schema): registered versions are"
            + " immutable; declare the change as v3"));

    SchemaCatalog shrunk = TestingSchemas.load(TestingSchemas.type(proposedDir.resolve("shrunk"), null, v1));
    String typeFile = proposedDir.resolve("shrunk/" + TYPE + "/type.yaml").toString();
    assertThat(CompatibilityCheck.checkChange(running, shrunk)).extracting(Breaking::message).containsExactly(
        typeFile + ": shop.order v2 is registered and cannot be removed: registered versions are immutable");

    Path other = TestingSchemas.file(proposedDir.resolve("other"), "shop.refund/type.yaml", "type: shop.refund\nowner: o\ndescription: d\n");
    TestingSchemas.file(proposedDir.resolve("other"), "shop.refund/v1.yaml", "type: shop.refund\nversion: 1\n" + v1);
    assertThat(CompatibilityCheck.checkChange(running, TestingSchemas.load(proposedDir.resolve("other")))).extracting(Breaking::message)
        .containsExactly(
            TestingSchemas.versionFile(dir, 1) + ": shop.order v1 is registered and cannot be removed: registered versions are immutable",
            TestingSchemas.versionFile(dir, 2) + ": shop.order v2 is registered and cannot be removed: registered versions are immutable");
    assertThat(other).exists();
  }

  @Test
  void aLiveApplyAlsoRefusesABreakingNewVersion(@TempDir Path proposedDir) {
    String v1 = schema("id: {type: string}", "id");
    SchemaCatalog running = TestingSchemas.load(TestingSchemas.type(dir, null, v1));
    SchemaCatalog proposed = TestingSchemas.load(TestingSchemas.type(proposedDir, null, v1, schema("id: {type: integer}", "id")));

    assertThat(CompatibilityCheck.checkChange(running, proposed)).extracting(Breaking::message).containsExactly(
        TestingSchemas.versionFile(proposedDir, 2) + ": shop.order v2 is not BACKWARD_TRANSITIVE compatible with v1: "
            + "field 'id' changes type from string to integer without an upcaster");
  }

  @Test
  void ownerDescriptionAndRuleMayChange(@TempDir Path proposedDir) {
    String v1 = schema("id: {type: string}", "id");
    SchemaCatalog running = TestingSchemas.load(TestingSchemas.type(dir, null, v1));
    TestingSchemas.type(proposedDir, "FULL", v1);
    TestingSchemas.file(proposedDir, TYPE + "/type.yaml", "type: " + TYPE + "\nowner: billing\ndescription: Another.\n");

    assertThat(CompatibilityCheck.checkChange(running, TestingSchemas.load(proposedDir))).isEmpty();
  }
}
