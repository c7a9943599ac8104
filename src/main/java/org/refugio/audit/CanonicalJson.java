package org.refugio.audit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON form that record digests are computed over. Two writers that agree on the data must agree
 * on the bytes, so that an auditor can recompute a digest with any JSON library that follows these rules:
 * <ul>
 *   <li>UTF-8, no whitespace between tokens;</li>
 *   <li>object members sorted by key in UTF-16 code-unit order (Java {@code String.compareTo}, as RFC 8785);
 *       members whose value is null are left out;</li>
 *   <li>strings escape {@code "} and {@code \} with a backslash, \b \f \n \r \t by their short forms, other
 *       characters below U+0020 as {@code \}{@code u00XX} (lower-case hex); every other character is written as is;</li>
 *   <li>numbers are integers only (no fractions, no exponent), booleans {@code true}/{@code false}.</li>
 * </ul>
 * Values are restricted to what an auditor needs — codes, ids, digests, statuses, citations — so keys must be
 * short identifiers and strings short: this keeps narratives and personal data out of the log by construction.
 */
public final class CanonicalJson {

    static final int MAX_STRING = 512;
    private static final int MAX_KEY = 64;

    private CanonicalJson() {
    }

    /** @throws IllegalArgumentException for a value the canonical form does not allow */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    static void write(Object value, StringBuilder out) {
        if (value instanceof String s) {
            if (s.length() > MAX_STRING) {
                throw new IllegalArgumentException("audit detail strings are limited to " + MAX_STRING + " characters");
            }
            string(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Enum<?> e) {
            string(e.name(), out);
        } else if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key) || !isKey(key)) {
                    throw new IllegalArgumentException("audit detail keys must be identifiers: " + e.getKey());
                }
                if (e.getValue() != null) {
                    sorted.put(key, e.getValue());
                }
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Object item = list.get(i);
                if (item == null) {
                    out.append("null");
                } else {
                    write(item, out);
                }
            }
            out.append(']');
        } else if (value instanceof RawJson raw) {
            out.append(raw.canonicalText());
        } else {
            throw new IllegalArgumentException("audit detail values must be strings, integers, booleans, lists or maps, not "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
    }

    /**
     * {@code [A-Za-z][A-Za-z0-9_.-]{0,63}}, checked by hand: every key of every audit entry passes here, and the
     * regular expression's character-class predicates were a fifth of a screening's processor samples (issue 14).
     */
    static boolean isKey(String key) {
        int length = key.length();
        if (length == 0 || length > MAX_KEY || !isAsciiLetter(key.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = key.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** Text that is already canonical JSON (a stored detail), embedded verbatim. */
    record RawJson(String canonicalText) { }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
