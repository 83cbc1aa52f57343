package io.escalation.obs.db;

import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import java.util.List;

/** obs-db's entry in the metric catalogue, found through {@link java.util.ServiceLoader}. */
public final class DbCatalogue implements MeterCatalogue {

    /** Public for {@link java.util.ServiceLoader}. */
    public DbCatalogue() {
    }

    @Override
    public String module() {
        return "obs-db";
    }

    @Override
    public List<ObsMeter> meters() {
        return List.of(DbMeters.values());
    }
}
