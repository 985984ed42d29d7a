package io.strata.flink.views.operator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.fold.CounterFold;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Folds a view's whole history at once, in a batch job: the lake holds a key's events in no particular
 * order (each file is sorted by entity and time, not by hot-log position), so the key's events are
 * collected, sorted into hot-log order (partition, offset) and folded when the key's input ends. In
 * batch execution Flink hands over one key at a time and fires event-time timers at the end of each key,
 * so only one key's events are ever held, in memory.
 *
 * <p>Every event of the history counts, counters included: lateness is a property of events arriving
 * after a minute closed, and the history is known whole. The streaming job that takes over applies it to
 * what comes after.
 */
public final class HistoryFoldFunction extends KeyedProcessFunction<String, FoldInput, FoldedView> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProjectionDefinition projection;
  private transient ListState<FoldInput> events;
  private transient Counter folded;

  public HistoryFoldFunction(ProjectionDefinition projection) {
    this.projection = requireNonNull(projection, "projection is null");
  }

  @Override
  public void open(OpenContext openContext) {
    events = getRuntimeContext().getListState(new ListStateDescriptor<>("history", TypeInformation.of(FoldInput.class)));
    folded = getRuntimeContext().getMetricGroup().counter("strataViewEventsFolded");
  }

  @Override
  public void processElement(FoldInput in, Context ctx, Collector<FoldedView> out) throws Exception {
    events.add(in);
    ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<FoldedView> out) throws Exception {
    List<FoldInput> history = new ArrayList<>();
    events.get().forEach(history::add);
    events.clear();
    if (history.isEmpty()) {
      return;
    }
    out.collect(fold(projection, ctx.getCurrentKey(), history));
    folded.inc(history.size());
  }

  /** The view of one key after all of {@code history}, folded in hot-log order. */
  static FoldedView fold(ProjectionDefinition projection, String stateKey, List<FoldInput> history) throws Exception {
    history.sort(FoldInput::compareLogPosition);
    ObjectNode view = null;
    for (FoldInput in : history) {
      view = projection.fold().apply(view, in.event(), JSON.readTree(in.event().payload()));
    }
    FoldInput last = history.get(history.size() - 1);
    long closesAt = projection.fold() instanceof CounterFold counter
        ? counter.closesAtMillis(last.event().eventTime().toEpochMilli())
        : -1;
    long ingest = last.event().ingestTime() == null ? 0 : last.event().ingestTime().toEpochMilli();
    return new FoldedView(stateKey, last.tenant(), last.key(), view.toString(), history.size(), ingest, closesAt);
  }
}
