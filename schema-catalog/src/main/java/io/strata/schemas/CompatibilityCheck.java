package io.strata.schemas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that each event type's versions keep its {@link Compatibility} rule, and, for a live apply,
 * that a proposed catalog keeps every version the running one has.
 *
 * <h2>What the rules mean in Strata</h2>
 *
 * Strata upcasts every event to the latest version of its type at ingest, so readers (the lake, the
 * views, the typed SQL views) only ever see the latest version. Hence:
 *
 * <ul>
 *   <li><b>BACKWARD</b>: every event valid under the previous version n-1, after the declared upcast
 *       steps of version n, is valid under version n. A version whose step is a Java upcaster is taken
 *       on trust: its author answers for its output being valid under version n.
 *   <li><b>FORWARD</b>: every event valid under version n is valid under version n-1, as it stands
 *       (Strata never downcasts, so upcast steps do not enter): a reader or producer still on n-1 can
 *       take the new events.
 *   <li><b>FULL</b>: both. <b>NONE</b>: no check.
 *   <li><b>..._TRANSITIVE</b>: against every earlier version k &lt; n, not only n-1; for BACKWARD the
 *       events of k go through every step k+1..n, as at ingest. For BACKWARD the two differ less than in
 *       a registry without upcasting: events of k reach n only through the versions in between, so a
 *       break against k is usually a break along the way too, and TRANSITIVE reports it against each
 *       older version it reaches. For FORWARD they differ in substance: an optional field dropped in v2
 *       and brought back with another type in v3 passes FORWARD, not FORWARD_TRANSITIVE (v1 readers).
 * </ul>
 *
 * The check of a catalog applies each type's rule to each of its versions 2..N.
 *
 * <h2>How it is checked</h2>
 *
 * A structural comparison of the two schemas, field by field, a field being a JSON pointer path through
 * {@code properties} ({@code /customer/id}; {@code /lines/*} is the items of an array). The version that
 * must accept the other's events is the <i>reader</i> (the newer for BACKWARD, the older for FORWARD),
 * the other the <i>writer</i>. A change breaks when:
 *
 * <ul>
 *   <li>{@code type}: the writer allows a type the reader does not ({@code integer} is a {@code number});
 *       so BACKWARD refuses narrowing and retyping, FORWARD widening and retyping;
 *   <li>{@code required}: the reader requires a field the writer does not (making an optional field
 *       required, adding a required field, for BACKWARD; making a required field optional or removing it,
 *       for FORWARD). An {@code add} step gives a field a value, so it is then present;
 *   <li>removal: BACKWARD refuses a field of the older version that the newer does not declare, unless a
 *       step removes, renames or moves it. This is Strata's rule, stricter than validity (an open schema
 *       would still accept the field): a field that silently goes on in upcast events is nobody's;
 *   <li>{@code enum} / {@code const}: the writer may take a value the reader's enum lacks, or the reader
 *       has an enum the writer does not;
 *   <li>bounds ({@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum},
 *       {@code minLength}, {@code maxLength}, {@code minItems}, {@code maxItems}, {@code minProperties},
 *       {@code maxProperties}): the reader's bound is tighter than the writer's, or the writer has none;
 *       {@code pattern} and {@code format} must be equal (two patterns cannot be compared);
 *   <li>{@code additionalProperties}: the reader's object is {@code false} and the writer's is not; and,
 *       for FORWARD, the newer version adds a field to an object the older closes;
 *   <li>{@code items}: compared as a field of its own ({@code /lines/*});
 *   <li>a value an {@code add} step sets is checked against the reader's type, enum and bounds (not
 *       {@code format}; object and array values for their type only).
 * </ul>
 *
 * Adding an optional field, adding a field with an {@code add} step (its value may come from the
 * schema's {@code default}), widening a type or an enum (BACKWARD), deprecating a field: all compatible.
 *
 * <h2>Limits</h2>
 *
 * <ul>
 *   <li>It assumes an event carries only the fields its version declares. An open object (no {@code
 *       additionalProperties: false}) allows others, of any type, which the check does not follow: that is
 *       what lets a version add an optional field.
 *   <li>Annotations ({@code title}, {@code description}, {@code default}, {@code examples}, {@code
 *       deprecated}, {@code readOnly}, {@code writeOnly}, {@code $comment}, {@code x-...}) are ignored.
 *   <li>Every other keyword ({@code $ref}, {@code $defs}, {@code allOf}, {@code anyOf}, {@code oneOf},
 *       {@code not}, {@code if}/{@code then}/{@code else}, {@code patternProperties}, {@code prefixItems},
 *       {@code multipleOf}, {@code uniqueItems}, {@code dependentRequired}, a schema as {@code
 *       additionalProperties}, ...) is not understood: any difference in it between the two versions, at
 *       the same field, is reported as breaking. A field behind a {@code $ref} is compared as its
 *       reference text, not its target.
 *   <li>Bounds are compared keyword by keyword: {@code minimum: 1} does not stand in for {@code
 *       exclusiveMinimum: 0}, so such a rewrite is reported though it changes nothing.
 * </ul>
 *
 * A Java upcaster exempts the BACKWARD comparison across its step: the events of older versions are
 * compared from its version on, as it produces them. It does nothing for FORWARD.
 */
public final class CompatibilityCheck {
  private CompatibilityCheck() {}

  /** Every change of the catalog that breaks its type's rule, by type, version, and older version. */
  public static List<Breaking> check(SchemaCatalog catalog) {
    List<Breaking> breaking = new ArrayList<>();
    for (EventTypeSchema type : catalog.types()) {
      breaking.addAll(check(type));
    }
    return List.copyOf(breaking);
  }

  /**
   * What refuses {@code proposed} in place of {@code running}: a version that {@code running} has and
   * {@code proposed} changes or lacks (registered versions are immutable: events of them are in the log
   * and the lake), then every breaking change of {@code proposed} ({@link #check}). A type's owner,
   * description and rule may change; deprecations go in a new version.
   */
  public static List<Breaking> checkChange(SchemaCatalog running, SchemaCatalog proposed) {
    List<Breaking> breaking = new ArrayList<>();
    for (EventTypeSchema registered : running.types()) {
      Optional<EventTypeSchema> kept = proposed.type(registered.name());
      for (SchemaVersion version : registered.versions()) {
        Optional<SchemaVersion> now = kept.flatMap(t -> t.version(version.version()));
        String name = registered.name() + " v" + version.version();
        if (now.isEmpty()) {
          String file = kept.map(EventTypeSchema::file).orElse(version.file());
          breaking.add(new Breaking(registered.name(), version.version(), null, file,
              file + ": " + name + " is registered and cannot be removed: registered versions are immutable"));
        } else if (!now.get().sameContent(version)) {
          SchemaVersion changed = now.get();
          breaking.add(new Breaking(registered.name(), version.version(), null, changed.file(),
              changed.file() + ": " + name + " differs from the registered " + name + " (" + whatChanged(version, changed)
                  + "): registered versions are immutable; declare the change as v"
                  + (kept.get().latestVersion() + 1)));
        }
      }
    }
    breaking.addAll(check(proposed));
    return List.copyOf(breaking);
  }

  private static String whatChanged(SchemaVersion registered, SchemaVersion changed) {
    List<String> parts = new ArrayList<>();
    if (!registered.schemaNode().equals(changed.schemaNode())) {
      parts.add("its schema");
    }
    if (!registered.upcast().equals(changed.upcast())) {
      parts.add("its upcast steps");
    }
    if (!registered.deprecated().equals(changed.deprecated())) {
      parts.add("its deprecated fields");
    }
    return String.join(", ", parts);
  }

  private static List<Breaking> check(EventTypeSchema type) {
    Compatibility rule = type.compatibility();
    List<SchemaShape> shapes = type.versions().stream().map(v -> SchemaShape.of(v.schemaNode())).toList();
    // One message per finding: FULL finds a retype both ways, and transitive checks find it per older version.
    Map<String, Breaking> breaking = new LinkedHashMap<>();
    for (int newer = 2; newer <= type.latestVersion(); newer++) {
      SchemaVersion version = type.versions().get(newer - 1);
      for (int older = rule.transitive() ? 1 : newer - 1; older < newer; older++) {
        List<ShapeComparison.Finding> findings = new ArrayList<>();
        if (rule.checksBackward()) {
          SchemaShape upcast = upcast(type, shapes, older, newer);
          findings.addAll(ShapeComparison.backward(shapes.get(newer - 1), upcast, older, newer));
        }
        if (rule.checksForward()) {
          findings.addAll(ShapeComparison.forward(shapes.get(older - 1), shapes.get(newer - 1), older, newer));
        }
        for (ShapeComparison.Finding finding : findings) {
          String subject = finding.pointer().isEmpty() ? "the payload" : "field '" + finding.pointer().substring(1) + "'";
          boolean backwardOnly = rule.checksBackward() && !rule.checksForward();
          String message = "%s: %s v%d is not %s compatible with v%d: %s %s%s".formatted(
              version.file(), type.name(), newer, rule, older, subject, finding.phrase(),
              finding.needsUpcaster() && backwardOnly ? " without an upcaster" : "");
          breaking.putIfAbsent(message,
              new Breaking(type.name(), newer, finding.pointer(), version.file(), message));
        }
      }
    }
    return List.copyOf(breaking.values());
  }

  /** The shape of version {@code older}'s events after the steps of versions older+1..newer. */
  private static SchemaShape upcast(EventTypeSchema type, List<SchemaShape> shapes, int older, int newer) {
    SchemaShape shape = shapes.get(older - 1).copy();
    for (int step = older + 1; step <= newer; step++) {
      for (UpcastStep each : type.versions().get(step - 1).upcast()) {
        // Loading checked every step against the version before it: this cannot fail.
        shape = shape.apply(each, "v" + (step - 1), shapes.get(step - 1));
      }
    }
    return shape;
  }
}
