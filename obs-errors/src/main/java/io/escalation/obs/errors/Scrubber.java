package io.escalation.obs.errors;

import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.core.pii.PiiNumbers;
import io.escalation.obs.core.pii.SecretNames;
import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.SpanContext;
import io.sentry.protocol.Contexts;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.Response;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryThread;
import io.sentry.protocol.User;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentry's {@code beforeSend} and {@code beforeBreadcrumb}: runs every message, exception value,
 * fingerprint, thread name, breadcrumb (message, category, type, data), tag, extra, context
 * (caller-set maps and objects, and the trace context's description, tags and data), request,
 * response and user field through the masker, keys as well as values, and numbers of every type
 * with seven integer digits or more; drops e-mail, IP address, geo and cookies outright; writes
 * {@code [SECRET]} for values under secret keys ({@link SecretNames}). Objects other than maps,
 * collections, strings, numbers and booleans are written as their masked {@code toString()}. A
 * failure drops the event or breadcrumb: Sentry would otherwise send it unscrubbed.
 */
final class Scrubber implements SentryOptions.BeforeSendCallback, SentryOptions.BeforeBreadcrumbCallback {

    static final String SECRET = "[SECRET]";

    private static final Logger log = LoggerFactory.getLogger(Scrubber.class);
    private static final int MAX_DEPTH = 8;
    /**
     * Exceptions sent per event: the root cause and the outermost ones. Sentry turns every cause into
     * an entry with its whole stack trace, so a chain 4,000 deep made a 56 MB envelope that Sentry
     * refuses (its limit is 1 MB per event).
     */
    static final int MAX_EXCEPTIONS = 50;

    private final PiiMasker masker;
    private final Runnable onFailure;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    Scrubber(PiiMasker masker, Runnable onFailure) {
        this.masker = masker;
        this.onFailure = onFailure;
    }

    @Override
    public @Nullable SentryEvent execute(SentryEvent event, Hint hint) {
        try {
            scrub(event);
            return event;
        } catch (RuntimeException | StackOverflowError e) {
            failed("event", e);
            return null;
        }
    }

    @Override
    public @Nullable Breadcrumb execute(Breadcrumb breadcrumb, Hint hint) {
        try {
            scrub(breadcrumb);
            return breadcrumb;
        } catch (RuntimeException | StackOverflowError e) {
            failed("breadcrumb", e);
            return null;
        }
    }

    private void scrub(SentryEvent event) {
        Message message = event.getMessage();
        if (message != null) {
            message.setFormatted(mask(message.getFormatted()));
            message.setMessage(mask(message.getMessage()));
            List<String> params = message.getParams();
            if (params != null) {
                List<String> masked = new ArrayList<>(params.size());
                params.forEach(p -> masked.add(mask(p)));
                message.setParams(masked);
            }
        }
        List<SentryException> exceptions = event.getExceptions();
        if (exceptions != null && exceptions.size() > MAX_EXCEPTIONS) {
            // Sentry lists the root cause first and the thrown exception last
            List<SentryException> kept = new ArrayList<>(MAX_EXCEPTIONS);
            kept.add(exceptions.get(0));
            kept.addAll(exceptions.subList(exceptions.size() - MAX_EXCEPTIONS + 1, exceptions.size()));
            event.setExceptions(kept);
            exceptions = kept;
        }
        if (exceptions != null) {
            for (SentryException exception : exceptions) {
                exception.setValue(mask(exception.getValue()));
            }
        }
        List<String> fingerprints = event.getFingerprints();
        if (fingerprints != null) {
            List<String> masked = new ArrayList<>(fingerprints.size());
            fingerprints.forEach(f -> masked.add(mask(f)));
            event.setFingerprints(masked);
        }
        List<SentryThread> threads = event.getThreads();
        if (threads != null) {
            threads.forEach(t -> t.setName(mask(t.getName())));
        }
        event.setLogger(mask(event.getLogger()));
        List<Breadcrumb> breadcrumbs = event.getBreadcrumbs();
        if (breadcrumbs != null) {
            breadcrumbs.forEach(this::scrub);
        }
        Map<String, String> tags = event.getTags();
        if (tags != null) {
            event.setTags(maskStrings(tags));
        }
        Map<String, Object> extras = event.getExtras();
        if (extras != null) {
            event.setExtras(maskMap(extras, 0));
        }
        scrubContexts(event.getContexts());
        User user = event.getUser();
        if (user != null) {
            user.setEmail(null);
            user.setIpAddress(null);
            user.setGeo(null);
            user.setId(mask(user.getId()));
            user.setUsername(mask(user.getUsername()));
            maskName(user);
            Map<String, String> data = user.getData();
            if (data != null) {
                user.setData(maskStrings(data));
            }
        }
        Request request = event.getRequest();
        if (request != null) {
            request.setCookies(null);
            request.setUrl(mask(request.getUrl()));
            request.setQueryString(mask(request.getQueryString()));
            request.setFragment(mask(request.getFragment()));
            if (request.getHeaders() != null) {
                request.setHeaders(maskStrings(request.getHeaders()));
            }
            if (request.getEnvs() != null) {
                request.setEnvs(maskStrings(request.getEnvs()));
            }
            request.setData(maskValue(request.getData(), 0));
        }
        event.setTransaction(mask(event.getTransaction()));
    }

    @SuppressWarnings("deprecation") // still serialized by this SDK version
    private void maskName(User user) {
        user.setName(mask(user.getName()));
    }

    /**
     * Caller-set contexts (maps from the MDC, any object from {@code scope.setContexts}) are masked
     * whole, keys included; of the SDK's typed contexts, the trace context's description, tags and
     * data ({@code thread.name}, ...) and the response's headers, cookies and data.
     */
    private void scrubContexts(Contexts contexts) {
        Set<String> keys = new java.util.HashSet<>();
        contexts.entrySet().forEach(e -> keys.add(e.getKey()));
        for (Map.Entry<String, Object> entry : new ArrayList<>(contexts.entrySet())) {
            Object value = entry.getValue();
            if (value instanceof SpanContext span) {
                scrub(span);
            } else if (value instanceof Response response) {
                scrub(response);
            } else if (!isSdkContext(value)) {
                String key = entry.getKey();
                String maskedKey = uniqueKey(mask(key), keys, key);
                if (!maskedKey.equals(key)) {
                    contexts.remove(key);
                    keys.add(maskedKey);
                }
                contexts.put(maskedKey, isSecret(key) ? SECRET : maskValue(value, 0));
            }
        }
    }

    /** The SDK's own typed contexts (app, device, os, runtime, ...): facts of the process, not caller data. */
    private static boolean isSdkContext(@Nullable Object value) {
        return value != null
                && !(value instanceof Map)
                && value.getClass().getName().startsWith("io.sentry.");
    }

    private void scrub(SpanContext trace) {
        trace.setDescription(mask(trace.getDescription()));
        Map<String, String> tags = trace.getTags();
        if (tags != null && !tags.isEmpty()) {
            Map<String, String> masked = maskStrings(tags);
            tags.clear();
            masked.forEach(trace::setTag);
        }
        Map<String, Object> data = trace.getData();
        if (data != null) {
            replaceMasked(data, trace::setData);
        }
    }

    private void scrub(Response response) {
        response.setCookies(null);
        if (response.getHeaders() != null) {
            response.setHeaders(maskStrings(response.getHeaders()));
        }
        response.setData(maskValue(response.getData(), 0));
    }

    private void scrub(Breadcrumb breadcrumb) {
        breadcrumb.setMessage(mask(breadcrumb.getMessage()));
        breadcrumb.setCategory(mask(breadcrumb.getCategory()));
        breadcrumb.setType(mask(breadcrumb.getType()));
        replaceMasked(breadcrumb.getData(), breadcrumb::setData);
    }

    /** Replaces {@code data}'s entries with their masked form, put back through {@code set}: nulls are left out. */
    private void replaceMasked(Map<String, Object> data, BiConsumer<String, Object> set) {
        if (data.isEmpty()) {
            return;
        }
        Map<String, Object> masked = maskMap(data, 0);
        data.clear();
        masked.forEach((k, v) -> {
            if (v != null) {
                set.accept(k, v);
            }
        });
    }

    private @Nullable String mask(@Nullable String s) {
        return masker.mask(s);
    }

    private Map<String, String> maskStrings(Map<String, String> map) {
        Map<String, String> masked = new LinkedHashMap<>();
        map.forEach((k, v) -> masked.put(uniqueKey(mask(k), masked.keySet(), k), isSecret(k) ? SECRET : mask(v)));
        return masked;
    }

    private Map<String, Object> maskMap(Map<?, ?> map, int depth) {
        Map<String, Object> masked = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            masked.put(uniqueKey(mask(key), masked.keySet(), key), isSecret(key) ? SECRET : maskValue(v, depth + 1));
        });
        return masked;
    }

    /**
     * {@code maskedKey} when it is the original key or not yet taken; otherwise with a suffix
     * {@code #2}, {@code #3}, ... so that two keys masked alike both survive.
     */
    private static String uniqueKey(@Nullable String maskedKey, Set<String> taken, String key) {
        String candidate = maskedKey == null ? key : maskedKey;
        if (candidate.equals(key) || !taken.contains(candidate)) {
            return candidate;
        }
        for (int n = 2; ; n++) {
            String numbered = candidate + "#" + n;
            if (!taken.contains(numbered)) {
                return numbered;
            }
        }
    }

    private @Nullable Object maskValue(@Nullable Object value, int depth) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof String text) {
            return mask(text);
        }
        if (value instanceof Number number) {
            String digits = PiiNumbers.digitsIfLarge(number);
            if (digits == null) {
                return value; // counts, amounts
            }
            String masked = mask(digits);
            return masked == null || masked.equals(digits) ? value : masked;
        }
        if (depth >= MAX_DEPTH) {
            return "[TRUNCATED]";
        }
        if (value instanceof Map) {
            return maskMap((Map<?, ?>) value, depth);
        }
        if (value instanceof Collection) {
            List<Object> masked = new ArrayList<>();
            for (Object item : (Collection<?>) value) {
                masked.add(maskValue(item, depth + 1));
            }
            return masked;
        }
        return mask(String.valueOf(value));
    }

    static boolean isSecret(String key) {
        return SecretNames.isSecret(key);
    }

    private void failed(String what, Throwable e) {
        onFailure.run();
        if (failureLogged.compareAndSet(false, true)) {
            log.warn(
                    "obs-errors: scrubbing a Sentry {} failed ({}); it was dropped rather than sent unscrubbed."
                            + " Further failures are only counted.",
                    what,
                    e.getClass().getName());
        }
    }
}
