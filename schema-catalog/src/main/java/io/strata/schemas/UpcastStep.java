package io.strata.schemas;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serial;
import java.io.Serializable;

/**
 * One step of a version's {@code upcast} list: together they take an event of the previous version to
 * this one. Fields are JSON pointers into the payload ({@code /customer/id}); array elements cannot be
 * addressed. A field a step needs that is absent from an event leaves the event alone (it was optional).
 */
public sealed interface UpcastStep extends Serializable {

  /**
   * Sets {@code field} to {@code value} when the event lacks it; an event that already carries it keeps
   * its own value (as the order.placed upcaster keeps a currency). Nothing happens when the field's
   * parent object is absent.
   */
  record Add(String field, JsonNode value) implements UpcastStep {
    @Serial private static final long serialVersionUID = 1L;

    public Add {
      requireNonNull(field, "field is null");
      requireNonNull(value, "value is null");
      value = value.deepCopy();
    }

    /** A copy: JSON trees are mutable. */
    @Override
    public JsonNode value() {
      return value.deepCopy();
    }
  }

  /** Renames the last segment of {@code field} to {@code to}, keeping its place among its siblings. */
  record Rename(String field, String to) implements UpcastStep {
    @Serial private static final long serialVersionUID = 1L;

    public Rename {
      requireNonNull(field, "field is null");
      requireNonNull(to, "to is null");
    }
  }

  /** Moves {@code field} to the pointer {@code to}, creating the objects on the way that are missing. */
  record Move(String field, String to) implements UpcastStep {
    @Serial private static final long serialVersionUID = 1L;

    public Move {
      requireNonNull(field, "field is null");
      requireNonNull(to, "to is null");
    }
  }

  /** Drops {@code field}. */
  record Remove(String field) implements UpcastStep {
    @Serial private static final long serialVersionUID = 1L;

    public Remove {
      requireNonNull(field, "field is null");
    }
  }

  /**
   * A registered Java {@link io.strata.event.Upcaster} ({@link io.strata.event.UpcasterFactory}) by
   * name: the only step of its version. The compatibility check trusts it to produce valid events of
   * its version; its author answers for that.
   */
  record Java(String name) implements UpcastStep {
    @Serial private static final long serialVersionUID = 1L;

    public Java {
      requireNonNull(name, "name is null");
    }
  }
}
