package io.escalation.obs.logging;

import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.core.pii.SecretNames;
import java.util.Arrays;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the encoder does with a field name: whether its value is a secret ({@link SecretNames}, or
 * one of the names added with {@code <secretField>}, matched exactly), and the name's masked form
 * when it holds PII itself ({@code MDC.put("jane@example.com", ...)}). Names are nearly always the
 * same String instances event after event (constants in code, the providers' own names), so a name
 * found plain, neither secret nor PII, is remembered by identity in a small table and not looked
 * at again while the masker stays the same. Slots are written without synchronisation on purpose:
 * a stale slot is only a miss.
 */
final class FieldNames {

    /** Slots of {@link #plain}: a power of two, more than the field names of a usual event. */
    private static final int SLOTS = 128;

    private final LoggingState state;
    private final Set<String> extraSecrets;
    private final @Nullable String[] plain = new String[SLOTS];
    private volatile @Nullable PiiMasker plainFor;

    FieldNames(LoggingState state, Set<String> extraSecrets) {
        this.state = state;
        this.extraSecrets = Set.copyOf(extraSecrets);
    }

    /** True when {@code name} is neither secret nor holds PII: it is written as it is. */
    boolean isPlain(String name) {
        PiiMasker masker = state.masker();
        if (plainFor != masker) {
            Arrays.fill(plain, null);
            plainFor = masker;
        }
        int hash = name.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        if (plain[slot] == name) {
            return true;
        }
        if (isSecret(name) || masker.mask(name) != name) {
            return false;
        }
        plain[slot] = name;
        return true;
    }

    /** Whether the value under {@code name} is replaced by {@code [SECRET]}. */
    boolean isSecret(String name) {
        return SecretNames.isSecret(name) || extraSecrets.contains(name);
    }

    /** {@code name} with its PII masked; the same instance when it holds none. */
    String masked(String name) {
        String masked = state.masker().mask(name);
        return masked == null ? name : masked;
    }
}
