package org.refugio.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * One worked case as data a legal expert can review: the facts, and the expected status per program, per
 * relative and for the referral (src/test/resources/scenarios/README.md).
 */
public record Scenario(String file, int id, String title, JsonNode facts, JsonNode expected) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every scenario under src/test/resources/scenarios, public ones and the project's own. */
    public static List<Scenario> all() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:scenarios/**/*.json");
            List<Scenario> scenarios = new ArrayList<>();
            for (Resource r : Arrays.stream(files).sorted(Comparator.comparing(Resource::getFilename)).toList()) {
                try (InputStream in = r.getInputStream()) {
                    JsonNode node = JSON.readTree(in);
                    scenarios.add(new Scenario(r.getFilename(), node.path("id").asInt(), node.path("title").asText(),
                            node.get("facts"), node.get("expected")));
                }
            }
            return scenarios;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String displayName() {
        return file.replace(".json", "") + ": " + title;
    }
}
