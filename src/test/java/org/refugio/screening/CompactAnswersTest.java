package org.refugio.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.refugio.support.ApiTest;
import org.refugio.support.TestTokens;

/**
 * Issue 14, item 2 (part): the caller may ask for one language's texts only (lang=), the stored decision keeps
 * both, and the default answer is unchanged; JSON answers are gzip-compressed for clients that ask.
 */
class CompactAnswersTest extends ApiTest {

    /** Juan (public scenario 01), the facts bench/load.sh sends. */
    private static final String FACTS = facts("/scenarios/public/01-juan-debt-bondage-farm-labor.json");

    private static String facts(String resource) {
        try (var in = CompactAnswersTest.class.getResourceAsStream(resource)) {
            return JSON.readTree(in).path("facts").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void langAnswersWithOneLanguagesTextsOnlyAndTheStoredDecisionKeepsBoth() {
        Response spanish = post("/api/v1/screenings?lang=es", FACTS);
        assertThat(spanish.status()).as(spanish.body()).isEqualTo(201);
        assertThat(spanish.header("Content-Language")).isEqualTo("es");
        List<JsonNode> texts = texts(spanish.json());
        assertThat(texts).isNotEmpty();
        assertThat(texts).allSatisfy(t -> {
            assertThat(t.path("text").asText()).isNotBlank();
            assertThat(t.has("en")).as(t.toString()).isFalse();
            assertThat(t.has("es")).as(t.toString()).isFalse();
        });

        JsonNode stored = get("/api/v1/screenings/" + spanish.json().path("id").asText()).json();
        List<JsonNode> storedTexts = texts(stored);
        assertThat(storedTexts).hasSameSizeAs(texts).allSatisfy(t -> {
            assertThat(t.path("en").asText()).isNotBlank();
            assertThat(t.path("es").asText()).isNotBlank();
        });
        for (int i = 0; i < texts.size(); i++) {
            assertThat(texts.get(i).path("text").asText()).isEqualTo(storedTexts.get(i).path("es").asText());
        }
        assertThat(spanish.body().length()).isLessThan(get("/api/v1/screenings/" + spanish.json().path("id").asText())
                .body().length());
    }

    @Test
    void withoutLangTheAnswerCarriesBothLanguagesAsBefore() {
        Response full = post("/api/v1/screenings", FACTS, "Accept-Language", "es");
        assertThat(full.status()).isEqualTo(201);
        assertThat(texts(full.json())).isNotEmpty().allSatisfy(t -> {
            assertThat(t.path("en").asText()).isNotBlank();
            assertThat(t.path("es").asText()).isNotBlank();
            assertThat(t.path("text").asText()).isEqualTo(t.path("es").asText());
        });
        assertThat(post("/api/v1/screenings?lang=fr", FACTS).status()).isEqualTo(400);
    }

    @Test
    void jsonAnswersAreCompressedForClientsThatAsk() throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/api/v1/screenings"))
                .POST(HttpRequest.BodyPublishers.ofString(FACTS)).header("Content-Type", "application/json")
                .header("Accept-Encoding", "gzip").header("Authorization", TestTokens.everyRole()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] plain;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            plain = in.readAllBytes();
        }
        JsonNode decision = JSON.readTree(plain);
        assertThat(decision.path("programs").size()).isPositive();
        assertThat(response.body().length).isLessThan(plain.length / 3);

        Response uncompressed = post("/api/v1/screenings", FACTS);
        assertThat(uncompressed.header("Content-Encoding")).isNull();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"01-juan-debt-bondage-farm-labor",
        "06-marta-unknown-facts", "14-kevin-unaccompanied-minor-labor", "16-ricardo-son-age-out-protection"})
    void theSummaryCarriesTheFullViewsStatusesRuleIdsCodesAndDeadlinesWithoutAnyText(String scenario) {
        Response created = post("/api/v1/screenings?view=summary", facts("/scenarios/public/" + scenario + ".json"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode summary = created.json();
        String id = summary.path("id").asText();
        assertThat(created.header("Location")).endsWith("/api/v1/screenings/" + id);
        assertThat(summary.path("view").asText()).isEqualTo("summary");
        JsonNode full = get("/api/v1/screenings/" + id).json();
        assertThat(summary.path("ruleset").asText()).isEqualTo(full.path("ruleset").path("version").asText());

        assertThat(texts(summary)).isEmpty();
        assertThat(created.body()).doesNotContain("\"explanation\"", "\"citation\"", "\"question\"",
                "\"description\"", "\"en\"", "\"es\"");
        assertThat(created.body().length()).isLessThan(get("/api/v1/screenings/" + id).body().length() / 5);

        assertThat(summary.path("programs").size()).isEqualTo(full.path("programs").size()).isPositive();
        for (int i = 0; i < full.path("programs").size(); i++) {
            JsonNode p = full.path("programs").get(i);
            JsonNode s = summary.path("programs").get(i);
            assertThat(s.path("program").asText()).isEqualTo(p.path("program").asText());
            assertThat(s.path("status").asText()).as(p.path("program").asText()).isEqualTo(p.path("status").asText());
            assertThat(s.path("reasonCode")).isEqualTo(p.path("reasonCode"));
            List<String> decisive = new ArrayList<>();
            p.path("criteria").forEach(c -> {
                if (c.path("decisive").asBoolean()) {
                    decisive.add(c.path("ruleId").asText());
                }
            });
            assertThat(strings(s.path("decisiveRuleIds"))).as(p.path("program").asText()).isEqualTo(decisive);
            assertThat(s.path("followUpCodes").findValuesAsText("code"))
                    .isEqualTo(p.path("followUps").findValuesAsText("code"));
            assertThat(s.path("deadlines").findValuesAsText("date"))
                    .isEqualTo(p.path("deadlines").findValuesAsText("date"));
            assertThat(s.path("deadlines").findValuesAsText("code"))
                    .isEqualTo(p.path("deadlines").findValuesAsText("code"));
        }
        assertThat(summary.path("derivatives").findValuesAsText("status"))
                .isEqualTo(strings(full.path("derivatives"), "status"));
        assertThat(summary.path("legalAidReferral").path("target")).isEqualTo(full.path("legalAidReferral").path("target"));
        assertThat(summary.path("legalAidReferral").path("urgent")).isEqualTo(full.path("legalAidReferral").path("urgent"));
        assertThat(summary.path("legalAidReferral").path("ruleIds"))
                .isEqualTo(full.path("legalAidReferral").path("ruleIds"));

        Response read = get("/api/v1/screenings/" + id + "?view=summary");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(summary);
    }

    @Test
    void anUnknownViewIsAProblemNamingView() {
        for (Response r : List.of(post("/api/v1/screenings?view=compact", FACTS),
                get("/api/v1/screenings/00000000-0000-0000-0000-000000000001?view=SUMMARY"))) {
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().path("errors").findValuesAsText("pointer")).containsExactly("view");
            assertThat(r.json().path("detail").asText()).contains("view");
        }
        Response full = post("/api/v1/screenings?view=full", FACTS);
        assertThat(full.status()).isEqualTo(201);
        assertThat(full.json().has("view")).isFalse();
        assertThat(texts(full.json())).isNotEmpty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> strings(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.path(field).asText()));
        return values;
    }

    /** Every localized text of a decision, in document order. */
    private static List<JsonNode> texts(JsonNode node) {
        List<JsonNode> found = new ArrayList<>();
        collect(node, found);
        return found;
    }

    private static void collect(JsonNode node, List<JsonNode> found) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getValue().isObject() && List.of("explanation", "question", "description", "text")
                        .contains(e.getKey())) {
                    found.add(e.getValue());
                } else {
                    collect(e.getValue(), found);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, found));
        }
    }
}
