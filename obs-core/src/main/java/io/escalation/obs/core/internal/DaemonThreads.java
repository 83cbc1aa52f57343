package io.escalation.obs.core.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads for obs-core's own executors, so they never keep a service's JVM alive. */
public final class DaemonThreads {

    private DaemonThreads() {}

    /**
     * A factory naming threads {@code prefix-1}, {@code prefix-2}, ...
     *
     * @param prefix the thread name prefix
     * @return the factory; its threads are daemon threads
     */
    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
