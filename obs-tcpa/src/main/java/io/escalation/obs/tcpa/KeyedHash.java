package io.escalation.obs.tcpa;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of identifiers under a secret the service supplies: the same id always gives the same
 * hash (so records of one consumer can be correlated), and without the secret the id cannot be
 * recovered by hashing candidate phone numbers or ids.
 */
final class KeyedHash {

    /** Minimum secret length: the HMAC-SHA256 output size, as RFC 2104 recommends. */
    static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SecretKeySpec key;
    private final Mac prototype;

    private KeyedHash(SecretKeySpec key, Mac prototype) {
        this.key = key;
        this.prototype = prototype;
    }

    /**
     * A hasher under {@code key} (copied); {@code setting} names the builder method in messages.
     *
     * @throws IllegalArgumentException when the key is missing, shorter than 32 bytes or a constant filler
     */
    static KeyedHash of(byte[] key, String setting) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(setting + " must be at least " + MIN_KEY_BYTES
                    + " bytes (256 bits) of random data, was " + key.length + " bytes: generate one with"
                    + " 'openssl rand -base64 32', keep it in the service's secret store and pass the decoded bytes");
        }
        boolean constant = true;
        for (byte b : key) {
            constant &= b == key[0];
        }
        if (constant) {
            throw new IllegalArgumentException(setting + " is one byte repeated, which looks like a placeholder:"
                    + " pass a random secret from the service's secret store");
        }
        try {
            SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);   // copies the key
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(spec);
            return new KeyedHash(spec, mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no " + ALGORITHM + ": " + e, e);
        }
    }

    /** Lower-case hex HMAC of {@code domain}, a NUL and {@code value}, all UTF-8. */
    String hash(String domain, String value) {
        Mac mac = newMac();
        mac.update(domain.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        char[] hex = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(hex);
    }

    private Mac newMac() {
        try {
            return (Mac) prototype.clone();   // already keyed; a Mac is not thread-safe, so one per call
        } catch (CloneNotSupportedException e) {
            try {   // providers whose HMAC cannot be cloned
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
