package io.escalation.obs.audit.tools;

import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A service in its own JVM, run by {@link AuditCrashTest}: the shipped audit appenders with 1 MB files
 * and TCPA records until the current file rolls over, which starts the gzip of the rolled file; then the
 * process dies at once ({@link Runtime#halt}), as a killed pod does, with that gzip under way. Prints
 * {@code RECORDS <n>}, the records written.
 */
final class AuditCrashChild {

    private AuditCrashChild() {}

    public static void main(String[] args) throws Exception {
        Path logs = Path.of(args[0]);
        LoggerContext context = AuditToolTest.configure(logs, args[1], "1MB");
        Path current = logs.resolve("audit-tcpa.log");
        long size = 0;
        int records = 0;
        while (true) {
            context.getLogger("obs.audit.tcpa")
                    .atInfo()
                    .addKeyValue("consumer_id_hash", "crash-" + records++)
                    .log("tcpa_check");
            long now = Files.size(current);
            if (now < size) { // rolled over: the gzip has just started
                break;
            }
            size = now;
        }
        System.out.println("RECORDS " + records);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
