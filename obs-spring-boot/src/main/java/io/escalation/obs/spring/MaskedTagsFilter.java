package io.escalation.obs.spring;

import io.escalation.obs.core.pii.PiiMasker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Masks personal data in the tag values of every meter of the application's registry, obs's and everyone else's:
 * Spring's own {@code http.client.requests} tags {@code uri} with the URI as the application wrote it, so a call to
 * {@code /Messages.json?To=+14155550134} would put a phone number in {@code /actuator/prometheus}. Runs once per new
 * meter id, when it is registered, never on a recording.
 */
final class MaskedTagsFilter implements MeterFilter {

    private final PiiMasker masker;

    MaskedTagsFilter(PiiMasker masker) {
        this.masker = masker;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        List<Tag> tags = new ArrayList<>();
        boolean changed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            String value = tag.getValue();
            String clean = masker.mask(value);
            if (clean != null && !clean.equals(value)) {
                tags.add(Tag.of(tag.getKey(), clean));
                changed = true;
            } else {
                tags.add(tag);
            }
        }
        return changed ? id.replaceTags(tags) : id;
    }
}
