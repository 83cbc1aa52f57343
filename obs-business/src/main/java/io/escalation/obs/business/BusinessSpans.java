package io.escalation.obs.business;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.audit.KeyedHash;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.record.SpanCalls;
import io.escalation.obs.core.trace.Spans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spans the reference architecture traces around business operations: {@code process_payment}
 * with {@code payment.id} and {@code payment.status}, status OK on success, ERROR with the exception
 * (masked) on failure.
 *
 * <pre>{@code
 * BusinessSpans spans = BusinessSpans.builder(obs)
 *         .idHashKey(secrets.bytes("span-id-key"))        // >= 32 random bytes, the same on every replica
 *         .build();                                       // once per service; keep it
 * Receipt receipt = spans.processPayment(paymentId, payment -> {
 *     Receipt r = paymentService.process(paymentId);
 *     payment.status(r.declined() ? PaymentStatus.DECLINED : PaymentStatus.COLLECTED);
 *     return r;
 * });
 * }</pre>
 *
 * <p>Identifiers never reach a span as they are: {@code payment.id} is the first 32 hex digits of
 * HMAC-SHA256 under {@link Builder#idHashKey} (kind {@code payment}, see {@link KeyedHash}), so that
 * the spans of one payment can be found from its id by whoever holds the key, and by no one else.
 * Without a key ({@link #create}) the id is left out, and the first such span logs a warning. The
 * caller's exception is rethrown as it is; nothing else escapes, whatever the tracer does.
 */
public final class BusinessSpans {

    /** Name of the span around one payment, as the reference architecture names it. */
    public static final String PROCESS_PAYMENT = "process_payment";

    static final AttributeKey<String> PAYMENT_ID = AttributeKey.stringKey("payment.id");
    /** Hex digits of the HMAC kept in an id attribute: 128 bits, as in error reports. */
    static final int HASH_HEX_DIGITS = 32;

    private static final Logger log = LoggerFactory.getLogger(BusinessSpans.class);

    private final Spans spans;
    private final @Nullable KeyedHash idHash;
    private final AtomicBoolean missingKeyLogged = new AtomicBoolean();

    private BusinessSpans(ModuleKit kit, @Nullable KeyedHash idHash) {
        this.spans = kit.spans();
        this.idHash = idHash;
    }

    /**
     * The business spans of {@code obs}, without an id hashing key: ids are left out of spans.
     *
     * @param obs the Observability whose tracer and masker spans use
     * @return the business spans of {@code obs}
     * @throws IllegalStateException when {@code obs} has business spans with a key already
     */
    public static BusinessSpans create(Observability obs) {
        return builder(obs).build();
    }

    /**
     * Configures the business spans of {@code obs}.
     *
     * @param obs the Observability whose tracer and masker spans use
     * @return a builder
     */
    public static Builder builder(Observability obs) {
        return new Builder(Objects.requireNonNull(obs, "obs"));
    }

    /**
     * Runs {@code work} in a {@code process_payment} span (kind INTERNAL) carrying {@code payment.id}
     * (keyed hash) and the {@code payment.status} {@code work} sets; status OK when {@code work}
     * returns, ERROR with the masked exception when it throws, which is rethrown as is.
     *
     * @param <T> the result type
     * @param <E> the exception {@code work} may throw
     * @param paymentId the payment's id, hashed; null leaves it out
     * @param work processes the payment
     * @return what {@code work} returned
     * @throws E when {@code work} throws it
     */
    public <T, E extends Throwable> T processPayment(@Nullable String paymentId, PaymentWork<T, E> work) throws E {
        Span span = start(PROCESS_PAYMENT, PAYMENT_ID, "payment", paymentId);
        Scope scope = SpanCalls.makeCurrent(span);
        try {
            T result = work.process(new PaymentSpan(span));
            SpanCalls.setStatus(span, StatusCode.OK);
            return result;
        } catch (Throwable error) {
            spans.recordError(span, error);
            throw error;
        } finally {
            SpanCalls.end(span, scope);
        }
    }

    /** A started span with the hashed id, or an invalid (no-op) span when the tracer fails. */
    private Span start(String name, AttributeKey<String> idKey, String kind, @Nullable String id) {
        try {
            String hashed = hash(kind, id); // before the span starts: a span once started must end
            Span span = spans.span(name).start();
            if (hashed != null) {
                span.setAttribute(idKey, hashed); // hex of a hash: nothing to mask, and masking could corrupt it
            }
            return span;
        } catch (RuntimeException e) {
            log.debug("obs-business: could not start a {} span", name, e);
            return Span.getInvalid();
        }
    }

    private @Nullable String hash(String kind, @Nullable String id) {
        if (id == null) {
            return null;
        }
        if (idHash == null) {
            if (missingKeyLogged.compareAndSet(false, true)) {
                log.warn("obs-business: ids are left out of business spans because no hashing key is configured:"
                        + " build BusinessSpans with .idHashKey(...)");
            }
            return null;
        }
        return idHash.hash(kind, id).substring(0, HASH_HEX_DIGITS);
    }

    /** Configures {@link BusinessSpans}; {@link #build()} fails with what to change. */
    public static final class Builder {
        private final Observability obs;
        private byte @Nullable [] idHashKey;

        private Builder(Observability obs) {
            this.obs = obs;
        }

        /**
         * The secret ids are hashed under (HMAC-SHA256): at least {@value KeyedHash#MIN_KEY_BYTES} random
         * bytes, from the service's secret store, the same on every replica so that hashes match. Default:
         * none, and ids are left out of spans.
         *
         * @param key the key bytes, copied
         * @return this builder
         */
        public Builder idHashKey(byte[] key) {
            this.idHashKey = Objects.requireNonNull(key, "key").clone();
            return this;
        }

        /**
         * The business spans of the Observability: made on the first call, then the same instance.
         *
         * @return the business spans
         * @throws IllegalArgumentException when the key is too short or does not look random
         * @throws IllegalStateException when the Observability has business spans with another key
         */
        public BusinessSpans build() {
            KeyedHash hash = idHashKey == null ? null : KeyedHash.of(idHashKey, "BusinessSpans.idHashKey");
            Map<String, @Nullable Object> settings = new LinkedHashMap<>();
            // the key by the hash of a fixed text: compared by value, never shown
            settings.put("idHashKey", hash == null ? null : hash.hash("obs.settings", "id_hash_key"));
            return obs.component(BusinessSpans.class, settings, () -> new BusinessSpans(ModuleKit.of(obs), hash));
        }
    }
}
