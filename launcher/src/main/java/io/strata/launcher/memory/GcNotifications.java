package io.strata.launcher.memory;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/** Every garbage collection of this JVM as it ends, as a {@link HeapPressure.Collection}. */
public final class GcNotifications {
  private GcNotifications() {}

  /** Calls {@code consumer} on the JVM's notification thread after each collection. */
  public static void listen(Consumer<HeapPressure.Collection> consumer) {
    Set<String> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    long maxHeap = Runtime.getRuntime().maxMemory();
    NotificationListener listener =
        (notification, handback) -> {
          if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
          }
          GarbageCollectionNotificationInfo info =
              GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
          GcInfo gc = info.getGcInfo();
          long used = 0;
          for (var pool : gc.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
              MemoryUsage usage = pool.getValue();
              used += usage.getUsed();
            }
          }
          consumer.accept(
              new HeapPressure.Collection(
                  gc.getEndTime(), gc.getDuration(), used, maxHeap, info.getGcAction().contains("major")));
        };
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (bean instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
      }
    }
  }
}
