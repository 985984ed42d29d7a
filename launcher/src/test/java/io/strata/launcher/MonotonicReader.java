package io.strata.launcher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A reader that polls a sample of views over and over while a run goes on (through a task failure,
 * across a stack's restart) and notes every view whose revision was lower than one it had seen before.
 * When the views cannot be read for a moment (the stack is down or starting), it waits and goes on.
 */
final class MonotonicReader implements AutoCloseable {
  /** A view's revision as the reader sees it; empty when there is no view yet. */
  interface Revisions {
    OptionalLong of(ReferenceViews.Expected view) throws IOException, InterruptedException;
  }

  private final Thread thread;
  private final List<String> wentBack = new ArrayList<>();
  private volatile boolean stop;
  private volatile long reads;

  private MonotonicReader(Revisions revisions, List<ReferenceViews.Expected> sample) {
    thread = new Thread(() -> {
      Map<ReferenceViews.Expected, Long> seen = new HashMap<>();
      while (!stop) {
        for (ReferenceViews.Expected e : sample) {
          try {
            OptionalLong revision = revisions.of(e);
            if (revision.isPresent()) {
              reads++;
              long before = seen.getOrDefault(e, 0L);
              if (revision.getAsLong() < before) {
                synchronized (wentBack) {
                  wentBack.add(e.projection() + " " + e.tenant() + "/" + e.key() + ": " + before + " -> " + revision.getAsLong());
                }
              }
              seen.put(e, Math.max(before, revision.getAsLong()));
            }
          } catch (IOException notAnswering) {
            pause();
          } catch (InterruptedException interrupted) {
            return;
          }
        }
      }
    }, "monotonic-reader");
    thread.start();
  }

  /** Reads every {@code every}-th of the expected views. */
  static MonotonicReader start(Revisions revisions, List<ReferenceViews.Expected> expected, int every) {
    List<ReferenceViews.Expected> sample = new ArrayList<>();
    for (int i = 0; i < expected.size(); i += every) {
      sample.add(expected.get(i));
    }
    return new MonotonicReader(revisions, sample);
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  long reads() {
    return reads;
  }

  List<String> wentBack() {
    synchronized (wentBack) {
      return List.copyOf(wentBack);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join();
  }
}
