package io.escalation.obs.db;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Why a Redis command failed: the {@code error} label of {@code redis_command_errors_total}. A
 * server error is its error prefix, the upper-case first word Redis puts in every error reply
 * ({@code WRONGTYPE Operation against a key holding the wrong kind of value}); a client that gave up
 * waiting is {@link #TIMEOUT}, one that could not reach the server {@link #CONNECTION}, anything else
 * {@link #OTHER}.
 *
 * <pre>{@code
 * RedisError.of(e).label();   // "WRONGTYPE" for Lettuce's RedisCommandExecutionException on a wrong type
 * }</pre>
 *
 * <p>{@link #of(Throwable)} works with any client whose exceptions carry the server's error reply as
 * their message (Lettuce, Jedis, Redisson): it looks through the cause chain and never throws.
 */
public enum RedisError {
    /** A generic error ({@code ERR unknown command}, wrong number of arguments, not an integer, ...). */
    ERR,
    /** An operation against a key holding the wrong kind of value. */
    WRONGTYPE,
    /** EVALSHA of a script the server does not have. */
    NOSCRIPT,
    /** A script or function is running and blocks the server. */
    BUSY,
    /** A key already exists (RESTORE, COPY). */
    BUSYKEY,
    /** A consumer group already exists. */
    BUSYGROUP,
    /** No such consumer group. */
    NOGROUP,
    /** The command would use memory past {@code maxmemory}. */
    OOM,
    /** Authentication is required. */
    NOAUTH,
    /** The ACL user may not run the command or touch the key. */
    NOPERM,
    /** Wrong user name or password. */
    WRONGPASS,
    /** A write sent to a read-only replica. */
    READONLY,
    /** The server is loading its data set. */
    LOADING,
    /** A transaction was discarded because of an earlier error. */
    EXECABORT,
    /** Cluster: the key lives on another node. */
    MOVED,
    /** Cluster: the key is being migrated. */
    ASK,
    /** Cluster: the keys of one command hash to different slots. */
    CROSSSLOT,
    /** Cluster: the cluster is down. */
    CLUSTERDOWN,
    /** Cluster: a multi-key command during resharding; retry. */
    TRYAGAIN,
    /** The replica lost its link with the master. */
    MASTERDOWN,
    /** Not enough good replicas to write to. */
    NOREPLICAS,
    /** A blocked client was unblocked by CLIENT UNBLOCK ... ERROR. */
    UNBLOCKED,
    /** The client gave up waiting for the reply. */
    TIMEOUT,
    /** The client could not reach the server, or lost the connection. */
    CONNECTION,
    /** Anything else: another error prefix, an exception of the application's own. */
    OTHER;

    private static final RedisError[] PREFIXES;
    private static final int MAX_CAUSES = 16;

    static {
        RedisError[] all = values();
        PREFIXES = new RedisError[all.length - 3];
        System.arraycopy(all, 0, PREFIXES, 0, PREFIXES.length);
    }

    /**
     * The exposed label value: the error prefix ({@code WRONGTYPE}), or {@code timeout},
     * {@code connection}, {@code other}.
     *
     * @return the value of the {@code error} label
     */
    public String label() {
        return switch (this) {
            case TIMEOUT -> "timeout";
            case CONNECTION -> "connection";
            case OTHER -> "other";
            default -> name();
        };
    }

    /**
     * Classifies a failed command's exception. Never throws.
     *
     * @param error what the client threw, or null
     * @return the error prefix of a server reply found in the cause chain, else {@link #TIMEOUT},
     *         {@link #CONNECTION} or {@link #OTHER}
     */
    public static RedisError of(@Nullable Throwable error) {
        try {
            RedisError fallback = OTHER;
            Throwable current = error;
            for (int i = 0; current != null && i < MAX_CAUSES; i++) {
                RedisError prefix = prefix(current.getMessage());
                if (prefix != null) {
                    return prefix;
                }
                if (fallback == OTHER) {
                    fallback = clientSide(current);
                }
                Throwable cause = current.getCause();
                current = cause == current ? null : cause;
            }
            return fallback;
        } catch (Throwable e) { // the caller's exception, whose accessors throw (even an Error): never into the caller
            return OTHER;
        }
    }

    /** The known prefix {@code message} starts with (followed by a space or its end), or null. */
    static @Nullable RedisError prefix(@Nullable String message) {
        if (message == null || message.isEmpty() || message.charAt(0) < 'A' || message.charAt(0) > 'Z') {
            return null;
        }
        for (RedisError candidate : PREFIXES) {
            String name = candidate.name();
            if (message.startsWith(name)
                    && (message.length() == name.length() || message.charAt(name.length()) == ' ')) {
                return candidate;
            }
        }
        return null;
    }

    private static RedisError clientSide(Throwable error) {
        String type = error.getClass().getSimpleName();
        if (error instanceof TimeoutException || error instanceof SocketTimeoutException || type.contains("Timeout")) {
            return TIMEOUT;
        }
        if (error instanceof ConnectException || type.contains("Connection") || type.contains("Connect")) {
            return CONNECTION;
        }
        return OTHER;
    }
}
