package org.refugio.screening.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.refugio.api.model.ProgramResult;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.screening.ScreeningService;
import org.refugio.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Interview efficiency (issue 11 item 8): for each public scenario, runs the guided screening's own question
 * choice (the start page, then {@link NextQuestions} pages of {@link GuidedScreeningController#PAGE_SIZE} over the
 * engine's follow-ups, answered from the scenario's facts through {@link QuestionCatalog}, "I don't know" where the
 * scenario leaves a fact out) and counts the questions until every program has the status it has with all facts
 * known, and until the trafficking indication has. Writes target/interview-efficiency.md (copied to BENCHMARKS.md),
 * with the server time of one step (screen the facts so far, rank the next questions).
 */
class InterviewEfficiencyTest extends ApiTest {

    @Autowired
    ScreeningService screenings;

    @Autowired
    ObjectMapper json;

    record Count(String scenario, int questions, Integer traffickingAt, Integer allAt, List<String> neverReached,
                 boolean firstSensitive) { }

    @Test
    void countsTheQuestionsPerPublicScenario() throws IOException {
        List<Count> counts = new ArrayList<>();
        List<Long> stepNanos = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/scenarios/public"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                counts.add(run(file, stepNanos));
            }
        }
        assertThat(counts).hasSizeGreaterThanOrEqualTo(25);
        assertThat(counts).as("the first question asked is never a sensitive one")
                .noneMatch(Count::firstSensitive);
        write(counts, stepNanos);
        assertThat(counts).as("issue 11 item 8: the trafficking indication within 16 questions, per public scenario")
                .allMatch(c -> c.traffickingAt() != null && c.traffickingAt() <= 16);
        assertThat(counts.stream().filter(c -> c.allAt() != null && c.allAt() <= 30).count())
                .as("every program within 30 questions (21 of 25 on 2026-12-07; the rest in BENCHMARKS.md)")
                .isGreaterThanOrEqualTo(20);
    }

    private Count run(Path file, List<Long> stepNanos) throws IOException {
        JsonNode scenario = json.readTree(file.toFile());
        JsonNode facts = scenario.get("facts");
        Map<String, String> target = statuses(screenings.preview(json.treeToValue(facts, ScreeningFacts.class)));
        GuidedInterview interview = new GuidedInterview();
        copy(facts, interview, "asOfDate");
        copy(facts, interview, "userRole");
        for (String path : QuestionCatalog.START) {
            copy(facts, interview, concrete(path, null, interview));
        }
        int asked = 0;
        Integer traffickingAt = null;
        Integer allAt = null;
        boolean firstSensitive = false;
        for (int page = 0; page < 40; page++) {
            long start = System.nanoTime();
            ScreeningDecision decision = screenings.preview(json.treeToValue(interview.facts(), ScreeningFacts.class));
            List<NextQuestions.Question> ranked = NextQuestions.rank(decision, interview.settled());
            List<NextQuestions.Question> shown = GuidedScreeningController.page(ranked, interview);
            stepNanos.add(System.nanoTime() - start);
            Map<String, String> now = statuses(decision);
            if (traffickingAt == null && same(now, target, "TRAFFICKING_INDICATED")) {
                traffickingAt = asked;
            }
            if (allAt == null && now.equals(target)) {
                allAt = asked;
            }
            if (shown.isEmpty() || (allAt != null && traffickingAt != null)) {
                break;
            }
            if (page == 0 && shown.get(0).sensitive()) {
                firstSensitive = true;
            }
            for (NextQuestions.Question q : shown) {
                asked++;
                interview.asked().add(q.id());
                boolean any = false;
                for (String path : QuestionCatalog.entry(q.code()).map(QuestionCatalog.Entry::paths).orElse(List.of())) {
                    if (path.startsWith("member.") && memberIndex(q.subject(), interview) < 0) {
                        continue;
                    }
                    any |= copy(facts, interview, concrete(path, q.subject(), interview));
                }
                if (!any) {
                    interview.unknown().add(q.id());
                }
            }
        }
        List<String> never = new ArrayList<>();
        Map<String, String> last = statuses(screenings.preview(json.treeToValue(interview.facts(), ScreeningFacts.class)));
        target.forEach((program, status) -> {
            if (!status.equals(last.get(program))) {
                never.add(program + " " + last.get(program) + "→" + status);
            }
        });
        return new Count(file.getFileName().toString().replace(".json", ""), asked, traffickingAt, allAt, never,
                firstSensitive);
    }

    /** Copies the scenario's value at a concrete path (a path ending in [] copies the list); true if it had one. */
    private static boolean copy(JsonNode facts, GuidedInterview interview, String path) {
        String plain = path.replace("[]", "");
        JsonNode value = GuidedScreeningBrowserTest.at(facts, plain);
        if (value == null) {
            return false;
        }
        if (path.endsWith("[]")) {
            if (value.isArray() && value.isEmpty()) {
                interview.set(plain, value.deepCopy());
                return true;
            }
            return false;
        }
        interview.set(plain, value.deepCopy());
        return true;
    }

    private static String concrete(String path, String subject, GuidedInterview interview) {
        if (path.startsWith("victimization.")) {
            return "victimizations[0]." + path.substring("victimization.".length());
        }
        if (path.startsWith("departure.")) {
            return "departures[0]." + path.substring("departure.".length());
        }
        if (path.startsWith("member.")) {
            return "family[" + memberIndex(subject, interview) + "]." + path.substring("member.".length());
        }
        return path;
    }

    private static int memberIndex(String subject, GuidedInterview interview) {
        return subject == null || !subject.startsWith("family/") ? -1
                : interview.memberIndex(subject.substring("family/".length()));
    }

    private static boolean same(Map<String, String> a, Map<String, String> b, String program) {
        return a.get(program) != null && a.get(program).equals(b.get(program));
    }

    private static Map<String, String> statuses(ScreeningDecision decision) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (ProgramResult p : decision.getPrograms()) {
            statuses.put(p.getProgram().getValue(), p.getStatus().getValue());
        }
        return statuses;
    }

    private static void write(List<Count> counts, List<Long> stepNanos) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("| Scenario | Questions asked | Trafficking indication reached after | Every program reached after"
                + " | Not reached by the interview (now → with all facts) |\n|---|---|---|---|---|\n");
        for (Count c : counts) {
            md.append("| ").append(c.scenario()).append(" | ").append(c.questions()).append(" | ")
                    .append(c.traffickingAt() == null ? "not reached" : c.traffickingAt()).append(" | ")
                    .append(c.allAt() == null ? "not reached" : c.allAt()).append(" | ")
                    .append(String.join("; ", c.neverReached())).append(" |\n");
        }
        List<Long> sorted = stepNanos.stream().sorted().toList();
        md.append("\nOne guided-screening step in-process (screen the facts so far + rank the next questions), ")
                .append(sorted.size()).append(" steps: p50 ")
                .append(String.format("%.1f", sorted.get(sorted.size() / 2) / 1e6)).append(" ms, p99 ")
                .append(String.format("%.1f", sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1e6))
                .append(" ms.\n");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/interview-efficiency.md"), md.toString());
    }

}
