package org.refugio.web;

import org.refugio.security.CurrentActor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

@Configuration(proxyBeanMethods = false)
class WebConfig {

    /** The name Spring MVC looks the locale resolver up by. */
    @Bean
    LocaleResolver localeResolver(WebPreferences preferences, CurrentActor actor) {
        return new InterfaceLanguage(preferences, actor);
    }
}
