package org.refugio.eligibility.drools;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.rule.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles DRL text into a KieBase and reads the metadata every rule must carry. Shared by every rule entry
 * point (eligibility, provider choice) so that all rules are held to the same metadata discipline.
 */
public final class DrlCompiler {

    private static final Logger log = LoggerFactory.getLogger(DrlCompiler.class);
    private static final String SOURCE_ROOT = "src/main/resources/rules/";
    /** A system property: false compiles every DRL, precompiled rules or not. */
    public static final String PRECOMPILED_PROPERTY = "refugio.rules.precompiled";

    private DrlCompiler() {
    }

    /**
     * The rules of this DRL: read precompiled when the build wrote them for exactly this DRL, these classes and
     * this Drools (PrecompiledRules), otherwise compiled. {@code -Drefugio.rules.precompiled=false} always compiles.
     */
    public static KieBase compile(Map<String, String> drlByPath) {
        return compile(drlByPath, PrecompiledRules.onClassPath());
    }

    static KieBase compile(Map<String, String> drlByPath, PrecompiledRules precompiled) {
        long start = System.nanoTime();
        String why;
        if (!Boolean.parseBoolean(System.getProperty(PRECOMPILED_PROPERTY, "true"))) {
            why = PRECOMPILED_PROPERTY + "=false";
        } else {
            try {
                Optional<KieBase> read = precompiled.read(drlByPath);
                if (read.isPresent()) {
                    log.info("Rules of {} DRL files read precompiled in {} ms", drlByPath.size(), millis(start));
                    return read.get();
                }
                why = "none for this DRL";
            } catch (Exception | LinkageError e) {
                // Whatever went wrong, compiling gives the same rules: only start-up is slower.
                why = "not usable: " + e;
            }
        }
        KieBase kieBase = build(drlByPath);
        log.info("Rules of {} DRL files compiled in {} ms (precompiled rules: {})", drlByPath.size(), millis(start),
                why);
        return kieBase;
    }

    /**
     * The build step (process-classes): compiles each DRL and writes its rules under {@code classesDirectory},
     * unless the file there is up to date; removes the files of any other DRL. A DRL that does not compile gets
     * no file (start-up then compiles it and fails as it always did).
     */
    public static void precompile(List<Map<String, String>> drlMaps, Path classesDirectory) {
        PrecompiledRules precompiled = PrecompiledRules.onClassPath();
        Path directory = classesDirectory.resolve(PrecompiledRules.DIRECTORY);
        Set<Path> wanted = new HashSet<>();
        try {
            Files.createDirectories(directory);
            for (Map<String, String> drl : drlMaps) {
                Path file = classesDirectory.resolve(PrecompiledRules.path(drl));
                wanted.add(file);
                if (precompiled.upToDate(drl, file)) {
                    log.info("Precompiled rules up to date: {}", file);
                    continue;
                }
                long start = System.nanoTime();
                KieBase kieBase;
                try {
                    kieBase = build(drl);
                } catch (IllegalStateException e) {
                    // Rules that do not compile are for the tests and start-up to report, as before; no file.
                    wanted.remove(file);
                    log.warn("Not precompiled, {}", e.getMessage());
                    continue;
                }
                Path partial = file.resolveSibling(file.getFileName() + ".partial");
                try (OutputStream out = Files.newOutputStream(partial)) {
                    precompiled.write(drl, kieBase, classesDirectory, out);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(partial);
                    throw e;
                }
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
                log.info("Precompiled rules of {} DRL files written in {} ms: {} ({} bytes)", drl.size(),
                        millis(start), file, Files.size(file));
            }
            try (Stream<Path> files = Files.list(directory)) {
                for (Path stale : (Iterable<Path>) files.filter(f -> !wanted.contains(f))::iterator) {
                    Files.delete(stale);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles the DRL (what start-up did before precompiled rules, and still does for any other DRL). */
    static KieBase build(Map<String, String> drlByPath) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId releaseId = ks.newReleaseId("org.refugio", "ruleset",
                Integer.toHexString(drlByPath.hashCode()) + "-" + System.nanoTime());
        kfs.generateAndWritePomXML(releaseId);
        // Under rules/ so that Drools' package-and-folder advice holds (packages are rules.*).
        drlByPath.forEach((path, drl) -> kfs.write(SOURCE_ROOT + path, drl));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the ruleset does not compile: " + errors);
        }
        return ks.newKieContainer(releaseId).getKieBase();
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    /** Package and name: unique within a KieBase. */
    public static String key(Rule rule) {
        return rule.getPackageName() + "/" + rule.getName();
    }

    public static String stage(Rule rule) {
        return ((RuleImpl) rule).getAgendaGroup();
    }

    public static String file(Rule rule) {
        return rule instanceof RuleImpl impl && impl.getResource() != null
                ? impl.getResource().getSourcePath().replaceFirst("^" + SOURCE_ROOT, "") : null;
    }

    /** @throws IllegalArgumentException naming the missing metadata */
    public static String required(Map<String, Object> meta, String key) {
        Object value = meta.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("missing @" + key);
        }
        return unquote(value.toString());
    }

    public static String tag(Map<String, Object> meta) {
        String tag = required(meta, "tag");
        if (!tag.matches("[VSU]")) {
            throw new IllegalArgumentException("@tag must be V, S or U");
        }
        return tag;
    }

    public static String text(Map<String, Object> meta, String key, String otherwise) {
        Object value = meta.get(key);
        return value == null ? otherwise : unquote(value.toString());
    }

    /** {@code @amends("K-01, K-02")}: the amendment items a rule implements, checked for their form. */
    public static java.util.List<String> amendments(Map<String, Object> meta) {
        Object value = meta.get("amends");
        if (value == null) {
            return java.util.List.of();
        }
        java.util.List<String> items = java.util.Arrays.stream(unquote(value.toString()).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String item : items) {
            if (!item.matches("K-\\d{2}")) {
                throw new IllegalArgumentException("@amends names items as K-NN, not \"" + item + "\"");
            }
        }
        return items;
    }

    public static LocalDate date(Map<String, Object> meta, String key) {
        Object value = meta.get(key);
        return value == null ? null : LocalDate.parse(unquote(value.toString()));
    }

    private static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
