package io.strata.views.catalog;

import java.util.Locale;

/**
 * Where one version of a projection stands. A version is built from the lake's history, then folds the
 * hot log from the positions that history covers until it has caught up, then serves lookups; the
 * version it replaces is retired (its job stopped, its views deleted).
 *
 * <pre>
 *   BUILDING --history folded--> CATCHING_UP --caught up, switch--> LIVE --replaced--> RETIRING --> RETIRED
 *       \______________________________\_____________ FAILED (the reason is kept; a new rebuild starts over)
 * </pre>
 */
public enum VersionState {
  /** Its history (a lake snapshot) is being folded by a batch job. */
  BUILDING,
  /** Its job folds the hot log from the positions the snapshot covers; not served yet. */
  CATCHING_UP,
  /** It serves lookups; its job keeps folding the hot log. */
  LIVE,
  /** Replaced by a newer live version: its job is stopped and its views deleted. */
  RETIRING,
  /** Its views are gone. */
  RETIRED,
  /** Its build failed; the live version, if any, still serves. */
  FAILED;

  /** {@code catching-up}: as the catalog and the API write it. */
  public String text() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static VersionState parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** Whether a job folds the hot log for a version in this state. */
  public boolean folds() {
    return this == CATCHING_UP || this == LIVE;
  }
}
