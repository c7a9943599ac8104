package org.refugio.cases;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * {@code ETag} and {@code If-None-Match} on reading one case (GET /api/v1/cases/{caseId}): an intake system polling
 * a case gets a 304 with no body while nothing changed. The tag is a digest of the answer as served, so it changes
 * with anything the case shows, in the language asked.
 */
@Configuration(proxyBeanMethods = false)
class CaseEtags {

    private static final Pattern ONE_CASE = Pattern.compile("^/api/v1/cases/[^/]+$");

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> caseEtagFilter() {
        ShallowEtagHeaderFilter filter = new ShallowEtagHeaderFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !"GET".equals(request.getMethod()) || !ONE_CASE.matcher(request.getRequestURI()).matches();
            }
        };
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/v1/cases/*");
        return registration;
    }
}
