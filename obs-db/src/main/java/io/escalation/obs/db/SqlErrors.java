package io.escalation.obs.db;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Looks for SQLSTATEs in an exception graph: the cause chain and, for {@link SQLException}s, the
 * next-exception chain (where drivers put the real error of a failed batch). Bounded and safe
 * against cycles and throwing accessors.
 */
final class SqlErrors {

    /** PostgreSQL's {@code deadlock_detected}. */
    static final String DEADLOCK_DETECTED = "40P01";

    private static final int MAX_NODES = 32;

    private SqlErrors() {}

    /** True when some SQLException in the graph carries {@code state}. */
    static boolean hasSqlState(@Nullable Throwable error, String state) {
        return find(error, state) != null;
    }

    /** The first SQLSTATE found in the graph, or null. */
    static @Nullable String firstSqlState(@Nullable Throwable error) {
        return find(error, null);
    }

    private static @Nullable String find(@Nullable Throwable error, @Nullable String wanted) {
        if (error == null) {
            return null;
        }
        Throwable[] pending = new Throwable[MAX_NODES];
        Throwable[] seen = new Throwable[MAX_NODES];
        int top = 0;
        int visited = 0;
        pending[top++] = error;
        try {
            while (top > 0 && visited < MAX_NODES) {
                Throwable current = pending[--top];
                if (contains(seen, visited, current)) {
                    continue;
                }
                seen[visited++] = current;
                if (current instanceof SQLException sql) {
                    String state = sql.getSQLState();
                    if (state != null && (wanted == null || wanted.equals(state))) {
                        return state;
                    }
                    SQLException next = sql.getNextException();
                    if (next != null && top < MAX_NODES) {
                        pending[top++] = next;
                    }
                }
                Throwable cause = current.getCause();
                if (cause != null && top < MAX_NODES) {
                    pending[top++] = cause;
                }
            }
        } catch (RuntimeException e) { // an exception whose accessors throw: stop looking
            return null;
        }
        return null;
    }

    private static boolean contains(Throwable[] seen, int count, Throwable candidate) {
        for (int i = 0; i < count; i++) {
            if (seen[i] == candidate) {
                return true;
            }
        }
        return false;
    }
}
