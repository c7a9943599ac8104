package org.refugio.config;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock: "today" for a screening without asOfDate is today in the service's time zone. */
@Configuration(proxyBeanMethods = false)
public class TimeConfig {

    @Bean
    Clock clock(@Value("${refugio.time-zone:America/Chicago}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
