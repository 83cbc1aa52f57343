package io.escalation.obs.db;

import io.escalation.obs.core.label.LabelValue;
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
public enum RedisCommand implements LabelValue {
    /** The {@code ACL} command. */
    ACL,
    /** The {@code APPEND} command. */
    APPEND,
    /** The {@code ASKING} command. */
    ASKING,
    /** The {@code AUTH} command. */
    AUTH,
    /** The {@code BGREWRITEAOF} command. */
    BGREWRITEAOF,
    /** The {@code BGSAVE} command. */
    BGSAVE,
    /** The {@code BITCOUNT} command. */
    BITCOUNT,
    /** The {@code BITFIELD} command. */
    BITFIELD,
    /** The {@code BITFIELD_RO} command. */
    BITFIELD_RO,
    /** The {@code BITOP} command. */
    BITOP,
    /** The {@code BITPOS} command. */
    BITPOS,
    /** The {@code BLMOVE} command. */
    BLMOVE,
    /** The {@code BLMPOP} command. */
    BLMPOP,
    /** The {@code BLPOP} command. */
    BLPOP,
    /** The {@code BRPOP} command. */
    BRPOP,
    /** The {@code BRPOPLPUSH} command. */
    BRPOPLPUSH,
    /** The {@code BZMPOP} command. */
    BZMPOP,
    /** The {@code BZPOPMAX} command. */
    BZPOPMAX,
    /** The {@code BZPOPMIN} command. */
    BZPOPMIN,
    /** The {@code CLIENT} command. */
    CLIENT,
    /** The {@code CLUSTER} command. */
    CLUSTER,
    /** The {@code COMMAND} command. */
    COMMAND,
    /** The {@code CONFIG} command. */
    CONFIG,
    /** The {@code COPY} command. */
    COPY,
    /** The {@code DBSIZE} command. */
    DBSIZE,
    /** The {@code DEBUG} command. */
    DEBUG,
    /** The {@code DECR} command. */
    DECR,
    /** The {@code DECRBY} command. */
    DECRBY,
    /** The {@code DEL} command. */
    DEL,
    /** The {@code DISCARD} command. */
    DISCARD,
    /** The {@code DUMP} command. */
    DUMP,
    /** The {@code ECHO} command. */
    ECHO,
    /** The {@code EVAL} command. */
    EVAL,
    /** The {@code EVALSHA} command. */
    EVALSHA,
    /** The {@code EVALSHA_RO} command. */
    EVALSHA_RO,
    /** The {@code EVAL_RO} command. */
    EVAL_RO,
    /** The {@code EXEC} command. */
    EXEC,
    /** The {@code EXISTS} command. */
    EXISTS,
    /** The {@code EXPIRE} command. */
    EXPIRE,
    /** The {@code EXPIREAT} command. */
    EXPIREAT,
    /** The {@code EXPIRETIME} command. */
    EXPIRETIME,
    /** The {@code FAILOVER} command. */
    FAILOVER,
    /** The {@code FCALL} command. */
    FCALL,
    /** The {@code FCALL_RO} command. */
    FCALL_RO,
    /** The {@code FLUSHALL} command. */
    FLUSHALL,
    /** The {@code FLUSHDB} command. */
    FLUSHDB,
    /** The {@code FUNCTION} command. */
    FUNCTION,
    /** The {@code GEOADD} command. */
    GEOADD,
    /** The {@code GEODIST} command. */
    GEODIST,
    /** The {@code GEOHASH} command. */
    GEOHASH,
    /** The {@code GEOPOS} command. */
    GEOPOS,
    /** The {@code GEORADIUS} command. */
    GEORADIUS,
    /** The {@code GEORADIUSBYMEMBER} command. */
    GEORADIUSBYMEMBER,
    /** The {@code GEORADIUSBYMEMBER_RO} command. */
    GEORADIUSBYMEMBER_RO,
    /** The {@code GEORADIUS_RO} command. */
    GEORADIUS_RO,
    /** The {@code GEOSEARCH} command. */
    GEOSEARCH,
    /** The {@code GEOSEARCHSTORE} command. */
    GEOSEARCHSTORE,
    /** The {@code GET} command. */
    GET,
    /** The {@code GETBIT} command. */
    GETBIT,
    /** The {@code GETDEL} command. */
    GETDEL,
    /** The {@code GETEX} command. */
    GETEX,
    /** The {@code GETRANGE} command. */
    GETRANGE,
    /** The {@code GETSET} command. */
    GETSET,
    /** The {@code HDEL} command. */
    HDEL,
    /** The {@code HELLO} command. */
    HELLO,
    /** The {@code HEXISTS} command. */
    HEXISTS,
    /** The {@code HEXPIRE} command. */
    HEXPIRE,
    /** The {@code HEXPIREAT} command. */
    HEXPIREAT,
    /** The {@code HEXPIRETIME} command. */
    HEXPIRETIME,
    /** The {@code HGET} command. */
    HGET,
    /** The {@code HGETALL} command. */
    HGETALL,
    /** The {@code HGETDEL} command. */
    HGETDEL,
    /** The {@code HGETEX} command. */
    HGETEX,
    /** The {@code HINCRBY} command. */
    HINCRBY,
    /** The {@code HINCRBYFLOAT} command. */
    HINCRBYFLOAT,
    /** The {@code HKEYS} command. */
    HKEYS,
    /** The {@code HLEN} command. */
    HLEN,
    /** The {@code HMGET} command. */
    HMGET,
    /** The {@code HMSET} command. */
    HMSET,
    /** The {@code HPERSIST} command. */
    HPERSIST,
    /** The {@code HPEXPIRE} command. */
    HPEXPIRE,
    /** The {@code HPEXPIREAT} command. */
    HPEXPIREAT,
    /** The {@code HPEXPIRETIME} command. */
    HPEXPIRETIME,
    /** The {@code HPTTL} command. */
    HPTTL,
    /** The {@code HRANDFIELD} command. */
    HRANDFIELD,
    /** The {@code HSCAN} command. */
    HSCAN,
    /** The {@code HSET} command. */
    HSET,
    /** The {@code HSETEX} command. */
    HSETEX,
    /** The {@code HSETNX} command. */
    HSETNX,
    /** The {@code HSTRLEN} command. */
    HSTRLEN,
    /** The {@code HTTL} command. */
    HTTL,
    /** The {@code HVALS} command. */
    HVALS,
    /** The {@code INCR} command. */
    INCR,
    /** The {@code INCRBY} command. */
    INCRBY,
    /** The {@code INCRBYFLOAT} command. */
    INCRBYFLOAT,
    /** The {@code INFO} command. */
    INFO,
    /** The {@code KEYS} command. */
    KEYS,
    /** The {@code LASTSAVE} command. */
    LASTSAVE,
    /** The {@code LATENCY} command. */
    LATENCY,
    /** The {@code LCS} command. */
    LCS,
    /** The {@code LINDEX} command. */
    LINDEX,
    /** The {@code LINSERT} command. */
    LINSERT,
    /** The {@code LLEN} command. */
    LLEN,
    /** The {@code LMOVE} command. */
    LMOVE,
    /** The {@code LMPOP} command. */
    LMPOP,
    /** The {@code LOLWUT} command. */
    LOLWUT,
    /** The {@code LPOP} command. */
    LPOP,
    /** The {@code LPOS} command. */
    LPOS,
    /** The {@code LPUSH} command. */
    LPUSH,
    /** The {@code LPUSHX} command. */
    LPUSHX,
    /** The {@code LRANGE} command. */
    LRANGE,
    /** The {@code LREM} command. */
    LREM,
    /** The {@code LSET} command. */
    LSET,
    /** The {@code LTRIM} command. */
    LTRIM,
    /** The {@code MEMORY} command. */
    MEMORY,
    /** The {@code MGET} command. */
    MGET,
    /** The {@code MIGRATE} command. */
    MIGRATE,
    /** The {@code MODULE} command. */
    MODULE,
    /** The {@code MONITOR} command. */
    MONITOR,
    /** The {@code MOVE} command. */
    MOVE,
    /** The {@code MSET} command. */
    MSET,
    /** The {@code MSETNX} command. */
    MSETNX,
    /** The {@code MULTI} command. */
    MULTI,
    /** The {@code OBJECT} command. */
    OBJECT,
    /** The {@code PERSIST} command. */
    PERSIST,
    /** The {@code PEXPIRE} command. */
    PEXPIRE,
    /** The {@code PEXPIREAT} command. */
    PEXPIREAT,
    /** The {@code PEXPIRETIME} command. */
    PEXPIRETIME,
    /** The {@code PFADD} command. */
    PFADD,
    /** The {@code PFCOUNT} command. */
    PFCOUNT,
    /** The {@code PFDEBUG} command. */
    PFDEBUG,
    /** The {@code PFMERGE} command. */
    PFMERGE,
    /** The {@code PFSELFTEST} command. */
    PFSELFTEST,
    /** The {@code PING} command. */
    PING,
    /** The {@code PSETEX} command. */
    PSETEX,
    /** The {@code PSUBSCRIBE} command. */
    PSUBSCRIBE,
    /** The {@code PSYNC} command. */
    PSYNC,
    /** The {@code PTTL} command. */
    PTTL,
    /** The {@code PUBLISH} command. */
    PUBLISH,
    /** The {@code PUBSUB} command. */
    PUBSUB,
    /** The {@code PUNSUBSCRIBE} command. */
    PUNSUBSCRIBE,
    /** The {@code QUIT} command. */
    QUIT,
    /** The {@code RANDOMKEY} command. */
    RANDOMKEY,
    /** The {@code READONLY} command. */
    READONLY,
    /** The {@code READWRITE} command. */
    READWRITE,
    /** The {@code RENAME} command. */
    RENAME,
    /** The {@code RENAMENX} command. */
    RENAMENX,
    /** The {@code REPLCONF} command. */
    REPLCONF,
    /** The {@code REPLICAOF} command. */
    REPLICAOF,
    /** The {@code RESET} command. */
    RESET,
    /** The {@code RESTORE} command. */
    RESTORE,
    /** The {@code ROLE} command. */
    ROLE,
    /** The {@code RPOP} command. */
    RPOP,
    /** The {@code RPOPLPUSH} command. */
    RPOPLPUSH,
    /** The {@code RPUSH} command. */
    RPUSH,
    /** The {@code RPUSHX} command. */
    RPUSHX,
    /** The {@code SADD} command. */
    SADD,
    /** The {@code SAVE} command. */
    SAVE,
    /** The {@code SCAN} command. */
    SCAN,
    /** The {@code SCARD} command. */
    SCARD,
    /** The {@code SCRIPT} command. */
    SCRIPT,
    /** The {@code SDIFF} command. */
    SDIFF,
    /** The {@code SDIFFSTORE} command. */
    SDIFFSTORE,
    /** The {@code SELECT} command. */
    SELECT,
    /** The {@code SET} command. */
    SET,
    /** The {@code SETBIT} command. */
    SETBIT,
    /** The {@code SETEX} command. */
    SETEX,
    /** The {@code SETNX} command. */
    SETNX,
    /** The {@code SETRANGE} command. */
    SETRANGE,
    /** The {@code SHUTDOWN} command. */
    SHUTDOWN,
    /** The {@code SINTER} command. */
    SINTER,
    /** The {@code SINTERCARD} command. */
    SINTERCARD,
    /** The {@code SINTERSTORE} command. */
    SINTERSTORE,
    /** The {@code SISMEMBER} command. */
    SISMEMBER,
    /** The {@code SLAVEOF} command. */
    SLAVEOF,
    /** The {@code SLOWLOG} command. */
    SLOWLOG,
    /** The {@code SMEMBERS} command. */
    SMEMBERS,
    /** The {@code SMISMEMBER} command. */
    SMISMEMBER,
    /** The {@code SMOVE} command. */
    SMOVE,
    /** The {@code SORT} command. */
    SORT,
    /** The {@code SORT_RO} command. */
    SORT_RO,
    /** The {@code SPOP} command. */
    SPOP,
    /** The {@code SPUBLISH} command. */
    SPUBLISH,
    /** The {@code SRANDMEMBER} command. */
    SRANDMEMBER,
    /** The {@code SREM} command. */
    SREM,
    /** The {@code SSCAN} command. */
    SSCAN,
    /** The {@code SSUBSCRIBE} command. */
    SSUBSCRIBE,
    /** The {@code STRLEN} command. */
    STRLEN,
    /** The {@code SUBSCRIBE} command. */
    SUBSCRIBE,
    /** The {@code SUBSTR} command. */
    SUBSTR,
    /** The {@code SUNION} command. */
    SUNION,
    /** The {@code SUNIONSTORE} command. */
    SUNIONSTORE,
    /** The {@code SUNSUBSCRIBE} command. */
    SUNSUBSCRIBE,
    /** The {@code SWAPDB} command. */
    SWAPDB,
    /** The {@code SYNC} command. */
    SYNC,
    /** The {@code TIME} command. */
    TIME,
    /** The {@code TOUCH} command. */
    TOUCH,
    /** The {@code TTL} command. */
    TTL,
    /** The {@code TYPE} command. */
    TYPE,
    /** The {@code UNLINK} command. */
    UNLINK,
    /** The {@code UNSUBSCRIBE} command. */
    UNSUBSCRIBE,
    /** The {@code UNWATCH} command. */
    UNWATCH,
    /** The {@code WAIT} command. */
    WAIT,
    /** The {@code WAITAOF} command. */
    WAITAOF,
    /** The {@code WATCH} command. */
    WATCH,
    /** The {@code XACK} command. */
    XACK,
    /** The {@code XADD} command. */
    XADD,
    /** The {@code XAUTOCLAIM} command. */
    XAUTOCLAIM,
    /** The {@code XCLAIM} command. */
    XCLAIM,
    /** The {@code XDEL} command. */
    XDEL,
    /** The {@code XGROUP} command. */
    XGROUP,
    /** The {@code XINFO} command. */
    XINFO,
    /** The {@code XLEN} command. */
    XLEN,
    /** The {@code XPENDING} command. */
    XPENDING,
    /** The {@code XRANGE} command. */
    XRANGE,
    /** The {@code XREAD} command. */
    XREAD,
    /** The {@code XREADGROUP} command. */
    XREADGROUP,
    /** The {@code XREVRANGE} command. */
    XREVRANGE,
    /** The {@code XSETID} command. */
    XSETID,
    /** The {@code XTRIM} command. */
    XTRIM,
    /** The {@code ZADD} command. */
    ZADD,
    /** The {@code ZCARD} command. */
    ZCARD,
    /** The {@code ZCOUNT} command. */
    ZCOUNT,
    /** The {@code ZDIFF} command. */
    ZDIFF,
    /** The {@code ZDIFFSTORE} command. */
    ZDIFFSTORE,
    /** The {@code ZINCRBY} command. */
    ZINCRBY,
    /** The {@code ZINTER} command. */
    ZINTER,
    /** The {@code ZINTERCARD} command. */
    ZINTERCARD,
    /** The {@code ZINTERSTORE} command. */
    ZINTERSTORE,
    /** The {@code ZLEXCOUNT} command. */
    ZLEXCOUNT,
    /** The {@code ZMPOP} command. */
    ZMPOP,
    /** The {@code ZMSCORE} command. */
    ZMSCORE,
    /** The {@code ZPOPMAX} command. */
    ZPOPMAX,
    /** The {@code ZPOPMIN} command. */
    ZPOPMIN,
    /** The {@code ZRANDMEMBER} command. */
    ZRANDMEMBER,
    /** The {@code ZRANGE} command. */
    ZRANGE,
    /** The {@code ZRANGEBYLEX} command. */
    ZRANGEBYLEX,
    /** The {@code ZRANGEBYSCORE} command. */
    ZRANGEBYSCORE,
    /** The {@code ZRANGESTORE} command. */
    ZRANGESTORE,
    /** The {@code ZRANK} command. */
    ZRANK,
    /** The {@code ZREM} command. */
    ZREM,
    /** The {@code ZREMRANGEBYLEX} command. */
    ZREMRANGEBYLEX,
    /** The {@code ZREMRANGEBYRANK} command. */
    ZREMRANGEBYRANK,
    /** The {@code ZREMRANGEBYSCORE} command. */
    ZREMRANGEBYSCORE,
    /** The {@code ZREVRANGE} command. */
    ZREVRANGE,
    /** The {@code ZREVRANGEBYLEX} command. */
    ZREVRANGEBYLEX,
    /** The {@code ZREVRANGEBYSCORE} command. */
    ZREVRANGEBYSCORE,
    /** The {@code ZREVRANK} command. */
    ZREVRANK,
    /** The {@code ZSCAN} command. */
    ZSCAN,
    /** The {@code ZSCORE} command. */
    ZSCORE,
    /** The {@code ZUNION} command. */
    ZUNION,
    /** The {@code ZUNIONSTORE} command. */
    ZUNIONSTORE,
    /** Any other command: module commands such as {@code FT.SEARCH}, unknown names; exposed as {@code other}. */
    OTHER;

    private static final Map<String, RedisCommand> BY_NAME = new HashMap<>();

    static {
        for (RedisCommand command : values()) {
            if (command != OTHER) {
                BY_NAME.put(command.name(), command);
                BY_NAME.put(command.name().toLowerCase(Locale.ROOT), command);
            }
        }
    }

    /**
     * The exposed label value, e.g. {@code GET} or {@code other}.
     *
     * @return the value of the {@code command} label
     */
    @Override
    public String label() {
        return this == OTHER ? "other" : name();
    }

    /**
     * The command named {@code name} in any case ({@code "GET"}, {@code "get"}, {@code "Get"}), or
     * {@link #OTHER}. Upper- and lower-case names allocate nothing.
     *
     * @param name the command name, e.g. {@code GET}; null is {@link #OTHER}
     * @return the command, never null
     */
    public static RedisCommand of(@Nullable String name) {
        if (name == null) {
            return OTHER;
        }
        RedisCommand command = BY_NAME.get(name);
        if (command != null) {
            return command;
        }
        if (name.length() > NameShape.MAX_NAME) {
            return OTHER;
        }
        command = BY_NAME.get(name.toUpperCase(Locale.ROOT));
        return command != null ? command : OTHER;
    }
}
