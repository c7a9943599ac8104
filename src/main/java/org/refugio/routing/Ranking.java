package org.refugio.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The order in which suitable providers are compared, as rules/routing/ranking.yaml states it (LA-02, K-24): the
 * first line on which two providers differ decides. The weights are the ruleset's, not the engine's; the engine
 * only breaks the last ties by name and id, so the same inputs always give the same order.
 */
public final class Ranking {

    /** The line that orders by the target a provider would serve the case under (its tier, then its rank). */
    public static final String TARGET = "target";
    /** The line that puts the provider with more open places first. */
    public static final String OPEN_CAPACITY = "openCapacity";

    private final List<String> order;
    private final Comparator<ProviderChoice.Candidate> comparator;

    private Ranking(List<String> order) {
        this.order = List.copyOf(order);
        Comparator<ProviderChoice.Candidate> c = null;
        for (String line : order) {
            Comparator<ProviderChoice.Candidate> next = switch (line) {
                case TARGET -> Comparator.comparingInt((ProviderChoice.Candidate x) -> x.tier().ordinal())
                        .thenComparingInt(ProviderChoice.Candidate::routeRank);
                case OPEN_CAPACITY -> Comparator.comparingInt((ProviderChoice.Candidate x) -> -x.provider().openSlots());
                default -> {
                    Preference preference = Preference.valueOf(line);
                    yield Comparator.comparingInt((ProviderChoice.Candidate x) ->
                            x.preferences().contains(preference) ? 0 : 1);
                }
            };
            c = c == null ? next : c.thenComparing(next);
        }
        this.comparator = c.thenComparing((ProviderChoice.Candidate x) -> x.provider().name())
                .thenComparing(x -> x.provider().id());
    }

    /** Reads ranking.yaml; refuses a line it does not know, a repeated line, or a preference left out. */
    public static Ranking parse(String yaml) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(root instanceof Map<?, ?> map) || !(map.get("order") instanceof List<?> lines)) {
            throw new IllegalStateException("routing/ranking.yaml: expected a list under \"order\"");
        }
        Set<String> known = new HashSet<>(Set.of(TARGET, OPEN_CAPACITY));
        for (Preference p : Preference.values()) {
            known.add(p.name());
        }
        List<String> order = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Object line : lines) {
            String name = String.valueOf(line);
            if (!known.contains(name)) {
                problems.add("unknown line \"" + name + "\"");
            } else if (order.contains(name)) {
                problems.add("\"" + name + "\" listed twice");
            } else {
                order.add(name);
            }
        }
        for (String name : known) {
            if (!order.contains(name) && !problems.toString().contains("\"" + name + "\"")) {
                problems.add("\"" + name + "\" missing");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("routing/ranking.yaml: " + String.join("; ", problems.stream().sorted()
                    .toList()) + " (known lines: " + known.stream().sorted().toList() + ")");
        }
        return new Ranking(order);
    }

    public List<String> order() {
        return order;
    }

    /** Best first. */
    public Comparator<ProviderChoice.Candidate> comparator() {
        return comparator;
    }
}
