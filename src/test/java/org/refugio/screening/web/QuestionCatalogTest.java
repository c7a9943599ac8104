package org.refugio.screening.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * Every fact the interview can ask is a fact of the model (so the field kind and an enum's options come from the
 * schema), and has a label, and each of its options a label, in English and in Spanish.
 */
class QuestionCatalogTest {

    @Test
    void everyAskedFactHasALabelAndLabelledOptionsInBothLanguages() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String file : List.of("web.properties", "web_es.properties")) {
            Properties bundle = new Properties();
            bundle.load(Files.newBufferedReader(Path.of("src/main/resources/messages", file), StandardCharsets.UTF_8));
            for (String path : QuestionCatalog.allPaths()) {
                FactField field = FactField.of(path, path);
                if (!bundle.containsKey(field.messageKey())) {
                    missing.add(file + ": " + field.messageKey());
                }
                if (!field.codes()) {
                    for (String option : field.options()) {
                        if (!bundle.containsKey(field.label(option))) {
                            missing.add(file + ": " + field.label(option) + " (" + path + ")");
                        }
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theTraffickingElementsAreAskedTogetherOnceAFirstPageIsAnswered() {
        var acts = new NextQuestions.Question("ask.trafficking-acts|victimizations/0", "ask.trafficking-acts",
                "victimizations/0", null, "TIP-04(a)", "acts?", new java.util.LinkedHashSet<>(List.of("T1_PRINCIPAL")),
                false, 0);
        var kinds = java.util.Map.of("victimizations/0", "LABOR");
        assertThat(NextQuestions.elementsPage(List.of(acts), 0, kinds, java.util.Set.of()))
                .as("never the very first questions").isEmpty();
        assertThat(NextQuestions.elementsPage(List.of(acts), 4, kinds, java.util.Set.of()))
                .extracting(NextQuestions.Question::code)
                .containsExactly("ask.trafficking-acts", "ask.means", "ask.labor-purpose");
        assertThat(NextQuestions.elementsPage(List.of(acts), 4, kinds,
                java.util.Set.of("ask.means|victimizations/0")))
                .extracting(NextQuestions.Question::code)
                .as("an element answered or left unknown is not asked again")
                .containsExactly("ask.trafficking-acts", "ask.labor-purpose");
        assertThat(NextQuestions.elementsPage(List.of(acts), 4, java.util.Map.of(), java.util.Set.of()))
                .as("no elements page before the kind of victimization is known").isEmpty();
    }
}
