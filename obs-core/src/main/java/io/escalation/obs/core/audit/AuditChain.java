package io.escalation.obs.core.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The hash chain of an audit file: every JSON line ends with its sequence number, the MAC of the line
 * before it and its own MAC, an HMAC-SHA256 under a chain key, so that a reader of the files who lacks
 * the key can neither edit, drop, reorder nor append a record unnoticed.
 *
 * <pre>{@code
 * {"@timestamp":"...","message":"tcpa_check",...,"seq":42,"prev":"<64 hex>","mac":"<64 hex>"}
 * }</pre>
 *
 * <p>{@code mac} is the lower-case hex HMAC-SHA256, under the chain key, of the line's exact UTF-8
 * bytes before {@code ,"mac":"}: the record as written, its {@code seq} and its {@code prev} included.
 * {@code prev} is the previous record's {@code mac} ({@value #GENESIS_PREV_DIGIT} times 64 for the
 * first record of a chain). The chain's own records start with <code>{"audit_chain":</code> (checkpoint,
 * start, restart) and carry the {@code key_id} of the key that MACs them and the records after them.
 * Not thread-safe: one instance per writer, used under its lock.
 */
public final class AuditChain {

    /** The field that opens the chain's own records: {@code {"audit_chain":"checkpoint",...}}. */
    public static final String CHAIN_RECORD_PREFIX = "{\"audit_chain\":\"";
    /** The digit {@code prev} repeats 64 times on the first record of a chain. */
    public static final String GENESIS_PREV_DIGIT = "0";
    /** The {@code prev} of the first record of a chain. */
    public static final String GENESIS = "0".repeat(64);
    /** Length of {@code prev} and {@code mac}: 64 hex digits. */
    public static final int HASH_CHARS = 64;
    /** The most bytes {@link #seal} adds to a record's head. */
    public static final int MAX_SUFFIX_BYTES = 200;

    private static final byte[] SEQ = ascii(",\"seq\":");
    private static final byte[] PREV = ascii(",\"prev\":\"");
    private static final byte[] MAC = ascii("\",\"mac\":\"");
    private static final byte[] HEX = ascii("0123456789abcdef");
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac mac;
    private final String keyId;
    private final byte[] digest = new byte[32];
    private final byte[] digits = new byte[20];

    private AuditChain(Mac mac, String keyId) {
        this.mac = mac;
        this.keyId = keyId;
    }

    /**
     * A chain under {@code key} (copied), which must pass {@link KeyedHash#of(byte[], String)}'s rules: at
     * least 32 bytes that look random. Use a key of its own, not the one that hashes ids.
     *
     * @param key the key bytes, copied
     * @param setting the setting the key came from, named in messages
     * @return the chain
     * @throws IllegalArgumentException saying what to change when the key is too short or not random
     */
    public static AuditChain of(byte[] key, String setting) {
        KeyedHash.of(key, setting); // the same length and randomness rules, with the same messages
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ascii("obs-audit-chain-key-id\0"));
            byte[] id = sha.digest(key);
            return new AuditChain(mac, KeyedHash.hex(id).substring(0, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no " + ALGORITHM + " or SHA-256: " + e, e);
        }
    }

    /**
     * A chain under the base64-encoded key {@code base64} (as {@code openssl rand -base64 32} prints
     * it; surrounding white space ignored).
     *
     * @param base64 the key in base64
     * @param setting the setting the key came from, named in messages
     * @return the chain
     * @throws IllegalArgumentException when {@code base64} is not base64 or the key is too weak
     */
    public static AuditChain fromBase64(String base64, String setting) {
        Objects.requireNonNull(base64, setting);
        byte[] key;
        try {
            key = Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not base64 (" + e.getMessage() + "): generate a key"
                    + " with 'openssl rand -base64 32' and pass the printed text");
        }
        try {
            return of(key, setting);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The key's public id: the first 16 hex digits of SHA-256 of {@code "obs-audit-chain-key-id"}, a NUL
     * byte and the key. Names the key in checkpoints without revealing it.
     *
     * @return 16 lower-case hex digits
     */
    public String keyId() {
        return keyId;
    }

    /**
     * Writes {@code head} (a JSON object's bytes without its closing brace) followed by
     * {@code ,"seq":seq,"prev":"prev","mac":"mac"}} into {@code out} from index 0.
     *
     * @param head the buffer holding the record
     * @param headOffset where the record starts in {@code head}
     * @param headLength the record's length in bytes
     * @param seq the record's sequence number in the chain
     * @param prev the previous record's MAC, 64 ASCII hex digits
     * @param out at least {@code headLength + MAX_SUFFIX_BYTES} long
     * @return the number of bytes written; the MAC is the 64 bytes before the last two
     */
    public int seal(byte[] head, int headOffset, int headLength, long seq, byte[] prev, byte[] out) {
        System.arraycopy(head, headOffset, out, 0, headLength);
        int at = headLength;
        at = put(SEQ, out, at);
        at = putLong(seq, out, at);
        at = put(PREV, out, at);
        System.arraycopy(prev, 0, out, at, HASH_CHARS);
        at += HASH_CHARS;
        int macInput = at + 1; // up to and including the quote that closes prev
        at = put(MAC, out, at);
        hmacHex(out, macInput, out, at);
        at += HASH_CHARS;
        out[at++] = '"';
        out[at++] = '}';
        return at;
    }

    /**
     * Whether the MAC at the end of {@code line} (one record, without its line separator) is this key's
     * MAC of the bytes before it.
     *
     * @param line the record's bytes
     * @param length the number of bytes of {@code line} that hold the record
     * @return true when the MAC matches
     */
    public boolean verifies(byte[] line, int length) {
        int macAt = length - 2 - HASH_CHARS; // <mac>"}
        int before = macAt - MAC.length;
        if (before < 0 || !matches(line, before, MAC)) {
            return false;
        }
        byte[] expected = new byte[HASH_CHARS];
        hmacHex(line, before + 1, expected, 0); // the bytes up to and including prev's closing quote
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(line, macAt, macAt + HASH_CHARS));
    }

    /** Computes the hex HMAC of {@code data[0, length)} into {@code out} at {@code at}. */
    private void hmacHex(byte[] data, int length, byte[] out, int at) {
        mac.update(data, 0, length);
        try {
            mac.doFinal(digest, 0);
        } catch (javax.crypto.ShortBufferException impossible) {
            throw new IllegalStateException(impossible);
        }
        for (int i = 0; i < digest.length; i++) {
            out[at + 2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[at + 2 * i + 1] = HEX[digest[i] & 0xf];
        }
    }

    /**
     * The chain fields at the end of {@code line} (one record, without its line separator), or null when
     * it does not end with {@code ,"seq":N,"prev":"<64 hex>","mac":"<64 hex>"}}.
     *
     * @param line the record's bytes
     * @param length the number of bytes of {@code line} that hold the record
     * @return the record's sequence number, previous MAC and own MAC, or null
     */
    public static @Nullable Link link(byte[] line, int length) {
        int macAt = length - 2 - HASH_CHARS;
        int prevAt = macAt - MAC.length - HASH_CHARS;
        int prevFieldAt = prevAt - PREV.length;
        if (prevFieldAt < 1
                || line[length - 1] != '}'
                || line[length - 2] != '"'
                || !matches(line, macAt - MAC.length, MAC)
                || !matches(line, prevFieldAt, PREV)
                || !hex(line, macAt)
                || !hex(line, prevAt)) {
            return null;
        }
        long seq = 0;
        int i = prevFieldAt - 1;
        long scale = 1;
        int digitCount = 0;
        while (i >= 0 && line[i] >= '0' && line[i] <= '9' && digitCount < 18) {
            seq += (line[i] - '0') * scale;
            scale *= 10;
            digitCount++;
            i--;
        }
        if (digitCount == 0 || i + 1 - SEQ.length < 0 || !matches(line, i + 1 - SEQ.length, SEQ)) {
            return null;
        }
        return new Link(
                seq,
                new String(line, prevAt, HASH_CHARS, StandardCharsets.US_ASCII),
                new String(line, macAt, HASH_CHARS, StandardCharsets.US_ASCII));
    }

    /**
     * The chain fields of one record.
     *
     * @param seq its sequence number in the chain, from 1
     * @param prev the MAC of the record before it, {@link #GENESIS} for the first
     * @param mac its own MAC
     */
    public record Link(long seq, String prev, String mac) {}

    private static boolean hex(byte[] line, int from) {
        for (int i = from; i < from + HASH_CHARS; i++) {
            byte b = line[i];
            if (!((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(byte[] line, int at, byte[] text) {
        if (at < 0 || at + text.length > line.length) {
            return false;
        }
        for (int i = 0; i < text.length; i++) {
            if (line[at + i] != text[i]) {
                return false;
            }
        }
        return true;
    }

    private static int put(byte[] text, byte[] out, int at) {
        System.arraycopy(text, 0, out, at, text.length);
        return at + text.length;
    }

    private int putLong(long value, byte[] out, int at) {
        int n = 0;
        long v = value;
        do {
            digits[n++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v > 0);
        for (int i = n - 1; i >= 0; i--) {
            out[at++] = digits[i];
        }
        return at;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "AuditChain[" + ALGORITHM + ", key " + keyId + "]";
    }

    /**
     * The order of one audit stream's rolled files, in which the writer continues the chain and a
     * verifier reads it: names compared part by part between dots, numbers as numbers
     * ({@code audit-tcpa.2026-03-09.9.log.gz} before {@code audit-tcpa.2026-03-09.10.log.gz}).
     *
     * @param a one file
     * @param b another file of the same stream
     * @return negative, zero or positive as {@code a}'s name comes before, with or after {@code b}'s
     */
    public static int compareFileNames(Path a, Path b) {
        String[] left = a.getFileName().toString().split("\\.");
        String[] right = b.getFileName().toString().split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int c = left[i].matches("\\d{1,18}") && right[i].matches("\\d{1,18}")
                    ? Long.compare(Long.parseLong(left[i]), Long.parseLong(right[i]))
                    : left[i].compareTo(right[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.length, right.length);
    }
}
