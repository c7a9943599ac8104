package org.refugio;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RefugioApplication {

    public static void main(String[] args) {
        SpringApplication.run(RefugioApplication.class, args);
    }
}
