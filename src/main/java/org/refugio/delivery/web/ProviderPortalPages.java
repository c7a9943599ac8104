package org.refugio.delivery.web;

import java.util.List;

import org.refugio.security.Role;
import org.refugio.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The header link to the provider portal's inbox (WebAccessRules: /provider/**, PROVIDER only). */
@Configuration(proxyBeanMethods = false)
class ProviderPortalPages {

    @Bean
    NavigationItem providerInboxLink() {
        return new NavigationItem("/provider/referrals", "nav.provider.referrals", 50, List.of(Role.PROVIDER));
    }
}
