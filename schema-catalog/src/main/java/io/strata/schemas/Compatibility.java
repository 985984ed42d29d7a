package io.strata.schemas;

/**
 * How the versions of one event type must relate, named as Confluent Schema Registry names them.
 * What BACKWARD and FORWARD mean in Strata, and how they are checked, is on {@link CompatibilityCheck}.
 */
public enum Compatibility {
  /** Every event of the previous version, after its upcast, is valid under the new one. */
  BACKWARD(true, false, false),
  /** As BACKWARD, against every earlier version, each upcast through the chain. The default. */
  BACKWARD_TRANSITIVE(true, false, true),
  /** Every event valid under the new version is valid under the previous one. */
  FORWARD(false, true, false),
  /** As FORWARD, against every earlier version. */
  FORWARD_TRANSITIVE(false, true, true),
  /** BACKWARD and FORWARD. */
  FULL(true, true, false),
  /** BACKWARD_TRANSITIVE and FORWARD_TRANSITIVE. */
  FULL_TRANSITIVE(true, true, true),
  /** No check: any change is accepted, the owner of the type answers for its readers. */
  NONE(false, false, false);

  public static final Compatibility DEFAULT = BACKWARD_TRANSITIVE;

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  Compatibility(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  public boolean checksBackward() {
    return backward;
  }

  public boolean checksForward() {
    return forward;
  }

  /** Against every earlier version, not only the previous one. */
  public boolean transitive() {
    return transitive;
  }
}
