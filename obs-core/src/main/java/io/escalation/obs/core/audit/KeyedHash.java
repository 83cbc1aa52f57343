package io.escalation.obs.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * HMAC-SHA256 of identifiers under a secret the service supplies: the same id always gives the same
 * hash (so records of one consumer can be correlated), and without the secret the id cannot be
 * recovered by hashing candidate phone numbers or ids. Thread-safe.
 *
 * <pre>{@code
 * KeyedHash hash = KeyedHash.of(secrets.bytes("audit-key"), "ComplianceAudit.consumerIdKey");
 * hash.hash("consumer", "C-1001");   // 64 lower-case hex digits: HMAC-SHA256(key, "consumer" NUL "C-1001")
 * }</pre>
 *
 * <p>The {@code kind} of {@link #hash(String, String)} separates domains, so that a user id and an
 * IP address with the same spelling hash differently. A new key makes new hashes: rotating it
 * breaks correlation with earlier records.
 */
public final class KeyedHash {

    /** Minimum secret length of {@link #of(byte[], String)}: the HMAC-SHA256 output size, as RFC 2104 recommends. */
    public static final int MIN_KEY_BYTES = 32;
    /** The least minimum {@link #of(byte[], int, String)} accepts, for settings that already allow shorter keys. */
    static final int FLOOR_KEY_BYTES = 16;
    /**
     * Distinct byte values a key of 32 bytes or more must have; shorter keys need half their length. 32
     * random bytes have about 30 (fewer than 16: a probability of about 3 x 10^-17); placeholders such as
     * {@code "changeme"} repeated have a handful.
     */
    static final int MIN_DISTINCT_BYTES = 16;

    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SecretKeySpec key;
    private final Mac prototype;

    private KeyedHash(SecretKeySpec key, Mac prototype) {
        this.key = key;
        this.prototype = prototype;
    }

    /**
     * A hasher under {@code key} (copied), which must be at least {@value #MIN_KEY_BYTES} bytes and look
     * random: at least {@value #MIN_DISTINCT_BYTES} distinct byte values and not one block repeated
     * (so {@code "changeme"} four times, {@code "ab"} sixteen times or 31 zero bytes and a 1 are
     * refused); {@code setting} names the setting the key came from, in messages.
     *
     * @param key the key bytes, copied
     * @param setting the setting the key came from, named in messages
     * @return the hasher
     * @throws IllegalArgumentException saying what to change when the key is too short or not random
     */
    public static KeyedHash of(byte[] key, String setting) {
        return of(key, MIN_KEY_BYTES, setting);
    }

    /**
     * As {@link #of(byte[], String)} with another minimum length, for a setting whose documented
     * minimum is below {@value #MIN_KEY_BYTES} bytes (obs-errors accepts 16). New settings should
     * use {@link #of(byte[], String)}.
     *
     * @param key the key bytes, copied
     * @param minKeyBytes the shortest key accepted, at least 16
     * @param setting the setting the key came from, named in messages
     * @return the hasher
     * @throws IllegalArgumentException when {@code minKeyBytes} is below 16, or the key is shorter than
     *     {@code minKeyBytes} or does not look random (keys under 32 bytes need half their length in
     *     distinct byte values)
     */
    public static KeyedHash of(byte[] key, int minKeyBytes, String setting) {
        Objects.requireNonNull(key, setting);
        if (minKeyBytes < FLOOR_KEY_BYTES) {
            throw new IllegalArgumentException("minKeyBytes " + minKeyBytes + " is too weak for an HMAC key:"
                    + " use at least " + FLOOR_KEY_BYTES + ", preferably " + MIN_KEY_BYTES);
        }
        if (key.length < minKeyBytes) {
            throw new IllegalArgumentException(setting + " must be at least " + minKeyBytes + " bytes ("
                    + 8 * minKeyBytes + " bits) of random data, was " + key.length + " bytes: generate one with"
                    + " 'openssl rand -base64 32', keep it in the service's secret store and pass the decoded bytes");
        }
        String weakness = weakness(key);
        if (weakness != null) {
            throw new IllegalArgumentException(
                    setting + " does not look random (" + weakness + "), like a placeholder. A key needs at least "
                            + MIN_DISTINCT_BYTES + " distinct byte values (half its length for keys under "
                            + 2 * MIN_DISTINCT_BYTES + " bytes) and no repeated pattern; generate one with"
                            + " 'openssl rand -base64 32', keep it in the service's secret store and pass the decoded bytes");
        }
        try {
            SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM); // copies the key
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(spec);
            return new KeyedHash(spec, mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no " + ALGORITHM + ": " + e, e);
        }
    }

    /**
     * Why {@code key} is not random enough, or null: too few distinct byte values, or the whole key one
     * block repeated (any period up to half its length).
     */
    static @Nullable String weakness(byte[] key) {
        boolean[] seen = new boolean[256];
        int distinct = 0;
        for (byte b : key) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                distinct++;
            }
        }
        int needed = Math.min(MIN_DISTINCT_BYTES, key.length / 2);
        if (distinct < needed) {
            return "only " + distinct + " distinct byte value" + (distinct == 1 ? "" : "s") + " among its " + key.length
                    + " bytes";
        }
        for (int period = 1; period <= key.length / 2; period++) {
            int i = period;
            while (i < key.length && key[i] == key[i - period]) {
                i++;
            }
            if (i == key.length) {
                return "it repeats a " + period + "-byte pattern";
            }
        }
        return null;
    }

    /**
     * Lower-case hex HMAC-SHA256 of {@code kind}, a NUL byte and {@code id}, all UTF-8: 64 digits.
     *
     * @param kind what the id identifies, e.g. {@code consumer}; keeps hashes of different kinds apart
     * @param id the id to hash
     * @return 64 lower-case hex digits
     */
    public String hash(String kind, String id) {
        Mac mac = newMac();
        mac.update(kind.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return hex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Lower-case hex HMAC-SHA256 of {@code id} alone, UTF-8: 64 digits. For hashes already stored
     * without a kind; new records should use {@link #hash(String, String)}.
     *
     * @param id the id to hash
     * @return 64 lower-case hex digits
     */
    public String hash(String id) {
        return hex(newMac().doFinal(id.getBytes(StandardCharsets.UTF_8)));
    }

    /** Lower-case hex of {@code digest}, two digits a byte. */
    static String hex(byte[] digest) {
        char[] hex = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(hex);
    }

    private Mac newMac() {
        try {
            return (Mac) prototype.clone(); // already keyed; a Mac is not thread-safe, so one per call
        } catch (CloneNotSupportedException e) {
            try { // providers whose HMAC cannot be cloned
                Mac mac = Mac.getInstance(ALGORITHM, prototype.getProvider());
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    @Override
    public String toString() {
        return "KeyedHash[" + ALGORITHM + ", key hidden]";
    }
}
