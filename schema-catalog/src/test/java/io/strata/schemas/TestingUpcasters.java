package io.strata.schemas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.event.EventEnvelope;
import io.strata.event.Upcaster;
import io.strata.event.UpcasterFactory;
import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;

/** Java upcasters that tests register by hand. */
final class TestingUpcasters {
  private TestingUpcasters() {}

  /** {@code doubling}: {@code /n} becomes {@code /twice}, twice as large. */
  static final class Doubling implements UpcasterFactory {
    @Override
    public String name() {
      return "doubling";
    }

    @Override
    public Upcaster create() {
      return new DoublingUpcaster();
    }
  }

  private static final class DoublingUpcaster implements Upcaster {
    @Serial private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public EventEnvelope upcast(EventEnvelope from) {
      try {
        ObjectNode payload = (ObjectNode) JSON.readTree(from.payload());
        payload.put("twice", payload.remove("n").asLong() * 2);
        return from.upcastTo(from.schemaVersion() + 1, JSON.writeValueAsString(payload));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
