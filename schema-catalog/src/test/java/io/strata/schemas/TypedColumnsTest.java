package io.strata.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypedColumnsTest {
  private static final SchemaCatalog SHIPPED = SchemaFiles.load(TestingSchemas.SHIPPED);

  @TempDir Path dir;

  @Test
  void orderPlacedOverItsTwoVersions() {
    TypedColumns columns = TypedColumns.of(SHIPPED, "order.placed");

    assertThat(columns.columns()).containsExactly(
        new TypedColumns.Column("order_id", "order_id", "varchar", "$.order_id"),
        new TypedColumns.Column("amount_cents", "amount_cents", "bigint", "$.amount_cents"),
        new TypedColumns.Column("currency", "currency", "varchar", "$.currency"),
        new TypedColumns.Column("amount", "amount", "double", "$.amount"));
    assertThat(columns.skippedFields()).isEmpty();
    assertThat(columns.viewName()).isEqualTo("order_placed");
    assertThat(columns.createViewSql("lake", "typed", "strata")).isEqualTo("""
        CREATE OR REPLACE VIEW "lake"."typed"."order_placed" AS
        SELECT
          "event_id",
          "event_type",
          "schema_version",
          "original_schema_version",
          "tenant_id",
          "entity_id",
          "event_time",
          "ingest_time",
          json_extract_scalar("payload", '$.order_id') AS "order_id",
          CAST(json_extract("payload", '$.amount_cents') AS bigint) AS "amount_cents",
          json_extract_scalar("payload", '$.currency') AS "currency",
          CAST(json_extract("payload", '$.amount') AS double) AS "amount"
        FROM "lake"."strata"."events"
        WHERE "event_type" = 'order.placed'""");
  }

  @Test
  void everyShippedTypeHasAView() {
    assertThat(TypedColumns.of(SHIPPED, "user.signed_up").createViewSql("lake", "typed", "strata"))
        .startsWith("CREATE OR REPLACE VIEW \"lake\".\"typed\".\"user_signed_up\" AS\n")
        .contains("  json_extract_scalar(\"payload\", '$.plan') AS \"plan\"\n")
        .endsWith("WHERE \"event_type\" = 'user.signed_up'");
    assertThat(TypedColumns.of(SHIPPED, "page.viewed").columns()).extracting(TypedColumns.Column::name).containsExactly("path");
  }

  @Test
  void typesOverVersionsAndNamesThatAreNotIdentifiers() {
    TestingSchemas.type(dir, "NONE", """
        schema:
          type: object
          properties:
            n: {type: integer}
            flag: {type: boolean}
            tags: {type: array}
            customer: {type: object}
            mixed: {type: string}
            anything: {}
            level: {enum: [1, 2]}
            tier: {type: [string, "null"]}
            "first name": {type: string}
            "it's": {type: string}
            "say \\"hi\\"\\\\": {type: string}
            "event_id": {type: string}
            "Event_ID": {type: string}
            "": {type: string}
        """, """
        schema:
          type: object
          properties:
            n: {type: number}
            mixed: {type: integer}
        """);

    TypedColumns columns = TypedColumns.of(TestingSchemas.load(dir), TestingSchemas.TYPE);

    assertThat(columns.columns()).containsExactly(
        new TypedColumns.Column("n", "n", "double", "$.n"),
        new TypedColumns.Column("mixed", "mixed", "json", "$.mixed"),
        new TypedColumns.Column("flag", "flag", "boolean", "$.flag"),
        new TypedColumns.Column("tags", "tags", "json", "$.tags"),
        new TypedColumns.Column("customer", "customer", "json", "$.customer"),
        new TypedColumns.Column("anything", "anything", "json", "$.anything"),
        new TypedColumns.Column("level", "level", "bigint", "$.level"),
        new TypedColumns.Column("tier", "tier", "varchar", "$.tier"),
        new TypedColumns.Column("first name", "first name", "varchar", "$[\"first name\"]"),
        new TypedColumns.Column("it's", "it's", "varchar", "$[\"it's\"]"),
        new TypedColumns.Column("say \"hi\"\\", "say \"hi\"\\", "varchar", "$[\"say \\\"hi\\\"\\\\\"]"),
        new TypedColumns.Column("payload_event_id", "event_id", "varchar", "$.event_id"),
        new TypedColumns.Column("payload_event_id_2", "Event_ID", "varchar", "$.Event_ID"));
    assertThat(columns.skippedFields()).containsExactly("");
    assertThat(columns.createViewSql("lake", "typed", "my \"schema\"")).contains(
        "  json_extract_scalar(\"payload\", '$[\"it''s\"]') AS \"it's\",\n",
        "  json_extract_scalar(\"payload\", '$[\"say \\\"hi\\\"\\\\\"]') AS \"say \"\"hi\"\"\\\",\n",
        "  json_extract(\"payload\", '$.mixed') AS \"mixed\",\n",
        "  CAST(json_extract(\"payload\", '$.flag') AS boolean) AS \"flag\",\n",
        "FROM \"lake\".\"my \"\"schema\"\"\".\"events\"\n");
    assertThat(columns.viewName()).isEqualTo("shop_order");
  }

  @Test
  void anUnknownType() {
    assertThatThrownBy(() -> TypedColumns.of(SHIPPED, "order.cancelled"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown event type 'order.cancelled'");
  }
}
