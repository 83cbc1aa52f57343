package io.escalation.obs.errors;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.audit.KeyedHash;
import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.record.CounterTable;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import io.sentry.Breadcrumb;
import io.sentry.DataCategory;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.clientreport.DiscardReason;
import io.sentry.exception.ExceptionMechanismException;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentry error reporting set up from an {@link Observability}: its environment and service, its
 * {@code PiiMasker} scrubbing every event and breadcrumb, {@code sendDefaultPii} off, a bounded
 * send queue and short timeouts so that a down or slow Sentry never holds up the caller. What
 * Sentry discards is counted in {@code sentry_events_dropped_total{reason,category}}; the
 * {@code error} category's series exist at 0 from {@link #create} on, reporting on or off.
 *
 * <pre>{@code
 * ErrorReporter errors = ErrorReporter.create(obs, SentrySettings.fromEnvironment(System.getenv()));
 * try {
 *     payments.charge(plan);
 * } catch (PaymentException e) {
 *     errors.capture(e, ErrorContext.empty()
 *             .campaignId(plan.campaignId()).agentType("email")
 *             .customerId(plan.customerId())              // sent as a keyed hash
 *             .paymentAmount(plan.amount()));
 * }
 * errors.close();                                          // at shutdown: flushes the queue
 * }</pre>
 *
 * <p>Exceptions that escape a request handler in obs-http's adapters ({@code HttpServerFilter},
 * {@code ObsServletFilter}) built on the same {@code Observability} are reported too, marked
 * unhandled (mechanism {@value #UNHANDLED_MECHANISM}, {@code handled: false}), with the request's
 * MDC and scope; obs-http does not depend on obs-errors, the two meet in obs-core's hook.
 *
 * <p>Sentry's client is a process-wide singleton: create one reporter per process. One reporter per
 * {@link Observability}: creating it again with equal settings returns it, with other settings fails. An empty DSN
 * gives a reporter whose {@link #capture} does nothing.
 */
public final class ErrorReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ErrorReporter.class);
    /** The Sentry mechanism type of the exceptions reported through the unhandled-error hook. */
    static final String UNHANDLED_MECHANISM = "obs.unhandled";

    private final Faults faults;
    private final boolean enabled;
    /** Whether this reporter initialised Sentry, and so closes it: not when {@link #attach}ed to another's. */
    private final boolean ownsSentry;
    /** HMAC-SHA256 of customer ids; reports carry its first 16 bytes, 32 hex digits: joinable, not reversible. */
    private final @Nullable KeyedHash hasher;

    private final AtomicBoolean missingKeyLogged = new AtomicBoolean();

    private ErrorReporter(Observability obs, boolean enabled, boolean ownsSentry, @Nullable KeyedHash hasher) {
        ModuleKit kit = ModuleKit.of(obs);
        this.faults = kit.faults();
        this.enabled = enabled;
        this.ownsSentry = ownsSentry;
        this.hasher = hasher;
        registerErrorDrops(kit);
        if (enabled && ownsSentry) {
            kit.unhandledErrors().register(this::captureUnhandled);
        }
    }

    /**
     * Every discard reason of the {@code error} category at 0 from the start, so that an alert on
     * {@code increase()} sees the first dropped error report; Sentry's discard callback then counts
     * on the same counters. Other categories appear when first discarded.
     */
    private static void registerErrorDrops(ModuleKit kit) {
        CounterTable.eager(
                kit.faults(),
                ErrorsCatalogue.SENTRY_EVENTS_DROPPED,
                DiscardReason.class,
                reason -> ErrorsCatalogue.SENTRY_EVENTS_DROPPED
                        .counter()
                        .tag(ErrorsCatalogue.REASON.asString(), reason.getReason())
                        .tag(ErrorsCatalogue.CATEGORY.asString(), DataCategory.Error.getCategory())
                        .register(kit.registry()));
    }

    /**
     * The reporter of {@code obs}: on the first call it initialises Sentry with {@code settings}, or
     * does nothing when the DSN is empty; later calls with equal settings return it (a second
     * {@code Sentry.init} would replace the client the first reporter sends through).
     *
     * @param obs the Observability whose masker, service and environment events carry
     * @param settings the Sentry settings, used on the first call only
     * @return the one reporter of {@code obs}
     * @throws IllegalArgumentException when Sentry rejects the DSN
     * @throws IllegalStateException when {@code obs} has a reporter with other settings already
     */
    public static ErrorReporter create(Observability obs, SentrySettings settings) {
        Objects.requireNonNull(obs, "obs");
        Objects.requireNonNull(settings, "settings");
        return obs.component(ErrorReporter.class, comparable(settings), () -> start(obs, settings));
    }

    /**
     * The reporter of {@code obs} for a Sentry that something else initialises, such as Sentry's Spring Boot
     * starter: it never calls {@code Sentry.init} or {@code Sentry.close}, and {@link #capture} sends through
     * whatever Sentry is initialised when it is called. Give that Sentry obs's scrubbing with {@link #configure}
     * before it is initialised. Exceptions escaping request handlers are left to that integration (the starter's
     * exception resolver reports them), so this reporter does not listen to obs's unhandled-error hook.
     *
     * @param obs the Observability whose faults and {@code sentry_events_dropped_total} the reporter uses
     * @param customerIdKey the HMAC key of customer ids in reports, at least 16 bytes; null leaves customer ids out
     * @return the one reporter of {@code obs}
     * @throws IllegalArgumentException when the key is shorter than 16 bytes
     * @throws IllegalStateException when {@code obs} has a reporter that {@link #create} made already
     */
    public static ErrorReporter attach(Observability obs, byte @Nullable [] customerIdKey) {
        Objects.requireNonNull(obs, "obs");
        SentrySettings.Builder keyOnly = SentrySettings.builder();
        if (customerIdKey != null) {
            keyOnly.customerIdKey(customerIdKey);
        }
        SentrySettings settings = keyOnly.build();
        Map<String, @Nullable Object> identity = comparable(settings);
        identity.put("attached", true);
        return obs.component(
                ErrorReporter.class, identity, () -> new ErrorReporter(obs, true, false, settings.customerIdHash()));
    }

    /**
     * Gives options that something else passes to {@code Sentry.init} (Sentry's Spring Boot starter applies
     * every {@code Sentry.OptionsConfiguration} bean to its options) what {@link #create} gives its own: obs's
     * masker scrubbing every event and breadcrumb, {@code sendDefaultPii} off, discards counted in
     * {@code sentry_events_dropped_total} and a {@code service} tag when none is set. A {@code beforeSend},
     * {@code beforeBreadcrumb} or {@code onDiscard} callback already on {@code options} keeps running, before
     * obs's: obs scrubs what it returns. Call it once per options, before {@code Sentry.init}.
     *
     * @param options the options about to initialise Sentry
     * @param obs the Observability whose masker, service and counters are used
     */
    public static void configure(SentryOptions options, Observability obs) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(obs, "obs");
        ModuleKit kit = ModuleKit.of(obs);
        registerErrorDrops(kit);
        SentryOptions.BeforeSendCallback userSend = options.getBeforeSend();
        SentryOptions.BeforeBreadcrumbCallback userBreadcrumb = options.getBeforeBreadcrumb();
        SentryOptions.OnDiscardCallback userDiscard = options.getOnDiscard();
        Runnable failed =
                () -> kit.faults().record(ErrorsCatalogue.SENTRY_EVENTS_DROPPED, FaultReason.RECORDING_FAILED);
        Scrubber scrubber = new Scrubber(kit.masker(), failed);
        options.setSendDefaultPii(false);
        // Sentry sends an event unchanged when its beforeSend throws: a throwing callback of the application's
        // must not skip obs's scrubbing, so it is caught here and the event scrubbed as it was
        Faults faults = kit.faults();
        options.setBeforeSend(
                userSend == null
                        ? scrubber
                        : (event, hint) -> {
                            SentryEvent kept = faults.guard(
                                            ErrorsCatalogue.SENTRY_EVENTS_DROPPED,
                                            () -> Optional.ofNullable(userSend.execute(event, hint)),
                                            Optional.of(event))
                                    .orElse(null);
                            return kept == null ? null : scrubber.execute(kept, hint);
                        });
        options.setBeforeBreadcrumb(
                userBreadcrumb == null
                        ? scrubber
                        : (breadcrumb, hint) -> {
                            Breadcrumb kept = faults.guard(
                                            ErrorsCatalogue.SENTRY_EVENTS_DROPPED,
                                            () -> Optional.ofNullable(userBreadcrumb.execute(breadcrumb, hint)),
                                            Optional.of(breadcrumb))
                                    .orElse(null);
                            return kept == null ? null : scrubber.execute(kept, hint);
                        });
        options.setOnDiscard((reason, category, count) -> {
            if (userDiscard != null) {
                faults.guard(ErrorsCatalogue.SENTRY_EVENTS_DROPPED, () -> userDiscard.execute(reason, category, count));
            }
            countDiscard(kit, reason.getReason(), category.getCategory(), count);
        });
        if (!options.getTags().containsKey("service")) {
            options.setTag("service", obs.serviceName());
        }
    }

    /** The settings by value; the hashing key as the hash of a fixed text, which the message never shows. */
    private static Map<String, @Nullable Object> comparable(SentrySettings settings) {
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        values.put("dsn", settings.dsn());
        values.put("environment", settings.environment());
        values.put("release", settings.release());
        values.put("sampleRate", settings.sampleRate());
        values.put("maxQueueSize", settings.maxQueueSize());
        values.put("connectTimeout", settings.connectTimeout());
        values.put("readTimeout", settings.readTimeout());
        values.put("shutdownTimeout", settings.shutdownTimeout());
        KeyedHash key = settings.customerIdHash();
        values.put("customerIdKey", key == null ? null : key.hash("obs.settings", "customer_id_key"));
        return values;
    }

    private static ErrorReporter start(Observability obs, SentrySettings settings) {
        KeyedHash hasher = settings.customerIdHash();
        if (!settings.enabled()) {
            log.info("obs-errors: no Sentry DSN configured; error reporting is off");
            return new ErrorReporter(obs, false, true, hasher);
        }
        SentryOptions options = options(obs, settings);
        try {
            Sentry.init(options);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "SentrySettings.dsn was rejected by Sentry (" + e.getMessage()
                            + "): copy the DSN from the Sentry project's Client Keys page, or leave it empty to turn"
                            + " reporting off",
                    e);
        }
        return new ErrorReporter(obs, true, true, hasher);
    }

    /** The options {@link #create} initialises Sentry with. */
    static SentryOptions options(Observability obs, SentrySettings settings) {
        SentryOptions options = new SentryOptions();
        options.setDsn(settings.dsn());
        options.setEnvironment(settings.environment() != null ? settings.environment() : obs.environment());
        options.setRelease(settings.release());
        options.setSampleRate(settings.sampleRate());
        options.setTag("service", obs.serviceName());
        options.setMaxQueueSize(settings.maxQueueSize());
        options.setConnectionTimeoutMillis((int) settings.connectTimeout().toMillis());
        options.setReadTimeoutMillis((int) settings.readTimeout().toMillis());
        // Sentry.close() waits twice: flushing the queue (shutdownTimeoutMillis), then the sender
        // thread (flushTimeoutMillis). Half each keeps close() within the documented shutdown timeout.
        long half = Math.max(1, settings.shutdownTimeout().toMillis() / 2);
        options.setShutdownTimeoutMillis(half);
        options.setFlushTimeoutMillis(half);
        options.setEnableExternalConfiguration(false); // these settings, not a stray sentry.properties
        ModuleKit kit = ModuleKit.of(obs);
        options.setOnDiscard(
                (reason, category, count) -> countDiscard(kit, reason.getReason(), category.getCategory(), count));
        scrub(
                options,
                kit.masker(),
                () -> kit.faults().record(ErrorsCatalogue.SENTRY_EVENTS_DROPPED, FaultReason.RECORDING_FAILED));
        return options;
    }

    /** Installs the scrubbing callbacks and turns default PII off. */
    static void scrub(SentryOptions options, PiiMasker masker, Runnable onFailure) {
        Scrubber scrubber = new Scrubber(masker, onFailure);
        options.setSendDefaultPii(false);
        options.setBeforeSend(scrubber);
        options.setBeforeBreadcrumb(scrubber);
    }

    /** Sentry's discard callback, off the caller's thread: a guarded lambda is fine here. */
    private static void countDiscard(ModuleKit kit, String reason, String category, @Nullable Long count) {
        kit.faults()
                .guard(
                        ErrorsCatalogue.SENTRY_EVENTS_DROPPED,
                        () -> ErrorsCatalogue.SENTRY_EVENTS_DROPPED
                                .counter()
                                .tag(ErrorsCatalogue.REASON.asString(), reason)
                                .tag(ErrorsCatalogue.CATEGORY.asString(), category)
                                .register(kit.registry())
                                .increment(count == null ? 1 : count));
    }

    /**
     * Whether events are sent: a DSN was configured, or, {@linkplain #attach attached}, Sentry is initialised.
     *
     * @return true when a DSN is configured and events are sent
     */
    public boolean enabled() {
        return ownsSentry ? enabled : Sentry.isEnabled();
    }

    /**
     * Reports {@code error} with {@code context}. Returns at once: the event is scrubbed on this
     * thread and queued for a background sender. Never throws.
     *
     * @param error the error to report; null reports nothing
     * @param context tags and extras of the event; null sends none
     * @return the Sentry event id, or null when reporting is off or the error was null
     */
    public @Nullable String capture(@Nullable Throwable error, @Nullable ErrorContext context) {
        if (!enabled) {
            return null;
        }
        if (faults.rejectsNull(ErrorsCatalogue.SENTRY_EVENTS_DROPPED, error)) {
            return null;
        }
        ErrorContext tags = context == null ? ErrorContext.empty() : context;
        // the Sentry client or the hasher failing drops the whole report, not one recording; a capture
        // allocates its event anyway, so the lambda costs nothing that matters
        return faults.guard(ErrorsCatalogue.SENTRY_EVENTS_DROPPED, () -> send(error, tags), null);
    }

    /** The Sentry event id of {@code error}'s event, or null when Sentry returned none. May throw. */
    private @Nullable String send(Throwable error, ErrorContext context) {
        SentryEvent event = new SentryEvent(error);
        event.setLevel(SentryLevel.ERROR);
        apply(event, context);
        SentryId id = Sentry.captureEvent(event);
        return SentryId.EMPTY_ID.equals(id) ? null : id.toString();
    }

    /**
     * Reports {@code error} without context. Never throws.
     *
     * @param error the error to report; null reports nothing
     * @return the Sentry event id, or null when reporting is off or the error was null
     */
    public @Nullable String capture(@Nullable Throwable error) {
        return capture(error, ErrorContext.empty());
    }

    /** The unhandled-error hook's listener: one event marked unhandled. Never throws. */
    private void captureUnhandled(Throwable error) {
        // the Sentry client failing: counted like any capture that failed
        faults.guard(ErrorsCatalogue.SENTRY_EVENTS_DROPPED, ErrorReporter::sendUnhandled, error);
    }

    private static void sendUnhandled(Throwable error) {
        Mechanism mechanism = new Mechanism();
        mechanism.setType(UNHANDLED_MECHANISM);
        mechanism.setHandled(false);
        SentryEvent event = new SentryEvent(new ExceptionMechanismException(mechanism, error, Thread.currentThread()));
        event.setLevel(SentryLevel.ERROR);
        Sentry.captureEvent(event);
    }

    private void apply(SentryEvent event, ErrorContext context) {
        if (context.campaignId() != null) {
            event.setTag("campaign_id", context.campaignId());
        }
        if (context.agentType() != null) {
            event.setTag("agent_type", context.agentType());
        }
        String customerId = context.customerId();
        if (customerId != null) {
            if (hasher != null) {
                event.setExtra("customer_id", hasher.hash(customerId).substring(0, 32));
            } else if (missingKeyLogged.compareAndSet(false, true)) {
                log.warn("obs-errors: a customer id was left out of an error report because no hashing key is"
                        + " configured: set SentrySettings.customerIdKey (OBS_CUSTOMER_ID_HASH_KEY)");
            }
        }
        BigDecimal amount = context.paymentAmount();
        if (amount != null) {
            event.setExtra("payment_amount", amount);
        }
        if (context.userId() != null) {
            User user = new User();
            user.setId(context.userId());
            event.setUser(user);
        }
        context.extras().forEach(event::setExtra);
    }

    /**
     * Flushes queued events and closes Sentry, in at most {@link SentrySettings.Builder#shutdownTimeout}
     * (default 2 s) whatever Sentry does: events still queued then are dropped.
     */
    @Override
    public void close() {
        if (enabled && ownsSentry) {
            Sentry.close();
        }
    }
}
