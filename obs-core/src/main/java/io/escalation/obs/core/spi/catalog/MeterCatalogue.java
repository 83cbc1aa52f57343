package io.escalation.obs.core.spi.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The meters one module declares, published through {@link ServiceLoader} (a
 * {@code META-INF/services/io.escalation.obs.core.spi.catalog.MeterCatalogue} entry per module) so
 * that the catalogue generator and the consistency tests see every module on the class path.
 */
public interface MeterCatalogue {

    /**
     * The artifact id of the declaring module, e.g. {@code obs-llm}.
     *
     * @return the artifact id
     */
    String module();

    /**
     * Every meter the module's facades can emit.
     *
     * @return the module's meters
     */
    List<ObsMeter> meters();

    /**
     * Meters the module binds from other libraries and that dashboards or alerts read.
     *
     * @return the bound meters; empty by default
     */
    default List<BoundMeter> boundMeters() {
        return List.of();
    }

    /**
     * All catalogues on the class path, sorted by module so that generated docs are stable.
     *
     * @return the catalogues found by {@link java.util.ServiceLoader}
     */
    static List<MeterCatalogue> discover() {
        List<MeterCatalogue> all = new ArrayList<>();
        ServiceLoader.load(MeterCatalogue.class, MeterCatalogue.class.getClassLoader())
                .forEach(all::add);
        all.sort(Comparator.comparing(MeterCatalogue::module));
        return all;
    }
}
