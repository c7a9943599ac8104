package org.refugio.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.routing.FundingType;
import org.refugio.routing.ProviderChoice;
import org.refugio.routing.ProviderProfile;
import org.refugio.routing.RoutingReason;

/**
 * A scenario's {@code expected.routing}: the provider choice the workflow's routing step would make for the screened
 * person against the fictional demo directory (src/main/resources/providers/demo-providers.json, every provider open
 * unless listed in {@code fullProviders}), for a client speaking {@code clientLanguages}. {@code first} names the
 * provider asked first, {@code then} the next ones in order; {@code reasons} / {@code absentReasons} are message keys
 * the first provider's reasons must / must not carry. Checked in-process by RulesetScenariosTest (a screening
 * through the API does not route; a case does).
 */
public final class ScenarioRouting {

    static final Set<String> KEYS = Set.of("clientLanguages", "fullProviders", "first", "then", "reasons",
            "absentReasons");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioRouting() {
    }

    static void checkShape(JsonNode routing, List<String> problems) {
        for (var it = routing.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!KEYS.contains(name)) {
                problems.add("routing." + name);
            }
        }
        if (!routing.path("first").isTextual()) {
            problems.add("routing.first (the provider asked first) is required");
        }
        Set<String> names = new HashSet<>(demoDirectory().stream().map(ProviderProfile::name).toList());
        List<String> named = new ArrayList<>();
        named.add(routing.path("first").asText());
        routing.path("then").forEach(n -> named.add(n.asText()));
        routing.path("fullProviders").forEach(n -> named.add(n.asText()));
        for (String name : named) {
            if (!names.contains(name)) {
                problems.add("routing: no demo provider named \"" + name + "\"");
            }
        }
    }

    public static Set<String> languages(JsonNode routing) {
        Set<String> languages = new HashSet<>();
        routing.path("clientLanguages").forEach(l -> languages.add(l.asText()));
        return languages;
    }

    /** The demo directory with the scenario's full providers at no open capacity. */
    public static List<ProviderProfile> directory(JsonNode routing) {
        Set<String> full = new HashSet<>();
        routing.path("fullProviders").forEach(n -> full.add(n.asText()));
        return demoDirectory().stream().map(p -> full.contains(p.name()) ? new ProviderProfile(p.id(), p.name(),
                p.fundingType(), p.nonLscFunds(), p.languages(), p.regions(), p.servesYouth(), p.detentionCapable(), 0)
                : p).toList();
    }

    public static List<String> differences(JsonNode routing, ProviderChoice choice) {
        List<String> differences = new ArrayList<>();
        List<String> ranked = choice.ranked().stream().map(c -> c.provider().name()).toList();
        List<String> expected = new ArrayList<>();
        expected.add(routing.path("first").asText());
        routing.path("then").forEach(n -> expected.add(n.asText()));
        if (ranked.size() < expected.size() || !ranked.subList(0, expected.size()).equals(expected)) {
            differences.add("routing: expected " + expected + " first, got " + ranked);
        }
        List<String> reasons = choice.best().map(c -> c.reasons().stream().map(r -> r.explanation().key()).toList())
                .orElse(List.of());
        for (JsonNode key : routing.path("reasons")) {
            if (!reasons.contains(key.asText())) {
                differences.add("routing: expected reason " + key.asText() + " for the first provider, got " + reasons);
            }
        }
        for (JsonNode key : routing.path("absentReasons")) {
            if (reasons.contains(key.asText())) {
                differences.add("routing: expected no reason " + key.asText() + " for the first provider, got "
                        + reasons);
            }
        }
        return differences;
    }

    public static List<String> ruleIds(ProviderChoice.Candidate candidate) {
        return candidate.reasons().stream().map(RoutingReason::ruleId).toList();
    }

    /** The fictional directory the embedded default starts with. */
    public static List<ProviderProfile> demoDirectory() {
        try (InputStream in = ScenarioRouting.class.getResourceAsStream("/providers/demo-providers.json")) {
            List<ProviderProfile> profiles = new ArrayList<>();
            for (JsonNode p : JSON.readTree(in).path("providers")) {
                profiles.add(new ProviderProfile(UUID.fromString(p.path("id").asText()), p.path("name").asText(),
                        FundingType.valueOf(p.path("fundingType").asText()), p.path("nonLscFunds").asBoolean(),
                        Set.copyOf(JSON.convertValue(p.path("languages"), String[].class).length == 0 ? List.of()
                                : List.of(JSON.convertValue(p.path("languages"), String[].class))),
                        Set.of(JSON.convertValue(p.path("regions"), String[].class)),
                        p.path("servesYouth").asBoolean(), p.path("detentionCapable").asBoolean(),
                        p.path("capacity").asInt()));
            }
            return profiles;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
