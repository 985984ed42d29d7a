package io.strata.launcher.memory;

/**
 * A JVM that holds about 70% of its heap live and collects it in full over and over, with the watchdog
 * set to call more than 60% after three full collections exhausted. Run by {@link MemoryWatchdogIT} as
 * a child process: the watchdog's notifications, message and exit status, for real.
 */
public final class ThrashingHeap {
  private ThrashingHeap() {}

  public static void main(String[] args) throws InterruptedException {
    MemoryWatchdog.install("up", new HeapPressure(0.6, 3, 0.5, 60_000));
    long max = Runtime.getRuntime().maxMemory();
    byte[][] live = new byte[(int) (max * 0.7 / (64 * 1024))][];
    for (int i = 0; i < live.length; i++) {
      live[i] = new byte[64 * 1024];
    }
    System.out.println("heap filled");
    for (int i = 0; i < 100; i++) {
      System.gc();
      Thread.sleep(100);
    }
    System.out.println("still running after 100 full collections: " + live.length);
  }
}
