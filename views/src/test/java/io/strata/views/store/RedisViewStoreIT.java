package io.strata.views.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The view store contract against a real Redis at {@code STRATA_TEST_REDIS_URL} (CI sets it to the
 * machine's Redis); without it the tests are skipped and say why.
 */
class RedisViewStoreIT extends ViewStoreContract {
  private static final String SKIP_REASON =
      "STRATA_TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379): the Redis view store is not tested";
  private static RedisViewStore store;

  @BeforeAll
  static void connect() {
    String url = System.getenv("STRATA_TEST_REDIS_URL");
    if (url == null || url.isBlank()) {
      System.err.println("RedisViewStoreIT skipped: " + SKIP_REASON);
    }
    assumeTrue(url != null && !url.isBlank(), SKIP_REASON);
    store = new RedisViewStore(URI.create(url));
  }

  @AfterAll
  static void disconnect() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  ViewStore store() {
    return store;
  }
}
