package org.refugio.eligibility.facts;

import java.util.Collection;
import java.util.function.Function;

/** Three-valued "any" and "all" over facts that may be unknown (null). */
public final class Tri {

    private Tri() {
    }

    /** True if any item is true; false if all are false; null otherwise (or when the list is unknown). */
    public static <T> Boolean any(Collection<T> items, Function<T, Boolean> test) {
        if (items == null) {
            return null;
        }
        boolean unknown = false;
        for (T item : items) {
            Boolean b = test.apply(item);
            if (Boolean.TRUE.equals(b)) {
                return true;
            }
            if (b == null) {
                unknown = true;
            }
        }
        return unknown ? null : false;
    }

    /** True if every item is true; false if any is false; null otherwise (or when the list is unknown). */
    public static <T> Boolean all(Collection<T> items, Function<T, Boolean> test) {
        Boolean anyFails = any(items, item -> not(test.apply(item)));
        return not(anyFails);
    }

    public static Boolean and(Boolean a, Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    public static Boolean not(Boolean a) {
        return a == null ? null : !a;
    }
}
