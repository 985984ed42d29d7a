package io.strata.flink.views;

import io.strata.flink.config.ViewsConfig;
import io.strata.flink.views.operator.FoldFunction;
import io.strata.flink.views.operator.FoldInput;
import io.strata.flink.views.operator.FoldState;
import io.strata.flink.views.operator.RouteToProjection;
import io.strata.flink.views.source.LogEvent;
import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.store.ViewWrite;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The graph of one projection version: hot log -> the events it folds, under their view key -> fold per
 * view key in keyed state -> view store. Watermarks follow event time for the counters, trailing the
 * newest event by the configured out-of-orderness; a partition with nothing new for a minute does not
 * hold them back.
 */
public final class ViewsPipeline {
  private ViewsPipeline() {}

  public static void build(
      StreamExecutionEnvironment env,
      ViewsConfig config,
      ProjectionDefinition projection,
      Source<LogEvent, ?, ?> source,
      Sink<ViewWrite> store) {
    WatermarkStrategy<LogEvent> watermarks =
        WatermarkStrategy.<LogEvent>forBoundedOutOfOrderness(config.maxOutOfOrderness())
            .withTimestampAssigner((e, previous) -> e.event().eventTime().toEpochMilli())
            .withIdleness(Duration.ofMinutes(1));
    env.fromSource(source, watermarks, "hot log")
        .uid("views-log-source")
        .setParallelism(config.parallelism())
        .flatMap(new RouteToProjection(projection))
        .uid("views-route")
        .name("route to views")
        .setParallelism(config.parallelism())
        .keyBy(FoldInput::stateKey)
        .process(new FoldFunction(projection, Clock.systemUTC()))
        .uid(FoldState.FOLD_UID)
        .name("fold into views")
        .setParallelism(config.parallelism())
        .sinkTo(store)
        .uid("views-store-sink")
        .name("view store")
        .setParallelism(config.parallelism());
  }
}
