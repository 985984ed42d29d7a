package io.strata.flink.views;

import io.strata.flink.config.ViewsConfig;
import io.strata.flink.views.operator.FoldFunction;
import io.strata.flink.views.operator.FoldInput;
import io.strata.flink.views.operator.RouteToProjections;
import io.strata.flink.views.source.LogEvent;
import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.store.ViewWrite;
import java.time.Clock;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The views graph: hot log -> route each event to the projections that fold it -> fold per view key in
 * keyed state -> view store. Watermarks follow event time for the counters, trailing the newest event
 * by the configured out-of-orderness; a partition with nothing new for a minute does not hold them back.
 */
public final class ViewsPipeline {
  private ViewsPipeline() {}

  public static void build(
      StreamExecutionEnvironment env,
      ViewsConfig config,
      List<ProjectionDefinition> projections,
      Source<LogEvent, ?, ?> source,
      Sink<ViewWrite> store) {
    if (projections.isEmpty()) {
      throw new IllegalArgumentException("no projections in " + config.projectionsDir() + ": the views job has nothing to do");
    }
    WatermarkStrategy<LogEvent> watermarks =
        WatermarkStrategy.<LogEvent>forBoundedOutOfOrderness(config.maxOutOfOrderness())
            .withTimestampAssigner((e, previous) -> e.event().eventTime().toEpochMilli())
            .withIdleness(java.time.Duration.ofMinutes(1));
    env.fromSource(source, watermarks, "hot log")
        .uid("views-log-source")
        .setParallelism(config.parallelism())
        .flatMap(new RouteToProjections(projections))
        .uid("views-route")
        .name("route to projections")
        .setParallelism(config.parallelism())
        .keyBy(FoldInput::stateKey)
        .process(new FoldFunction(projections, Clock.systemUTC()))
        .uid("views-fold")
        .name("fold into views")
        .setParallelism(config.parallelism())
        .sinkTo(store)
        .uid("views-store-sink")
        .name("view store")
        .setParallelism(config.parallelism());
  }
}
