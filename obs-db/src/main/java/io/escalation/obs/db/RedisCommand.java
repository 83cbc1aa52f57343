package io.escalation.obs.db;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code command} label of the Redis meters: the top-level commands of Redis 7 and 8 (a
 * container command such as {@code CLIENT LIST} is its first word, {@code CLIENT}), and
 * {@link #OTHER} for anything else (module commands such as {@code FT.SEARCH}, typos). Exposed
 * in upper case, as Redis documents them.
 *
 * <pre>{@code
 * redis.record(RedisCommand.GET, elapsedNanos);
 * RedisCommand command = RedisCommand.of(lettuceCommand.getType().name());   // "GET" -> GET
 * }</pre>
 */
public enum RedisCommand {
    ACL, APPEND, ASKING, AUTH, BGREWRITEAOF, BGSAVE, BITCOUNT, BITFIELD, BITFIELD_RO, BITOP, BITPOS, BLMOVE,
    BLMPOP, BLPOP, BRPOP, BRPOPLPUSH, BZMPOP, BZPOPMAX, BZPOPMIN, CLIENT, CLUSTER, COMMAND, CONFIG, COPY,
    DBSIZE, DEBUG, DECR, DECRBY, DEL, DISCARD, DUMP, ECHO, EVAL, EVALSHA, EVALSHA_RO, EVAL_RO, EXEC, EXISTS,
    EXPIRE, EXPIREAT, EXPIRETIME, FAILOVER, FCALL, FCALL_RO, FLUSHALL, FLUSHDB, FUNCTION, GEOADD, GEODIST,
    GEOHASH, GEOPOS, GEORADIUS, GEORADIUSBYMEMBER, GEORADIUSBYMEMBER_RO, GEORADIUS_RO, GEOSEARCH,
    GEOSEARCHSTORE, GET, GETBIT, GETDEL, GETEX, GETRANGE, GETSET, HDEL, HELLO, HEXISTS, HEXPIRE, HEXPIREAT,
    HEXPIRETIME, HGET, HGETALL, HGETDEL, HGETEX, HINCRBY, HINCRBYFLOAT, HKEYS, HLEN, HMGET, HMSET, HPERSIST,
    HPEXPIRE, HPEXPIREAT, HPEXPIRETIME, HPTTL, HRANDFIELD, HSCAN, HSET, HSETEX, HSETNX, HSTRLEN, HTTL, HVALS,
    INCR, INCRBY, INCRBYFLOAT, INFO, KEYS, LASTSAVE, LATENCY, LCS, LINDEX, LINSERT, LLEN, LMOVE, LMPOP,
    LOLWUT, LPOP, LPOS, LPUSH, LPUSHX, LRANGE, LREM, LSET, LTRIM, MEMORY, MGET, MIGRATE, MODULE, MONITOR,
    MOVE, MSET, MSETNX, MULTI, OBJECT, PERSIST, PEXPIRE, PEXPIREAT, PEXPIRETIME, PFADD, PFCOUNT, PFDEBUG,
    PFMERGE, PFSELFTEST, PING, PSETEX, PSUBSCRIBE, PSYNC, PTTL, PUBLISH, PUBSUB, PUNSUBSCRIBE, QUIT,
    RANDOMKEY, READONLY, READWRITE, RENAME, RENAMENX, REPLCONF, REPLICAOF, RESET, RESTORE, ROLE, RPOP,
    RPOPLPUSH, RPUSH, RPUSHX, SADD, SAVE, SCAN, SCARD, SCRIPT, SDIFF, SDIFFSTORE, SELECT, SET, SETBIT, SETEX,
    SETNX, SETRANGE, SHUTDOWN, SINTER, SINTERCARD, SINTERSTORE, SISMEMBER, SLAVEOF, SLOWLOG, SMEMBERS,
    SMISMEMBER, SMOVE, SORT, SORT_RO, SPOP, SPUBLISH, SRANDMEMBER, SREM, SSCAN, SSUBSCRIBE, STRLEN,
    SUBSCRIBE, SUBSTR, SUNION, SUNIONSTORE, SUNSUBSCRIBE, SWAPDB, SYNC, TIME, TOUCH, TTL, TYPE, UNLINK,
    UNSUBSCRIBE, UNWATCH, WAIT, WAITAOF, WATCH, XACK, XADD, XAUTOCLAIM, XCLAIM, XDEL, XGROUP, XINFO, XLEN,
    XPENDING, XRANGE, XREAD, XREADGROUP, XREVRANGE, XSETID, XTRIM, ZADD, ZCARD, ZCOUNT, ZDIFF, ZDIFFSTORE,
    ZINCRBY, ZINTER, ZINTERCARD, ZINTERSTORE, ZLEXCOUNT, ZMPOP, ZMSCORE, ZPOPMAX, ZPOPMIN, ZRANDMEMBER,
    ZRANGE, ZRANGEBYLEX, ZRANGEBYSCORE, ZRANGESTORE, ZRANK, ZREM, ZREMRANGEBYLEX, ZREMRANGEBYRANK,
    ZREMRANGEBYSCORE, ZREVRANGE, ZREVRANGEBYLEX, ZREVRANGEBYSCORE, ZREVRANK, ZSCAN, ZSCORE, ZUNION,
    ZUNIONSTORE, OTHER;

    private static final Map<String, RedisCommand> BY_NAME = new HashMap<>();

    static {
        for (RedisCommand command : values()) {
            if (command != OTHER) {
                BY_NAME.put(command.name(), command);
                BY_NAME.put(command.name().toLowerCase(Locale.ROOT), command);
            }
        }
    }

    /** The exposed label value, e.g. {@code GET} or {@code other}. */
    public String label() {
        return this == OTHER ? "other" : name();
    }

    /**
     * The command named {@code name} in any case ({@code "GET"}, {@code "get"}, {@code "Get"}), or
     * {@link #OTHER}. Upper- and lower-case names allocate nothing.
     */
    public static RedisCommand of(@Nullable String name) {
        if (name == null) {
            return OTHER;
        }
        RedisCommand command = BY_NAME.get(name);
        if (command != null) {
            return command;
        }
        if (name.length() > Names.MAX_NAME) {
            return OTHER;
        }
        command = BY_NAME.get(name.toUpperCase(Locale.ROOT));
        return command != null ? command : OTHER;
    }
}
