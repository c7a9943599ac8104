package org.refugio.eligibility.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.drools.core.RuleBaseConfiguration;
import org.drools.core.impl.InternalRuleBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.definition.rule.Rule;
import org.kie.api.definition.type.FactType;
import org.refugio.ruleset.Ruleset;
import org.refugio.ruleset.RulesetFiles;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The rules the build precompiled (pom.xml, process-classes) are the rules that compiling the DRL gives, and
 * anything wrong with a precompiled file makes DrlCompiler compile instead. The decisions both make:
 * PrecompiledRulesDecisionsTest.
 */
@ExtendWith(OutputCaptureExtension.class)
class PrecompiledRulesTest {

    static final Ruleset.Drl BUNDLED = Ruleset.Drl.of(RulesetFiles.fromClasspath("rules"));
    static final ClassLoader LOADER = PrecompiledRulesTest.class.getClassLoader();
    private static final String COMPILED_INSTEAD = "(precompiled rules: not usable: ";
    private static final String READ = "Rules of 1 DRL files read precompiled in";

    @Test
    void theBundledRulesReadPrecompiledAreTheCompiledOnes() throws Exception {
        for (Map<String, String> drl : List.of(BUNDLED.eligibility(), BUNDLED.routing())) {
            KieBase read = PrecompiledRules.onClassPath().read(drl)
                    .orElseThrow(() -> new AssertionError("the build wrote no precompiled rules for " + drl.keySet()));
            KieBase compiled = DrlCompiler.build(drl);
            assertThat(describe(read)).isNotEmpty().isEqualTo(describe(compiled));
            assertThat(configuration(read)).isEqualTo(configuration(compiled));
        }
    }

    /** The KieBase options that change how rules run: the default KieBase's, compiled or read. */
    private static List<String> configuration(KieBase kieBase) {
        RuleBaseConfiguration c = ((InternalRuleBase) kieBase).getRuleBaseConfiguration();
        return List.of(kieBase.getClass().getName(), String.valueOf(c.getEventProcessingMode()),
                String.valueOf(c.getAssertBehaviour()), String.valueOf(c.getPrototypesOption()),
                String.valueOf(c.getIndexPrecedenceOption()), "sequential " + c.isSequential(),
                "declarative agenda " + c.isDeclarativeAgenda(), "TMS " + c.isMaintainTms(),
                "immutable " + c.isImmutable(), "parallel " + c.isParallelEvaluation() + c.isParallelExecution(),
                "jitting " + c.getJittingThreshold(), "sessions pool " + c.getSessionPoolSize());
    }

    @Test
    void compileReadsThePrecompiledRulesAndSaysSo(CapturedOutput output) {
        KieBase kieBase = DrlCompiler.compile(BUNDLED.routing());
        assertThat(describe(kieBase)).isEqualTo(describe(DrlCompiler.build(BUNDLED.routing())));
        assertThat(output).contains(READ);
    }

    @Test
    void otherDrlFindsNoFile() throws Exception {
        Map<String, String> other = new TreeMap<>(BUNDLED.routing());
        other.replaceAll((path, drl) -> drl + "\n// another ruleset\n");
        assertThat(PrecompiledRules.onClassPath().read(other)).isEmpty();
    }

    @Test
    void aFileWrittenForOtherDrlOrOtherClassesIsRefused() throws IOException {
        byte[] routing = bundledFile(BUNDLED.routing());
        // The routing rules' file under the eligibility DRL's name: the DRL digest inside does not match.
        PrecompiledRules swapped = new PrecompiledRules(name -> new ByteArrayInputStream(routing), LOADER);
        assertThatThrownBy(() -> swapped.read(BUNDLED.eligibility())).isInstanceOf(InvalidObjectException.class)
                .hasMessage("precompiled for another DRL");
        // A class the DRL names (a fact type, a function, a global) of another build than the one precompiled against.
        ClassLoader otherBuild = new ClassLoader(LOADER) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return name.endsWith("/RoutingActions.class") ? new ByteArrayInputStream(new byte[] {1, 2, 3})
                        : super.getResourceAsStream(name);
            }
        };
        PrecompiledRules stale = new PrecompiledRules(LOADER::getResourceAsStream, otherBuild);
        assertThatThrownBy(() -> stale.read(BUNDLED.routing())).isInstanceOf(InvalidObjectException.class)
                .hasMessage("precompiled for another application classes");
    }

    @Test
    void anyUnreadableFileFallsBackToCompiling(CapturedOutput output) throws IOException {
        byte[] file = bundledFile(BUNDLED.routing());
        byte[] truncated = Arrays.copyOf(file, file.length / 2);
        byte[] damaged = file.clone();
        damaged[file.length / 3] ^= 0x01; // one bit: caught by the content's SHA-256, not by deserialisation
        byte[] garbage = "not precompiled rules".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> expected = describe(DrlCompiler.build(BUNDLED.routing()));
        int fallbacks = 0;
        for (byte[] bytes : List.of(truncated, damaged, garbage)) {
            KieBase kieBase = DrlCompiler.compile(BUNDLED.routing(),
                    new PrecompiledRules(name -> new ByteArrayInputStream(bytes), LOADER));
            assertThat(describe(kieBase)).isEqualTo(expected);
            assertThat(count(output.toString(), COMPILED_INSTEAD)).isEqualTo(++fallbacks);
        }
        // The same file intact is read, not compiled.
        KieBase kieBase = DrlCompiler.compile(BUNDLED.routing(),
                new PrecompiledRules(name -> new ByteArrayInputStream(file), LOADER));
        assertThat(describe(kieBase)).isEqualTo(expected);
        assertThat(count(output.toString(), COMPILED_INSTEAD)).isEqualTo(fallbacks);
        assertThat(output).contains(READ);
    }

    @Test
    void theSystemPropertyTurnsThemOff(CapturedOutput output) {
        System.setProperty(DrlCompiler.PRECOMPILED_PROPERTY, "false");
        try {
            DrlCompiler.compile(BUNDLED.routing());
        } finally {
            System.clearProperty(DrlCompiler.PRECOMPILED_PROPERTY);
        }
        assertThat(output).contains("(precompiled rules: refugio.rules.precompiled=false)").doesNotContain(READ);
    }

    private static byte[] bundledFile(Map<String, String> drl) throws IOException {
        try (InputStream in = LOADER.getResourceAsStream(PrecompiledRules.path(drl))) {
            assertThat(in).as("the build's precompiled rules for " + drl.keySet()).isNotNull();
            return in.readAllBytes();
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /**
     * What the engines read from a KieBase (DroolsEligibilityEngine.describe, DroolsProviderMatcher.describe): each
     * rule's key, file, stage and metadata; and each package's globals, functions and declared types.
     */
    static Map<String, Object> describe(KieBase kieBase) {
        Map<String, Object> described = new TreeMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            described.put("package " + pkg.getName(), Map.of(
                    "globals", pkg.getGlobalVariables().stream()
                            .collect(Collectors.toMap(Global::getName, Global::getType, (a, b) -> a, TreeMap::new)),
                    "functions", new TreeSet<>(pkg.getFunctionNames()),
                    "types", pkg.getFactTypes().stream().map(FactType::getName)
                            .collect(Collectors.toCollection(TreeSet::new))));
            for (Rule rule : pkg.getRules()) {
                described.put(DrlCompiler.key(rule), Map.of(
                        "file", String.valueOf(DrlCompiler.file(rule)),
                        "stage", String.valueOf(DrlCompiler.stage(rule)),
                        "metadata", new TreeMap<>(rule.getMetaData())));
            }
        }
        return described;
    }
}
