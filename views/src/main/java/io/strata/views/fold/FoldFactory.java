package io.strata.views.fold;

/**
 * Makes a {@link Fold} from a definition's {@code parameters}. Custom folds implement this and are
 * registered by name: in a {@link FoldRegistry}, or on the classpath through
 * {@code META-INF/services/io.strata.views.fold.FoldFactory}.
 */
public interface FoldFactory {
  /** The name a definition's {@code fold:} uses. */
  String name();

  /** Checks the parameters (errors name file and key) and makes the fold. */
  Fold create(FoldParameters parameters);
}
