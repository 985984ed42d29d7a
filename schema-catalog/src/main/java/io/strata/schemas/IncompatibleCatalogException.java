package io.strata.schemas;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A catalog that may not be released: each breaking change with its file, type, version and field, one
 * per line.
 */
public final class IncompatibleCatalogException extends IllegalArgumentException {
  private final List<Breaking> breaking;

  public IncompatibleCatalogException(List<Breaking> breaking) {
    super(breaking.stream().map(Breaking::toString).collect(Collectors.joining("\n")));
    if (breaking.isEmpty()) {
      throw new IllegalArgumentException("an incompatible catalog has at least one breaking change");
    }
    this.breaking = List.copyOf(breaking);
  }

  public List<Breaking> breaking() {
    return breaking;
  }
}
