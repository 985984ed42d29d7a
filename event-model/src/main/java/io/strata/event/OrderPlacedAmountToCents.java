package io.strata.event;

/**
 * Registers the order.placed v1 -> v2 rewrite ({@link OrderPlacedV1ToV2Upcaster}) under the name that
 * {@code schemas/order.placed/v2.yaml} uses.
 */
public final class OrderPlacedAmountToCents implements UpcasterFactory {
  public static final String NAME = "order-placed-amount-to-cents";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Upcaster create() {
    return new OrderPlacedV1ToV2Upcaster();
  }
}
