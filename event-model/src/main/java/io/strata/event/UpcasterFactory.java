package io.strata.event;

/**
 * Makes a Java {@link Upcaster} that an event type's version file names in its {@code upcast} steps
 * ({@code - java: <name>}), for the rewrites that the declared steps (add, rename, move, remove) cannot
 * say. Registered through {@code META-INF/services/io.strata.event.UpcasterFactory}; it lives here, next
 * to {@link Upcaster}, so that a jar of upcasters needs the event model only.
 */
public interface UpcasterFactory {
  /** The name a version file uses: lower-case letters, digits and dashes. */
  String name();

  /** The upcaster; it must be serializable, as every {@link Upcaster} is (it travels inside Flink jobs). */
  Upcaster create();
}
