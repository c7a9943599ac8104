package org.refugio.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.refugio.security.Actor;
import org.refugio.security.CurrentActor;
import org.refugio.security.Role;
import org.refugio.security.WebSignIn;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.LocaleResolver;

/** The sign-in page, the start page that sends each role to its work, the language switch. */
@PageController
class SignInController {

    private final WebSignIn signIn;
    private final CurrentActor actor;
    private final LocaleResolver languages;

    SignInController(WebSignIn signIn, CurrentActor actor, LocaleResolver languages) {
        this.signIn = signIn;
        this.actor = actor;
        this.languages = languages;
    }

    @GetMapping("/signin")
    String signIn(Model model) {
        if (actor.signedIn().isPresent()) {
            return "redirect:/";
        }
        model.addAttribute("passwords", signIn.passwords());
        model.addAttribute("identityProviders", signIn.identityProviders());
        return "layout/signin";
    }

    /**
     * The start page lists the pages of the user's roles (the navigation); a provider organisation's user goes
     * straight to the portal's inbox, its only work here.
     */
    @GetMapping("/")
    String start() {
        Actor user = actor.signedIn().orElse(null);
        if (user != null && user.has(Role.PROVIDER) && !user.has(Role.CASEWORKER) && !user.has(Role.SUPERVISOR)) {
            return "redirect:/provider/referrals";
        }
        return "layout/start";
    }

    @PostMapping("/language")
    String switchLanguage(@RequestParam("lang") String lang, @RequestParam(value = "return", required = false) String back,
                          HttpServletRequest request, HttpServletResponse response) {
        Locale chosen = InterfaceLanguage.parse(lang).orElse(InterfaceLanguage.ENGLISH);
        languages.setLocale(request, response, chosen);
        return "redirect:" + sameSite(back);
    }

    /** Where Spring Security forwards a refused request, whatever its method (a form without its CSRF token too). */
    @RequestMapping("/error/forbidden")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden() {
        return "layout/forbidden";
    }

    /** Only a path of this site: "//evil.example" or "https://…" would make the switch an open redirect. */
    static String sameSite(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("\\")
                || path.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return path;
    }
}
