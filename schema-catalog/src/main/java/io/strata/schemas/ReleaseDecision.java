package io.strata.schemas;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a catalog (from files) becomes the running stack's next release: only when it differs from the
 * running release, is compatible within itself by each type's rule, and changes nothing the running
 * release has registered (versions are immutable once released; types and versions are only added).
 */
public final class ReleaseDecision {
  private ReleaseDecision() {}

  /**
   * The release to publish, or empty when {@code proposed} is what runs already.
   *
   * @throws IncompatibleCatalogException with every breaking change, when it may not be released
   */
  public static Optional<CatalogRelease> next(Optional<CatalogRelease> running, SchemaCatalog proposed, Instant now) {
    requireNonNull(running, "running is null");
    requireNonNull(proposed, "proposed is null");
    if (running.isEmpty()) {
      refuseIfAny(CompatibilityCheck.check(proposed));
      return Optional.of(new CatalogRelease(1, proposed, now));
    }
    if (running.get().catalog().fingerprint().equals(proposed.fingerprint())) {
      return Optional.empty();
    }
    refuseIfAny(CompatibilityCheck.checkChange(running.get().catalog(), proposed));
    return Optional.of(running.get().next(proposed, now));
  }

  private static void refuseIfAny(List<Breaking> breaking) {
    if (!breaking.isEmpty()) {
      throw new IncompatibleCatalogException(breaking);
    }
  }
}
