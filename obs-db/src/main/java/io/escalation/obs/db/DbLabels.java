package io.escalation.obs.db;

import io.escalation.obs.core.catalog.LabelSpec;
import io.escalation.obs.core.catalog.ObsLabel;

/** Label keys of obs-db's meters. */
public enum DbLabels implements ObsLabel {
    /** The name a pool was registered under. */
    POOL("pool", "name given when the pool was registered, e.g. main or replica", false),
    /** A caller-chosen query name; guarded. */
    QUERY("query", "caller-chosen query name such as select_customer (letters, digits, '_', '.', '-', ':');"
            + " statement text becomes redacted", true),
    /** Outcome of a query. */
    STATUS("status", "success, error", false),
    /** A table name from the caller's size query; guarded. */
    TABLE("table", "table name returned by the caller's size query, e.g. customers or public.customers", true),
    /** A Redis command. */
    COMMAND("command", "a real Redis command name in upper case (RedisCommand), or other", false),
    /** Why a Redis command failed. */
    ERROR("error", "the Redis error prefix (ERR, WRONGTYPE, NOSCRIPT, OOM, MOVED, ...: RedisError), timeout,"
            + " connection or other", false);

    private final LabelSpec spec;

    DbLabels(String key, String vocabulary, boolean open) {
        this.spec = new LabelSpec(key, vocabulary, open);
    }

    @Override
    public LabelSpec spec() {
        return spec;
    }
}
