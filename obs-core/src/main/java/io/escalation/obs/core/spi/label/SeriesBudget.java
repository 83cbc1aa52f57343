package io.escalation.obs.core.spi.label;

import io.escalation.obs.core.label.LabelPolicy;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The series one meter may still register, for facades that combine several labels (route x method
 * x status): each per-label cap alone does not bound their product. Shared by everything that
 * registers series of the meter; obtain it from {@link LabelGuard#seriesBudget}. A facade takes one
 * unit before it registers a new series; when {@link #tryTake()} refuses, it records into a fold
 * series instead (some labels {@code other}, or a coarser value), takes that series from the
 * reserve, and counts each folded recording in {@link #overflow()}. The meter then never has more
 * than {@link LabelPolicy#maxSeriesPerMeter()} series.
 *
 * <pre>{@code
 * SeriesBudget budget = kit.labels().seriesBudget(HttpCatalogue.REQUESTS, HttpCatalogue.ENDPOINT, 5);
 * if (budget.tryTake()) { register the series } else { use the fold series; budget.overflow().increment(); }
 * }</pre>
 */
public final class SeriesBudget {

    private static final Logger log = LoggerFactory.getLogger(LabelGuard.class);

    private final int cap;
    private final int reserve;
    private final Counter overflow;
    private final String metric;
    private int taken; // guarded by this
    private boolean full; // guarded by this

    SeriesBudget(int cap, int reserve, Counter overflow, String metric) {
        this.cap = cap;
        this.reserve = reserve;
        this.overflow = overflow;
        this.metric = metric;
    }

    /**
     * Takes one series when fewer than the cap less the reserve are taken; false (logged once) otherwise.
     *
     * @return true when a series was taken
     */
    public synchronized boolean tryTake() {
        if (taken < cap - reserve) {
            taken++;
            return true;
        }
        if (!full) {
            full = true;
            log.warn(
                    "obs: {} reached its cap of {} series (LabelPolicy.maxSeriesPerMeter); new label combinations"
                            + " are recorded in its '{}' series and counted in obs_label_overflow_total",
                    metric,
                    cap,
                    LabelPolicy.OTHER);
        }
        return false;
    }

    /** Takes one series of the reserve, for a fold series; the caller bounds how many it takes. */
    public synchronized void takeReserved() {
        taken++;
    }

    /**
     * Series taken so far.
     *
     * @return the number of series taken
     */
    public synchronized int size() {
        return taken;
    }

    /**
     * The cap: {@link LabelPolicy#maxSeriesPerMeter()}.
     *
     * @return the cap
     */
    public int cap() {
        return cap;
    }

    /**
     * {@code obs_label_overflow_total} of this meter and its folded label: increment once per folded
     * recording.
     *
     * @return the overflow counter
     */
    public Counter overflow() {
        return overflow;
    }
}
