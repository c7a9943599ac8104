package org.refugio.config;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Strict JSON: a request that is not exactly the contract is rejected with the field named, never guessed at.
 * No unknown properties, no duplicate keys, no strings or floats coerced into booleans or integers, no null
 * elements in lists.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfig {

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                        MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // A list of facts never holds "nothing": a null element is refused with its JSON path.
                .postConfigurer(mapper -> mapper.configOverride(List.class)
                        .setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)));
    }
}
