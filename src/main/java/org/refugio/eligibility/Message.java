package org.refugio.eligibility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A message key of the explanation bundles and its arguments (an argument may be an unknown fact, null).
 * Explanations are never free text: the bundles hold the English and Spanish wording, so both languages
 * always say the same thing.
 */
public record Message(String key, List<Object> args) {

    public Message {
        args = Collections.unmodifiableList(new ArrayList<>(args));
    }

    /** The record's own text, built without {@code String.format} (see {@link RuleInfo#toString()}). */
    @Override
    public String toString() {
        return "Message[key=" + key + ", args=" + args + "]";
    }

    public static Message of(String key, Object... args) {
        return new Message(key, Arrays.asList(args));
    }
}
