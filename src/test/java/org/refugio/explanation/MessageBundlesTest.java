package org.refugio.explanation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The English and Spanish bundles say the same things: same keys, same arguments, and every explanation or
 * question a rule gives is a key of both (never free text).
 */
class MessageBundlesTest {

    private static final Path RULES = Path.of("rules");
    private static final Pattern KEY_IN_DRL = Pattern.compile(
            "(?:eligible|likely|needsInfo|notEligible|decide|ask|askAboutMember|deadline|memberDeadline|attorneyReview"
                    + "|memberAttorneyReview|info|task|refer|alsoRefer|exclude|prefer|fundedFor)\\(kcontext,[^\"]*?\"([^\"]+)\"|\\.ask\\(\"([^\"]+)\"");
    private static final Pattern ANY_KEY_LITERAL = Pattern.compile("\"([a-z0-9]+(?:-[a-z0-9]+)*\\.[a-z0-9.-]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    static Properties bundle(String language) throws IOException {
        Properties p = new Properties();
        p.load(Files.newBufferedReader(RULES.resolve("messages/messages_" + language + ".properties"), StandardCharsets.UTF_8));
        return p;
    }

    @Test
    void bothBundlesHaveExactlyTheSameKeys() throws IOException {
        assertThat(bundle("es").stringPropertyNames()).isEqualTo(bundle("en").stringPropertyNames());
    }

    @Test
    void everyTranslationTakesTheSameArguments() throws IOException {
        Properties en = bundle("en");
        Properties es = bundle("es");
        List<String> mismatches = new ArrayList<>();
        for (String key : en.stringPropertyNames()) {
            if (!placeholders(en.getProperty(key)).equals(placeholders(es.getProperty(key, "")))) {
                mismatches.add(key);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void noTextLosesWordsToAnUnescapedApostrophe() throws IOException {
        Pattern single = Pattern.compile("(?<!')'(?!')");
        for (String language : List.of("en", "es")) {
            Properties bundle = bundle(language);
            assertThat(bundle.stringPropertyNames().stream().filter(k -> single.matcher(bundle.getProperty(k)).find()))
                    .as(language).isEmpty();
        }
    }

    @Test
    void everyMessageKeyARuleUsesIsInTheBundles() throws IOException {
        Set<String> used = keysUsedByRules();
        assertThat(used).hasSizeGreaterThan(100);
        assertThat(used).allSatisfy(key -> assertThat(bundle("en").stringPropertyNames()).contains(key));
    }

    @Test
    void everyQuotedKeyLikeLiteralInTheRulesIsAKey() throws IOException {
        Set<String> keys = bundle("en").stringPropertyNames();
        List<String> strays = new ArrayList<>();
        try (Stream<Path> files = Files.walk(RULES)) {
            for (Path drl : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                for (String line : Files.readAllLines(drl)) {
                    if (line.contains("@") || line.trim().startsWith("//") || line.contains("subject ==")) {
                        continue;
                    }
                    Matcher m = ANY_KEY_LITERAL.matcher(line);
                    while (m.find()) {
                        if (!keys.contains(m.group(1)) && !m.group(1).startsWith("lsc-category/")) {
                            strays.add(drl.getFileName() + ": " + m.group(1));
                        }
                    }
                }
            }
        }
        assertThat(strays).as("explanation text that is not a message key").isEmpty();
    }

    private static Set<String> keysUsedByRules() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(RULES)) {
            for (Path drl : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                Matcher m = KEY_IN_DRL.matcher(Files.readString(drl));
                while (m.find()) {
                    keys.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        }
        return keys;
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
