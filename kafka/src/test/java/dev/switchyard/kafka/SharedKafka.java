package dev.switchyard.kafka;

/**
 * One embedded cluster for every test of a JVM that only writes and reads (a cluster takes seconds to start);
 * tests that stop the broker start their own. Closed when the JVM exits.
 */
public final class SharedKafka {
    private static EmbeddedKafka cluster;

    private SharedKafka() {}

    public static synchronized EmbeddedKafka get() {
        if (cluster == null) {
            EmbeddedKafka started = EmbeddedKafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    // the JVM is exiting; the cluster's directories are temporary
                }
            }));
            cluster = started;
        }
        return cluster;
    }
}
