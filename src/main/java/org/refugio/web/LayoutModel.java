package org.refugio.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.refugio.security.Actor;
import org.refugio.security.CurrentActor;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout (templates/layout/page.html) shows on every page: navigation, who is signed in, languages. */
@ControllerAdvice(annotations = PageController.class)
class LayoutModel {

    /** A navigation link as the layout renders it. */
    record Link(String path, String messageKey, boolean current) { }

    private final List<NavigationItem> items;
    private final CurrentActor actor;

    LayoutModel(List<NavigationItem> items, CurrentActor actor) {
        this.items = items.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
        this.actor = actor;
    }

    @ModelAttribute("navigation")
    List<Link> navigation(HttpServletRequest request) {
        Actor user = actor.signedIn().orElse(null);
        if (user == null) {
            return List.of();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        List<NavigationItem> visible = items.stream().filter(i -> i.visibleTo(user)).toList();
        NavigationItem current = NavigationItem.current(visible, path).orElse(null);
        return visible.stream().map(i -> new Link(i.path(), i.messageKey(), i == current)).toList();
    }

    @ModelAttribute("signedInAs")
    String signedInAs() {
        return actor.signedIn().map(Actor::id).orElse(null);
    }

    /** Where the language switch returns to: this page, with its query. */
    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
    }

    @ModelAttribute("otherLanguage")
    String otherLanguage(Locale locale) {
        return locale.getLanguage().equals("es") ? "en" : "es";
    }
}
