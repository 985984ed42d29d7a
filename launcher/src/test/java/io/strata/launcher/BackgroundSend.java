package io.strata.launcher;

import io.strata.launcher.generate.GeneratedRecord;
import io.strata.launcher.generate.GeneratorRun;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Sends records at a rate on another thread while the test does harm to the stack. */
final class BackgroundSend {
  private final CompletableFuture<Void> done;

  private BackgroundSend(CompletableFuture<Void> done) {
    this.done = done;
  }

  static BackgroundSend start(List<GeneratedRecord> records, String bootstrap, int ratePerSecond) {
    return new BackgroundSend(
        CompletableFuture.runAsync(
            () -> {
              try {
                GeneratorRun.send(records.iterator(), bootstrap, "events.raw", ratePerSecond);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }));
  }

  void await() throws Exception {
    done.get(5, TimeUnit.MINUTES);
  }
}
