package org.refugio.web;

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
 * The web texts, like the rule explanations (MessageBundlesTest): English and Spanish have the same keys and the
 * same arguments, no apostrophe swallows words, and every key a template names literally exists.
 */
class WebMessagesTest {

    private static final Path MESSAGES = Path.of("src/main/resources/messages");
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([a-z][a-z0-9.-]+)(?:\\(|})");

    static Properties bundle(String file) throws IOException {
        Properties p = new Properties();
        p.load(Files.newBufferedReader(MESSAGES.resolve(file), StandardCharsets.UTF_8));
        return p;
    }

    @Test
    void englishAndSpanishHaveTheSameKeys() throws IOException {
        assertThat(bundle("web_es.properties").stringPropertyNames())
                .isEqualTo(bundle("web.properties").stringPropertyNames());
    }

    @Test
    void everyTranslationTakesTheSameArguments() throws IOException {
        Properties en = bundle("web.properties");
        Properties es = bundle("web_es.properties");
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
        for (String file : List.of("web.properties", "web_es.properties")) {
            Properties bundle = bundle(file);
            assertThat(bundle.stringPropertyNames().stream().filter(k -> single.matcher(bundle.getProperty(k)).find()))
                    .as(file).isEmpty();
        }
    }

    @Test
    void noTextIsLeftUntranslated() throws IOException {
        Properties en = bundle("web.properties");
        Properties es = bundle("web_es.properties");
        Set<String> same = new TreeSet<>();
        for (String key : en.stringPropertyNames()) {
            String text = en.getProperty(key);
            if (text.equals(es.getProperty(key)) && text.matches(".*[a-z]{4,}\\s+[a-z]{3,}.*")) {
                same.add(key);
            }
        }
        assertThat(same).as("English sentences copied into the Spanish bundle").isEmpty();
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Set<String> keys = bundle("web.properties").stringPropertyNames();
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path template : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = LITERAL_KEY.matcher(Files.readString(template));
                while (m.find()) {
                    if (!keys.contains(m.group(1))) {
                        missing.add(TEMPLATES.relativize(template) + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
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
