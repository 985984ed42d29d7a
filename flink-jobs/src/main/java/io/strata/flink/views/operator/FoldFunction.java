package io.strata.flink.views.operator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.views.definition.ProjectionDefinition;
import io.strata.views.fold.CounterFold;
import io.strata.views.store.StoredView;
import io.strata.views.store.ViewAddress;
import io.strata.views.store.ViewWrite;
import java.time.Clock;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Folds each event into its view of the job's projection version, kept in keyed state, and emits the
 * whole view with its revision (how many events it holds). The store applies a write only when its
 * revision is higher: after a restore from a checkpoint the replayed events give the same revisions again
 * and change nothing, so a view never moves back and never counts an event twice. A version built from
 * the lake starts from the state its history build wrote ({@link HistoryFoldFunction}).
 *
 * <p>Counters count in event time: an event for a minute the watermark has already closed (its end
 * plus the allowed lateness) is not counted but counted as late ({@code strataViewLateEvents}); when a
 * minute closes its state goes (the view stays in the store until its TTL).
 */
public final class FoldFunction extends KeyedProcessFunction<String, FoldInput, ViewWrite> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProjectionDefinition projection;
  private final Clock clock;
  private transient ValueState<String> document;
  private transient ValueState<Long> revision;
  private transient Counter late;
  private transient Counter folded;

  public FoldFunction(ProjectionDefinition projection, Clock clock) {
    this.projection = requireNonNull(projection, "projection is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public void open(OpenContext openContext) {
    document = getRuntimeContext().getState(FoldState.document(projection));
    revision = getRuntimeContext().getState(FoldState.revision(projection));
    late = getRuntimeContext().getMetricGroup().counter("strataViewLateEvents");
    folded = getRuntimeContext().getMetricGroup().counter("strataViewEventsFolded");
  }

  @Override
  public void processElement(FoldInput in, Context ctx, Collector<ViewWrite> out) throws Exception {
    if (projection.fold() instanceof CounterFold counter) {
      long eventTime = in.event().eventTime().toEpochMilli();
      if (counter.isLate(eventTime, ctx.timerService().currentWatermark())) {
        late.inc();
        return;
      }
      ctx.timerService().registerEventTimeTimer(counter.closesAtMillis(eventTime));
    }
    String before = document.value();
    ObjectNode view = before == null ? null : (ObjectNode) JSON.readTree(before);
    ObjectNode next = projection.fold().apply(view, in.event(), JSON.readTree(in.event().payload()));
    long n = revision.value() == null ? 1 : revision.value() + 1;
    String text = next.toString();
    document.update(text);
    revision.update(n);
    folded.inc();
    out.collect(write(projection, in, text, n, clock.millis()));
  }

  /** The store write of a view after {@code in}: the whole document, its revision, the projection's TTL. */
  static ViewWrite write(ProjectionDefinition p, FoldInput in, String document, long revision, long nowMillis) {
    long ingest = in.event().ingestTime() == null ? 0 : in.event().ingestTime().toEpochMilli();
    return new ViewWrite(
        new ViewAddress(p.name(), p.version(), in.tenant(), in.key()),
        new StoredView(revision, nowMillis, ingest, document.getBytes(UTF_8)),
        p.ttl().toMillis());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ViewWrite> out) {
    // A counter's minute closed: later events for it are late, its state is no longer needed.
    document.clear();
    revision.clear();
  }
}
