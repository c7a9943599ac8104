package org.refugio.ruleset;

import java.time.LocalDate;
import java.util.HashMap;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.refugio.eligibility.DerivativeClass;
import org.refugio.eligibility.Program;
import org.refugio.eligibility.ProgramStructure;
import org.refugio.eligibility.ProgramStructure.Across;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads rules/programs.yaml. */
final class ProgramStructureReader {

    private ProgramStructureReader() {
    }

    @SuppressWarnings("unchecked")
    static ProgramStructure parse(String yaml) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        List<String> stages = (List<String>) root.get("stages");
        String referralStage = (String) ((Map<String, Object>) root.get("referral")).get("stage");
        Map<Program, ProgramStructure.Spec> programs = new EnumMap<>(Program.class);
        ((Map<String, Object>) root.get("programs")).forEach((name, spec) ->
                programs.put(Program.valueOf(name), spec((Map<String, Object>) spec, stages)));
        Map<DerivativeClass, ProgramStructure.Spec> derivatives = new EnumMap<>(DerivativeClass.class);
        ((Map<String, Object>) root.get("derivatives")).forEach((name, spec) ->
                derivatives.put(DerivativeClass.valueOf(name), spec((Map<String, Object>) spec, stages)));
        Map<String, LocalDate> encodedFrom = new HashMap<>();
        Object encoded = root.get("encodedFrom");
        if (encoded != null) {
            ((Map<String, Object>) encoded).forEach((key, date) -> {
                String program = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
                ProgramStructure.Spec spec = programs.get(Program.valueOf(program));
                if (key.contains("/") && !spec.criteria().containsKey(key.substring(key.indexOf('/') + 1))) {
                    throw new IllegalArgumentException("encodedFrom: " + key + " names no criterion of " + program);
                }
                encodedFrom.put(key, DatedText.date(date));
            });
        }
        return new ProgramStructure(List.copyOf(stages), referralStage, programs, derivatives, encodedFrom);
    }

    @SuppressWarnings("unchecked")
    private static ProgramStructure.Spec spec(Map<String, Object> spec, List<String> stages) {
        String stage = (String) spec.get("stage");
        if (!stages.contains(stage)) {
            throw new IllegalArgumentException("unknown stage " + stage);
        }
        LinkedHashMap<String, Across> criteria = new LinkedHashMap<>();
        ((Map<String, Object>) spec.get("criteria")).forEach((criterion, mode) -> criteria.put(criterion,
                switch (String.valueOf(mode)) {
                    case "every" -> Across.ALL;
                    case "any" -> Across.ANY;
                    default -> throw new IllegalArgumentException(criterion + ": expected 'every' or 'any'");
                }));
        return new ProgramStructure.Spec(stage, criteria);
    }
}
