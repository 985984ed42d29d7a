package io.strata.flink.views.operator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.flink.views.source.LogEvent;
import io.strata.views.definition.ProjectionDefinition;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/** Passes on each event the projection folds, under the view key it goes to. */
public final class RouteToProjection extends RichFlatMapFunction<LogEvent, FoldInput> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProjectionDefinition projection;
  private transient Counter withoutKey;
  private transient Counter routed;

  public RouteToProjection(ProjectionDefinition projection) {
    this.projection = requireNonNull(projection, "projection is null");
  }

  @Override
  public void open(OpenContext openContext) {
    withoutKey = getRuntimeContext().getMetricGroup().counter("strataViewEventsWithoutKey");
    routed = getRuntimeContext().getMetricGroup().counter("strataViewEventsRouted");
  }

  @Override
  public void flatMap(LogEvent in, Collector<FoldInput> out) throws Exception {
    if (!projection.accepts(in.event())) {
      return;
    }
    // Only a field key needs the payload here; the fold parses it again (it is not shipped parsed).
    JsonNode payload = projection.key().kind() == io.strata.views.definition.KeySpec.Kind.FIELD
        ? JSON.readTree(in.event().payload())
        : null;
    var key = projection.key().of(in.event(), payload);
    if (key.isPresent()) {
      routed.inc();
      out.collect(new FoldInput(in.event().tenantId(), key.get(), in.event(), in.partition(), in.offset()));
    } else {
      withoutKey.inc();
    }
  }
}
