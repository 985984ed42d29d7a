package io.strata.event;

/** The event types of the demo stack and the event generator. */
public final class StrataEventTypes {

  public static final String ORDER_PLACED = "order.placed";
  public static final String ORDER_SHIPPED = "order.shipped";
  public static final String USER_SIGNED_UP = "user.signed_up";
  public static final String PAGE_VIEWED = "page.viewed";
  public static final String PAYMENT_FAILED = "payment.failed";

  private StrataEventTypes() {}

  public static EventTypeRegistry defaults() {
    // Upcast at ingest: the hot log, the lake and every projection then see one version per type.
    return EventTypeRegistry.builder()
        .eventType(ORDER_PLACED, 2)
        .upcaster(ORDER_PLACED, 1, new OrderPlacedV1ToV2Upcaster())
        .eventType(ORDER_SHIPPED, 1)
        .eventType(USER_SIGNED_UP, 1)
        .eventType(PAGE_VIEWED, 1)
        .eventType(PAYMENT_FAILED, 1)
        .build();
  }
}
