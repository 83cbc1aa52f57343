package io.escalation.obs.core.internal;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Validation of names callers choose at start-up and that become bounded label values. */
public final class Names {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private Names() {}

    /**
     * {@code name} when it is 1-63 characters of lower-case letters, digits and '_' starting with a
     * letter; otherwise an {@link IllegalArgumentException} naming {@code what} and an example.
     *
     * @param what the setting, named in the message
     * @param name the value to check
     * @param example a valid value, shown in the message
     * @return {@code name}
     */
    public static String requireIdentifier(String what, @Nullable String name, String example) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' must be 1-63 characters of lower-case"
                    + " letters, digits and '_', starting with a letter, e.g. \"" + example + "\"");
        }
        return name;
    }
}
