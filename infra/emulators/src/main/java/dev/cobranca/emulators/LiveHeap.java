package dev.cobranca.emulators;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/** What the benchmarks report as a function JVM's heap. */
public final class LiveHeap {

    private LiveHeap() {
    }

    /**
     * The largest heap still in use right after a collection, over all collections from now on: what the code holds,
     * garbage not counted (the pools' own peaks add up eden's garbage and overstate it).
     */
    public static AtomicLong watch() {
        AtomicLong peak = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                        if (pool.getType() == MemoryType.HEAP && after != null) {
                            used += after.getUsed();
                        }
                    }
                    peak.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        return peak;
    }
}
