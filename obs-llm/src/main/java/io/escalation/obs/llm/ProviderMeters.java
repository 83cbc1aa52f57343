package io.escalation.obs.llm;

import io.escalation.obs.core.spi.record.MeterTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;

/** The meters labelled by provider only, registered when the provider is first used. */
final class ProviderMeters {

    final MeterTable<DistributionSummary> requestTokens;
    /** {@code llm_retry_total} by reason, registered with the provider. */
    final Counter[] retries;

    final DistributionSummary responseLength;
    final DistributionSummary quality;
    final Counter hallucinations;

    ProviderMeters(
            MeterTable<DistributionSummary> requestTokens,
            Counter[] retries,
            DistributionSummary responseLength,
            DistributionSummary quality,
            Counter hallucinations) {
        this.requestTokens = requestTokens;
        this.retries = retries;
        this.responseLength = responseLength;
        this.quality = quality;
        this.hallucinations = hallucinations;
    }
}
