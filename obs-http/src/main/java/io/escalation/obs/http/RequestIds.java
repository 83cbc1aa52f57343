package io.escalation.obs.http;

import io.escalation.obs.core.pii.PiiMasker;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Request ids for the {@code request_id} MDC key and the {@code X-Request-Id} response header: an
 * incoming id is kept when it is a safe token (1 to 64 of {@code A-Z a-z 0-9 . _ -}, nothing the
 * masker calls PII), so a caller's id correlates across services; anything else is replaced by
 * 24 random lower-case letters (about 112 bits; no digits, so that no masker mistakes a generated id
 * for a phone or card number), since the header is attacker-controlled and ends up in every log line.
 */
final class RequestIds {

    static final int MAX_LENGTH = 64;
    static final int GENERATED_LENGTH = 24;

    private RequestIds() {}

    static String accept(@Nullable String incoming, PiiMasker masker) {
        return isSafe(incoming) && !masker.containsPii(incoming) ? incoming : generate();
    }

    static boolean isSafe(@Nullable String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] chars = new char[GENERATED_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }
}
