package io.strata.flink.tier;

import io.strata.catalog.EventsTable;
import io.strata.catalog.RestClientProperties;
import io.strata.flink.config.TierConfig;
import io.strata.flink.internal.KafkaSettings;
import io.strata.flink.tier.source.LakeRowDeserializer;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.table.data.RowData;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;

/** The hot-log source and the lake table of the tier job. */
public final class TierConnectors {
  public static final String GROUP_ID = "strata-tier";

  private TierConnectors() {}

  public static KafkaSource<RowData> logSource(TierConfig config) {
    return KafkaSettings.<RowData>committedSource(config.bootstrapServers(), config.logTopic(), GROUP_ID)
        .setDeserializer(new LakeRowDeserializer())
        .build();
  }

  /** The lake table through the REST catalog; the catalog hands out the storage settings. */
  public static TableLoader lakeTable(TierConfig config) {
    return lakeTable(config.catalogUri(), config.catalogToken());
  }

  public static TableLoader lakeTable(String catalogUri, java.util.Optional<String> catalogToken) {
    CatalogLoader catalog =
        CatalogLoader.rest("strata", new Configuration(), RestClientProperties.of(catalogUri, catalogToken));
    return TableLoader.fromCatalog(catalog, EventsTable.IDENTIFIER);
  }
}
