package io.strata.views.definition;

import static java.util.Objects.requireNonNull;

/** A projection definition and the text of the file it was read from. */
public record ProjectionFile(ProjectionDefinition definition, String text) {
  public ProjectionFile {
    requireNonNull(definition, "definition is null");
    requireNonNull(text, "text is null");
  }
}
