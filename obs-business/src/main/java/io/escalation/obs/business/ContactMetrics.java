package io.escalation.obs.business;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.record.FaultReason;
import io.micrometer.core.instrument.Counter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Customer contacts and responses by channel: {@code customers_contacted_total{channel}} and
 * {@code customers_responded_total{channel}}. The response rate is a recording rule over the two
 * (docs/business.md). Which customer was contacted never becomes a label: put it in a masked
 * audit event or span.
 *
 * <pre>{@code
 * ContactMetrics contacts = ContactMetrics.create(obs);
 * contacts.contacted(Channel.SMS);
 * contacts.responded(Channel.SMS);
 * }</pre>
 */
public final class ContactMetrics {

    private static final Channel[] CHANNELS = Channel.values();

    private final Observability obs;
    private final Counter[] contacted = new Counter[CHANNELS.length];
    private final Counter[] responded = new Counter[CHANNELS.length];

    private ContactMetrics(Observability obs) {
        this.obs = obs;
        String channel = BusinessLabels.CHANNEL.asString();
        for (Channel c : CHANNELS) {
            contacted[c.ordinal()] = BusinessMeters.CUSTOMERS_CONTACTED.counter().tag(channel, c.label())
                    .register(obs.registry());
            responded[c.ordinal()] = BusinessMeters.CUSTOMERS_RESPONDED.counter().tag(channel, c.label())
                    .register(obs.registry());
        }
    }

    /**
     * Contact metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the contact metrics of {@code obs}
     */
    public static ContactMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(ContactMetrics.class, () -> new ContactMetrics(obs));
    }

    /**
     * Counts one contact made through {@code channel}. Never throws.
     *
     * @param channel the channel; null is counted as a fault
     */
    public void contacted(@Nullable Channel channel) {
        if (channel == null) {
            obs.faults().record(BusinessMeters.CUSTOMERS_CONTACTED, FaultReason.NULL_VALUE);
            return;
        }
        contacted[channel.ordinal()].increment();
    }

    /**
     * Counts one response received through {@code channel}. Never throws.
     *
     * @param channel the channel; null is counted as a fault
     */
    public void responded(@Nullable Channel channel) {
        if (channel == null) {
            obs.faults().record(BusinessMeters.CUSTOMERS_RESPONDED, FaultReason.NULL_VALUE);
            return;
        }
        responded[channel.ordinal()].increment();
    }
}
