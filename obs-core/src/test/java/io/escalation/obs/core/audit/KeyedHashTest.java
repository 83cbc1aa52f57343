package io.escalation.obs.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Expected hashes were computed with openssl, e.g. {@code printf 'consumer\0C-1001' | openssl dgst -sha256 -hmac KEY}. */
class KeyedHashTest {

    private static final byte[] KEY = "obs-core-audit-test-key-0123456789ab".getBytes(StandardCharsets.US_ASCII);
    /** HMAC-SHA256(KEY, "consumer\0C-1001"). */
    private static final String CONSUMER_C1001 = "181904bbd49d42447329010f67306e8977871d3b1b2bd70cd59e68ff7bcb0389";
    /** HMAC-SHA256(KEY, "user\0Zoë"), the id in UTF-8. */
    private static final String USER_ZOE = "490c75ef2a004df167773c421dd805d51f1ada739427094a7a118414775218e2";
    /** HMAC-SHA256(KEY, "C-1001"): no kind. */
    private static final String PLAIN_C1001 = "5672e30c828f9c832a7d87aabf81e455d323aa1052f157f834dbaf96ecf5e297";
    /** HMAC-SHA256(KEY, "\0C-1001"): an empty kind still adds the separator. */
    private static final String EMPTY_KIND_C1001 = "d7425d0be533d437e7db53bf1a99b2796e01e11752e4099fc781afcb37221cd7";

    private final KeyedHash hash = KeyedHash.of(KEY, "Test.key");

    @Test
    void hashesKindNulAndIdUnderTheKey() {
        assertThat(hash.hash("consumer", "C-1001")).isEqualTo(CONSUMER_C1001);
        assertThat(hash.hash("user", "Zo\u00eb")).isEqualTo(USER_ZOE);
        assertThat(hash.hash("", "C-1001")).isEqualTo(EMPTY_KIND_C1001);
        assertThat(hash.hash("C-1001")).isEqualTo(PLAIN_C1001);
    }

    @Test
    void theKindSeparatesDomains() {
        assertThat(hash.hash("user", "C-1001"))
                .isNotEqualTo(CONSUMER_C1001)
                .hasSize(64)
                .matches("[0-9a-f]{64}");
    }

    @Test
    void aShorterMinimumAcceptsAKeyOfThatLength() {
        KeyedHash sixteen = KeyedHash.of("sixteen-byte-key".getBytes(StandardCharsets.US_ASCII), 16, "Test.key");
        // printf 'cust-9912' | openssl dgst -sha256 -hmac sixteen-byte-key
        assertThat(sixteen.hash("cust-9912"))
                .isEqualTo("eec2ff093691974969d6caa815e9ecba55d95f9f9043a8db5e2d44cd0285bf26");
    }

    @Test
    void theKeyIsCopied() {
        byte[] key = KEY.clone();
        KeyedHash copied = KeyedHash.of(key, "Test.key");
        key[0] ^= 1;
        assertThat(copied.hash("consumer", "C-1001")).isEqualTo(CONSUMER_C1001);
    }

    @Test
    void weakKeysFailWithAMessageSayingWhatToChange() {
        assertThatThrownBy(() -> KeyedHash.of(new byte[31], "ComplianceAudit.consumerIdKey"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ComplianceAudit.consumerIdKey must be at least 32 bytes (256 bits) of random data,"
                        + " was 31 bytes: generate one with 'openssl rand -base64 32', keep it in the service's"
                        + " secret store and pass the decoded bytes");
        assertThatThrownBy(
                        () -> KeyedHash.of("x".repeat(40).getBytes(StandardCharsets.US_ASCII), "SecurityAudit.hashKey"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "SecurityAudit.hashKey does not look random (only 1 distinct byte value among its 40 bytes), like a placeholder."
                                + " A key needs at least 16 distinct byte values (half its length for keys under 32 bytes)"
                                + " and no repeated pattern; generate one with 'openssl rand -base64 32', keep it in the"
                                + " service's secret store and pass the decoded bytes");
        assertThatThrownBy(() -> KeyedHash.of(new byte[16], 16, "SentrySettings.customerIdKey"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only 1 distinct byte value");
        assertThatThrownBy(() -> KeyedHash.of(new byte[12], 16, "SentrySettings.customerIdKey"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SentrySettings.customerIdKey must be at least 16 bytes (128 bits)");
        assertThatThrownBy(() -> KeyedHash.of(KEY, 8, "Test.key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minKeyBytes 8 is too weak for an HMAC key: use at least 16, preferably 32");
    }

    @Test
    void theKeyNeverShowsInToString() {
        assertThat(hash.toString())
                .isEqualTo("KeyedHash[HmacSHA256, key hidden]")
                .doesNotContain("obs-core");
    }

    @Test
    void oneHasherServesManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    boolean same = true;
                    for (int i = 0; i < 2_000; i++) {
                        same &= hash.hash("consumer", "C-1001").equals(CONSUMER_C1001);
                        same &= hash.hash("user", "Zo\u00eb").equals(USER_ZOE);
                    }
                    return same;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void placeholdersThatAreNotOneByteRepeatedAreRefusedToo() {
        byte[] zerosThenOne = new byte[32];
        zerosThenOne[31] = 1;
        byte[] sixteenDistinctTwice = new byte[32];
        for (int i = 0; i < 32; i++) {
            sixteenDistinctTwice[i] = (byte) (i % 16 * 13);
        }
        assertThatThrownBy(() -> KeyedHash.of("ab".repeat(16).getBytes(StandardCharsets.US_ASCII), "K"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "K does not look random (only 2 distinct byte values among its 32 bytes), like a placeholder.");
        assertThatThrownBy(() -> KeyedHash.of("changeme".repeat(4).getBytes(StandardCharsets.US_ASCII), "K"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "K does not look random (only 7 distinct byte values among its 32 bytes), like a placeholder.");
        assertThatThrownBy(() -> KeyedHash.of(zerosThenOne, "K"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "K does not look random (only 2 distinct byte values among its 32 bytes), like a placeholder.");
        assertThatThrownBy(() -> KeyedHash.of(sixteenDistinctTwice, "K"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("K does not look random (it repeats a 16-byte pattern), like a placeholder.");
        org.assertj.core.api.Assertions.assertThatCode(
                        () -> KeyedHash.of("0123456789abcdef".getBytes(StandardCharsets.US_ASCII), 16, "K"))
                .as("16 distinct bytes of 16 are fine")
                .doesNotThrowAnyException();
    }

    @Test
    void randomKeysAndTheirTextFormsPass() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int i = 0; i < 10_000; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            assertThat(KeyedHash.weakness(key)).isNull();
            byte[] shortKey = new byte[16];
            random.nextBytes(shortKey);
            assertThat(KeyedHash.weakness(shortKey)).isNull();
        }
        byte[] hex = java.util.HexFormat.of()
                .formatHex(new byte[] {
                    0x01,
                    0x23,
                    0x45,
                    0x67,
                    (byte) 0x89,
                    (byte) 0xab,
                    (byte) 0xcd,
                    (byte) 0xef,
                    0x10,
                    0x32,
                    0x54,
                    0x76,
                    (byte) 0x98,
                    (byte) 0xba,
                    (byte) 0xdc,
                    (byte) 0xfe,
                    0x11,
                    0x22,
                    0x33,
                    0x44,
                    0x55,
                    0x66,
                    0x77,
                    (byte) 0x88,
                    (byte) 0x99,
                    (byte) 0xaa,
                    (byte) 0xbb,
                    (byte) 0xcc,
                    (byte) 0xdd,
                    (byte) 0xee,
                    (byte) 0xff,
                    0x00
                })
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(KeyedHash.weakness(hex))
                .as("'openssl rand -hex 32' passed as text")
                .isNull();
    }
}
