package io.escalation.obs.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The chain fields' format, checked against an HMAC computed independently, and hostile lines. */
class AuditChainTest {

    private static final byte[] KEY = "0123456789abcdefghijklmnopqrstuvwxyzABCD".getBytes(StandardCharsets.US_ASCII);

    @Test
    void sealAppendsSeqPrevAndTheHmacOfEverythingBeforeTheMacField() throws Exception {
        AuditChain chain = AuditChain.of(KEY, "test");
        byte[] head = "{\"message\":\"tcpa_check\"".getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + AuditChain.MAX_SUFFIX_BYTES];

        int length = chain.seal(head, 0, head.length, 42, bytes(AuditChain.GENESIS), out);
        String line = new String(out, 0, length, StandardCharsets.UTF_8);

        String signed = "{\"message\":\"tcpa_check\",\"seq\":42,\"prev\":\"" + AuditChain.GENESIS + "\"";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(bytes(signed)));
        assertThat(line).isEqualTo(signed + ",\"mac\":\"" + expected + "\"}");
        assertThat(AuditChain.link(out, length)).isEqualTo(new AuditChain.Link(42, AuditChain.GENESIS, expected));
        assertThat(chain.verifies(out, length)).isTrue();
        byte[] other = KEY.clone();
        other[0] ^= 1;
        assertThat(AuditChain.of(KEY.clone(), "test").keyId())
                .isEqualTo(chain.keyId())
                .hasSize(16)
                .isNotEqualTo(AuditChain.of(other, "test").keyId());
    }

    @Test
    void linesThatAreNotChainedOrAreCutGiveNoLinkAndNeverThrow() {
        AuditChain chain = AuditChain.of(KEY, "test");
        Random random = new Random(18);
        String sealed = sealed(chain, "{\"a\":\"b\"", 7);
        assertThat(AuditChain.link(bytes("{\"a\":\"b\"}"), 9)).isNull();
        assertThat(AuditChain.link(new byte[0], 0)).isNull();
        for (int cut = 0; cut < sealed.length(); cut++) {
            byte[] line = bytes(sealed.substring(0, cut));
            assertThat(AuditChain.link(line, line.length)).as("cut at %d", cut).isNull();
            assertThat(chain.verifies(line, line.length)).isFalse();
        }
        for (int i = 0; i < 10_000; i++) {
            byte[] line = bytes(sealed);
            line[random.nextInt(line.length)] = (byte) random.nextInt(256);
            AuditChain.link(line, line.length);
            chain.verifies(line, line.length);
        }
    }

    @Test
    void keysAreBase64AndAsRandomAsIdKeys() {
        String key = Base64.getEncoder().encodeToString(KEY);
        assertThat(AuditChain.fromBase64(" " + key + "\n", "OBS_AUDIT_CHAIN_KEY")
                        .keyId())
                .isEqualTo(AuditChain.of(KEY, "x").keyId());
        assertThatThrownBy(() -> AuditChain.fromBase64("not base64!", "OBS_AUDIT_CHAIN_KEY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("OBS_AUDIT_CHAIN_KEY is not base64")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() ->
                        AuditChain.of("changeme".repeat(4).getBytes(StandardCharsets.US_ASCII), "OBS_AUDIT_CHAIN_KEY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not look random");
        assertThat(AuditChain.of(KEY, "x").toString()).doesNotContain(new String(KEY, StandardCharsets.US_ASCII));
    }

    private static String sealed(AuditChain chain, String head, long seq) {
        byte[] out = new byte[head.length() + AuditChain.MAX_SUFFIX_BYTES];
        int length = chain.seal(bytes(head), 0, head.length(), seq, bytes(AuditChain.GENESIS), out);
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
