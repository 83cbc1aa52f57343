package io.escalation.obs.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;

/** The meters labelled by provider only, registered when the provider is first used. */
final class ProviderMeters {

    final LazyMeters<DistributionSummary> requestTokens;
    final DistributionSummary responseLength;
    final DistributionSummary quality;
    final Counter hallucinations;

    ProviderMeters(LazyMeters<DistributionSummary> requestTokens, DistributionSummary responseLength,
            DistributionSummary quality, Counter hallucinations) {
        this.requestTokens = requestTokens;
        this.responseLength = responseLength;
        this.quality = quality;
        this.hallucinations = hallucinations;
    }
}
