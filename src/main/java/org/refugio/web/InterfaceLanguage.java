package org.refugio.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.refugio.security.Actor;
import org.refugio.security.CurrentActor;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of the interface: English or Spanish, remembered per user. A choice made in the session wins; the
 * first page after signing in takes the user's stored choice (or stores the one made on the sign-in page); without
 * either, the browser's Accept-Language. The person's own language (their summary, their case) is chosen apart from
 * this one.
 */
public class InterfaceLanguage implements LocaleResolver {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale SPANISH = Locale.forLanguageTag("es");
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, SPANISH);

    private static final String CHOSEN = InterfaceLanguage.class.getName() + ".chosen";
    private static final String LOADED_FOR = InterfaceLanguage.class.getName() + ".loadedFor";

    private final WebPreferences preferences;
    private final CurrentActor actor;

    public InterfaceLanguage(WebPreferences preferences, CurrentActor actor) {
        this.preferences = preferences;
        this.actor = actor;
    }

    /** "en" or "es" to a supported locale; anything else is empty. */
    public static Optional<Locale> parse(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(tag.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Locale chosen = session == null ? null : (Locale) session.getAttribute(CHOSEN);
        Actor user = actor.signedIn().orElse(null);
        if (session != null && user != null && !user.id().equals(session.getAttribute(LOADED_FOR))) {
            session.setAttribute(LOADED_FOR, user.id());
            if (chosen != null) {
                preferences.saveLanguage(user.id(), chosen);
            } else {
                chosen = preferences.language(user.id()).orElse(null);
                if (chosen != null) {
                    session.setAttribute(CHOSEN, chosen);
                }
            }
        }
        if (chosen != null) {
            return chosen;
        }
        String header = request.getHeader("Accept-Language");
        if (header != null && !header.isBlank()) {
            try {
                Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
                if (match != null) {
                    return match.getLanguage().equals("es") ? SPANISH : ENGLISH;
                }
            } catch (IllegalArgumentException ignored) {
                // A malformed header asks for nothing.
            }
        }
        return ENGLISH;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Locale chosen = parse(locale == null ? null : locale.getLanguage()).orElse(ENGLISH);
        request.getSession().setAttribute(CHOSEN, chosen);
        actor.signedIn().ifPresent(user -> {
            request.getSession().setAttribute(LOADED_FOR, user.id());
            preferences.saveLanguage(user.id(), chosen);
        });
    }
}
