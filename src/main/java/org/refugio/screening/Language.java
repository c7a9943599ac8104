package org.refugio.screening;

import java.util.List;
import java.util.Locale;

/** Picks English or Spanish from an Accept-Language header; English when neither is asked for. */
public enum Language {
    EN, ES;

    private static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));

    /** @throws IllegalArgumentException when the header is not a valid Accept-Language value */
    public static Language fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return EN;
        }
        Locale chosen = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
        return chosen != null && chosen.getLanguage().equals("es") ? ES : EN;
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
