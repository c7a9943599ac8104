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
