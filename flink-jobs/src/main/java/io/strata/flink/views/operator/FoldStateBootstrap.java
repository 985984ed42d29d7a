package io.strata.flink.views.operator;

import static java.util.Objects.requireNonNull;

import io.strata.views.definition.ProjectionDefinition;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;

/**
 * Writes a folded history into the fold operator's keyed state of a savepoint, as {@link FoldFunction}
 * keeps it: the version's streaming job starts from that savepoint and goes on from the hot-log
 * positions the history ends at. A counter's minute gets its closing timer, as the streaming fold gives it.
 */
public final class FoldStateBootstrap extends KeyedStateBootstrapFunction<String, FoldedView> {
  private final ProjectionDefinition projection;
  private transient ValueState<String> document;
  private transient ValueState<Long> revision;

  public FoldStateBootstrap(ProjectionDefinition projection) {
    this.projection = requireNonNull(projection, "projection is null");
  }

  @Override
  public void open(OpenContext openContext) {
    document = getRuntimeContext().getState(FoldState.document(projection));
    revision = getRuntimeContext().getState(FoldState.revision(projection));
  }

  @Override
  public void processElement(FoldedView view, Context ctx) throws Exception {
    document.update(view.document());
    revision.update(view.revision());
    if (view.closesAtMillis() >= 0) {
      ctx.timerService().registerEventTimeTimer(view.closesAtMillis());
    }
  }
}
