package io.escalation.obs.business;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.record.CounterTable;
import io.micrometer.core.instrument.MeterRegistry;
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

    /** Every channel shows a zero from the start. */
    private final CounterTable<Channel> contacted;

    private final CounterTable<Channel> responded;

    private ContactMetrics(ModuleKit kit) {
        MeterRegistry registry = kit.registry();
        String channel = BusinessCatalogue.CHANNEL.asString();
        this.contacted = CounterTable.eager(
                kit.faults(),
                BusinessCatalogue.CUSTOMERS_CONTACTED,
                Channel.class,
                c -> BusinessCatalogue.CUSTOMERS_CONTACTED
                        .counter()
                        .tag(channel, c.label())
                        .register(registry));
        this.responded = CounterTable.eager(
                kit.faults(),
                BusinessCatalogue.CUSTOMERS_RESPONDED,
                Channel.class,
                c -> BusinessCatalogue.CUSTOMERS_RESPONDED
                        .counter()
                        .tag(channel, c.label())
                        .register(registry));
    }

    /**
     * Contact metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the contact metrics of {@code obs}
     */
    public static ContactMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(ContactMetrics.class, () -> new ContactMetrics(ModuleKit.of(obs)));
    }

    /**
     * Counts one contact made through {@code channel}. Never throws.
     *
     * @param channel the channel; null is counted as a fault
     */
    public void contacted(@Nullable Channel channel) {
        contacted.increment(channel);
    }

    /**
     * Counts one response received through {@code channel}. Never throws.
     *
     * @param channel the channel; null is counted as a fault
     */
    public void responded(@Nullable Channel channel) {
        responded.increment(channel);
    }
}
