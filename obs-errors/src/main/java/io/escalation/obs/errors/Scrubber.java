package io.escalation.obs.errors;

import io.escalation.obs.core.pii.PiiMasker;
import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Contexts;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.User;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentry's {@code beforeSend} and {@code beforeBreadcrumb}: runs every message, exception value,
 * breadcrumb, tag, extra, context map, request and user field through the masker; drops e-mail,
 * IP address, geo and cookies outright; writes {@code [SECRET]} for values under secret keys. A
 * failure drops the event or breadcrumb: Sentry would otherwise send it unscrubbed.
 */
final class Scrubber implements SentryOptions.BeforeSendCallback, SentryOptions.BeforeBreadcrumbCallback {

    static final String SECRET = "[SECRET]";

    private static final Logger log = LoggerFactory.getLogger(Scrubber.class);
    private static final long SHORTEST_PHONE = 1_000_000_000L;
    private static final int MAX_DEPTH = 8;
    private static final Set<String> SECRET_KEYS = Set.of(
            "password", "passwd", "pwd", "passphrase", "secret", "client_secret", "clientsecret", "token",
            "access_token", "accesstoken", "refresh_token", "refreshtoken", "id_token", "api_key", "apikey",
            "x-api-key", "authorization", "proxy-authorization", "cookie", "set-cookie", "card_number",
            "cardnumber", "credit_card", "creditcard", "pan", "cvv", "cvc", "ssn");

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
        if (exceptions != null) {
            for (SentryException exception : exceptions) {
                exception.setValue(mask(exception.getValue()));
            }
        }
        List<Breadcrumb> breadcrumbs = event.getBreadcrumbs();
        if (breadcrumbs != null) {
            breadcrumbs.forEach(this::scrub);
        }
        Map<String, String> tags = event.getTags();
        if (tags != null) {
            Map<String, String> masked = new LinkedHashMap<>();
            tags.forEach((k, v) -> masked.put(k, isSecret(k) ? SECRET : mask(v)));
            event.setTags(masked);
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

    @SuppressWarnings("deprecation")   // still serialized by this SDK version
    private void maskName(User user) {
        user.setName(mask(user.getName()));
    }

    private void scrubContexts(Contexts contexts) {
        for (Map.Entry<String, Object> entry : new ArrayList<>(contexts.entrySet())) {
            if (entry.getValue() instanceof Map) {   // MDC and caller-set contexts; typed ones are SDK facts
                contexts.put(entry.getKey(), maskValue(entry.getValue(), 0));
            }
        }
    }

    private void scrub(Breadcrumb breadcrumb) {
        breadcrumb.setMessage(mask(breadcrumb.getMessage()));
        Map<String, Object> data = breadcrumb.getData();
        for (String key : new ArrayList<>(data.keySet())) {
            breadcrumb.setData(key, isSecret(key) ? SECRET : maskValue(data.get(key), 0));
        }
    }

    private @Nullable String mask(@Nullable String s) {
        return masker.mask(s);
    }

    private Map<String, String> maskStrings(Map<String, String> map) {
        Map<String, String> masked = new LinkedHashMap<>();
        map.forEach((k, v) -> masked.put(k, isSecret(k) ? SECRET : mask(v)));
        return masked;
    }

    private Map<String, Object> maskMap(Map<?, ?> map, int depth) {
        Map<String, Object> masked = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            masked.put(key, isSecret(key) ? SECRET : maskValue(v, depth + 1));
        });
        return masked;
    }

    private @Nullable Object maskValue(@Nullable Object value, int depth) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof String) {
            return mask((String) value);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
            BigInteger n = value instanceof BigInteger ? (BigInteger) value : BigInteger.valueOf(((Number) value).longValue());
            if (n.abs().compareTo(BigInteger.valueOf(SHORTEST_PHONE)) < 0) {
                return value;
            }
            String digits = n.toString();
            String masked = mask(digits);
            return masked == digits ? value : masked;
        }
        if (value instanceof Number) {
            return value;   // amounts
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
        String k = key.toLowerCase(Locale.ROOT);
        return SECRET_KEYS.contains(k) || k.endsWith("password") || k.endsWith("_token") || k.endsWith("secret");
    }

    private void failed(String what, Throwable e) {
        onFailure.run();
        if (failureLogged.compareAndSet(false, true)) {
            log.warn("obs-errors: scrubbing a Sentry {} failed ({}); it was dropped rather than sent unscrubbed."
                    + " Further failures are only counted.", what, e.getClass().getName());
        }
    }
}
