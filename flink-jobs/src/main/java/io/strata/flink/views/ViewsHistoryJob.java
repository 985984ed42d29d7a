package io.strata.flink.views;

import io.strata.flink.config.ViewsConfig;
import io.strata.flink.tier.TierConnectors;
import io.strata.flink.views.operator.FoldInput;
import io.strata.flink.views.operator.FoldState;
import io.strata.flink.views.operator.FoldStateBootstrap;
import io.strata.flink.views.operator.FoldedView;
import io.strata.flink.views.operator.HistoryFoldFunction;
import io.strata.flink.views.operator.RouteToProjection;
import io.strata.flink.views.sink.ViewStoreSink;
import io.strata.flink.views.source.LakeEventConverter;
import io.strata.flink.views.source.LogEvent;
import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.store.StoredView;
import io.strata.views.store.ViewAddress;
import io.strata.views.store.ViewWrite;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.source.IcebergSource;

/**
 * The history build of a projection version, a batch job: every event of one lake snapshot that the
 * projection takes, folded per view in hot-log order ({@link HistoryFoldFunction}); each view written to
 * the store, and the fold state written as a savepoint. The version's streaming job ({@link ViewsJob})
 * then starts from that savepoint and from the hot-log offsets just past the snapshot's, so every event
 * is folded once: the history's from the lake, the rest from the hot log.
 */
public final class ViewsHistoryJob {
  private ViewsHistoryJob() {}

  /** {@code views-entity-state-v2-history}. */
  public static String jobName(ProjectionDefinition p) {
    return ViewsJob.jobName(p) + "-history";
  }

  public static void build(
      StreamExecutionEnvironment env, ViewsConfig config, ProjectionDefinition p, long snapshotId, String savepoint) {
    Source<LogEvent, ?, ?> lake =
        IcebergSource.forOutputType(new LakeEventConverter())
            .tableLoader(TierConnectors.lakeTable(config.catalogUri(), config.catalogToken()))
            .useSnapshotId(snapshotId)
            .streaming(false)
            .filters(eventTypes(p))
            .build();
    build(env, config, p, lake, savepoint);
  }

  /** The same over any bounded source of events with their hot-log positions (tests hand in their own). */
  public static void build(
      StreamExecutionEnvironment env, ViewsConfig config, ProjectionDefinition p, Source<LogEvent, ?, ?> history, String savepoint) {
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    env.getConfig().enableObjectReuse();
    env.setMaxParallelism(FoldState.MAX_PARALLELISM);
    DataStream<FoldedView> folded =
        env.fromSource(history, WatermarkStrategy.noWatermarks(), "lake history", TypeInformation.of(LogEvent.class))
            .setParallelism(config.parallelism())
            .flatMap(new RouteToProjection(p))
            .name("route to views")
            .setParallelism(config.parallelism())
            .keyBy(FoldInput::stateKey)
            .process(new HistoryFoldFunction(p))
            .name("fold history in hot-log order")
            .returns(TypeInformation.of(FoldedView.class))
            .setParallelism(config.parallelism());
    long now = System.currentTimeMillis();
    folded
        .map(v -> new ViewWrite(new ViewAddress(p.name(), p.version(), v.tenant(), v.key()),
            new StoredView(v.revision(), now, v.newestIngestMillis(), v.document().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            p.ttl().toMillis()))
        .returns(TypeInformation.of(ViewWrite.class))
        .name("to store writes")
        .setParallelism(config.parallelism())
        .sinkTo(new ViewStoreSink(config.store(), ViewsJob.FLUSH_EVERY_MILLIS, 500, false))
        .name("view store")
        .setParallelism(config.parallelism());
    SavepointWriter.newSavepoint(env, new EmbeddedRocksDBStateBackend(true), FoldState.MAX_PARALLELISM)
        .withOperator(
            OperatorIdentifier.forUid(FoldState.FOLD_UID),
            OperatorTransformation.bootstrapWith(folded)
                .keyBy(FoldedView::stateKeyOf)
                .transform(new FoldStateBootstrap(p)))
        .write(savepoint);
  }

  private static List<Expression> eventTypes(ProjectionDefinition p) {
    if (p.eventTypes().isEmpty()) {
      return List.of();
    }
    return List.of(Expressions.in("event_type", p.eventTypes().toArray()));
  }
}
