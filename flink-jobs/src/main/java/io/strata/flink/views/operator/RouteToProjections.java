package io.strata.flink.views.operator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.flink.views.source.LogEvent;
import io.strata.views.definition.ProjectionDefinition;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/** Sends each hot-log event to every projection that folds its type, under the view key it goes to. */
public final class RouteToProjections extends RichFlatMapFunction<LogEvent, FoldInput> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ProjectionDefinition> projections;
  private transient Counter withoutKey;

  public RouteToProjections(List<ProjectionDefinition> projections) {
    this.projections = List.copyOf(requireNonNull(projections, "projections is null"));
  }

  @Override
  public void open(OpenContext openContext) {
    withoutKey = getRuntimeContext().getMetricGroup().counter("strataViewEventsWithoutKey");
  }

  @Override
  public void flatMap(LogEvent in, Collector<FoldInput> out) throws Exception {
    JsonNode payload = null;
    for (int i = 0; i < projections.size(); i++) {
      ProjectionDefinition p = projections.get(i);
      if (!p.accepts(in.event())) {
        continue;
      }
      if (payload == null) {
        payload = JSON.readTree(in.event().payload());
      }
      var key = p.key().of(in.event(), payload);
      if (key.isPresent()) {
        out.collect(new FoldInput(i, in.event().tenantId(), key.get(), in.event()));
      } else {
        withoutKey.inc();
      }
    }
  }
}
