package io.strata.flink.tier;

import io.strata.flink.config.TierConfig;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.FlinkSink;

/**
 * The tier graph: hot-log rows -> Iceberg sink, which writes data files continuously and commits them
 * to the table at each checkpoint, together with the Kafka offsets in that checkpoint.
 */
public final class TierPipeline {
  private TierPipeline() {}

  public static void build(
      StreamExecutionEnvironment env, TierConfig config, Source<RowData, ?, ?> source, TableLoader table) {
    DataStream<RowData> rows =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "hot log")
            .uid("tier-log-source")
            .setParallelism(config.parallelism());
    FlinkSink.forRowData(rows)
        .tableLoader(table)
        .writeParallelism(config.parallelism())
        // Rows arrive grouped by hot-log partition; a shuffle by table partition would cost a network hop.
        .distributionMode(DistributionMode.NONE)
        .uidPrefix("tier-lake")
        .append();
  }
}
