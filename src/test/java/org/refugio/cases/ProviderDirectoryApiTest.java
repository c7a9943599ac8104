package org.refugio.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.refugio.providers.ProviderDirectory;
import org.refugio.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The provider directory over HTTP: the rules choose from what is managed here. */
class ProviderDirectoryApiTest extends ApiTest {

    private static ObjectNode input(String name) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("fundingType", "LSC").put("nonLscFunds", true)
                .put("servesYouth", true).put("detentionCapable", false).put("capacity", 12)
                .put("intakeContact", "intake@example.invalid");
        body.putArray("languages").add("es").add("en");
        body.putArray("regions").add("US-TX").add("US-NM");
        return body;
    }

    @Autowired
    ProviderDirectory directory;

    @Test
    void aWebhookSecretIsNeverStoredInPlainTextAndOneFromAnEarlierVersionIsSealedAtStartUp() {
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(("secret-" + System.nanoTime())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ObjectNode body = input("Sealed Secrets Legal Aid").put("webhookUrl", "https://provider.example/hooks")
                .put("webhookSecret", secret);
        Response created = post("/api/v1/providers", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().path("id").asText());
        String stored = jdbc.queryForObject("select webhook_secret from legal_aid_provider where id = ?",
                String.class, id);
        assertThat(stored).startsWith("sealed:v1:").doesNotContain(secret);
        assertThat(directory.channels(id).webhookSecret()).isEqualTo(secret);

        String rotated = secret + "-rotated";
        assertThat(put("/api/v1/providers/" + id, body.put("webhookSecret", rotated)).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select webhook_previous_secret from legal_aid_provider where id = ?",
                String.class, id)).startsWith("sealed:v1:").doesNotContain(secret);
        assertThat(directory.channels(id).previousSecret()).isEqualTo(secret);
        assertThat(directory.channels(id).webhookSecret()).isEqualTo(rotated);

        // A row written by a version that stored secrets in plain text is sealed when the service starts.
        jdbc.update("update legal_aid_provider set webhook_secret = ? where id = ?", rotated, id);
        directory.sealPlainWebhookSecrets();
        assertThat(jdbc.queryForObject("select webhook_secret from legal_aid_provider where id = ?", String.class, id))
                .startsWith("sealed:v1:").doesNotContain(rotated);
        assertThat(directory.channels(id).webhookSecret()).isEqualTo(rotated);
    }

    @Test
    void aProviderIsAddedReadChangedAndTakenOutButKept() {
        Response created = post("/api/v1/providers", input("Río Grande Legal Aid"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode provider = created.json();
        String path = created.header("Location");
        assertThat(path).isEqualTo("/api/v1/providers/" + provider.path("id").asText());
        assertThat(provider.path("demoData").asBoolean()).isFalse();
        assertThat(provider.path("active").asBoolean()).isTrue();
        assertThat(provider.path("openReferrals").asInt()).isZero();
        assertThat(get(path).json().path("regions").toString()).isEqualTo("[\"US-NM\",\"US-TX\"]");

        ObjectNode changed = input("Río Grande Legal Aid").put("capacity", 0);
        changed.putArray("regions").add("US-TX");
        Response updated = put(path, changed);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(get(path).json().path("capacity").asInt()).isZero();
        assertThat(get(path).json().path("regions").toString()).isEqualTo("[\"US-TX\"]");

        assertThat(delete(path).status()).isEqualTo(204);
        assertThat(get(path).json().path("active").asBoolean()).isFalse();
        assertThat(get("/api/v1/providers?active=true").json().findValuesAsText("id"))
                .doesNotContain(provider.path("id").asText());
        assertThat(get("/api/v1/providers?active=false").json().findValuesAsText("id"))
                .contains(provider.path("id").asText());
    }

    @Test
    void aProviderThatBreaksTheContractIsRefusedNamingTheField() {
        long before = count("legal_aid_provider");

        ObjectNode badRegion = input("Somewhere");
        badRegion.putArray("regions").add("Texas");
        Response region = post("/api/v1/providers", badRegion);
        assertThat(region.status()).isEqualTo(422);
        assertThat(region.json().path("errors").get(0).path("pointer").asText()).isEqualTo("/regions/0");

        Response funds = post("/api/v1/providers", input("No LSC").put("fundingType", "NON_LSC"));
        assertThat(funds.status()).isEqualTo(422);
        assertThat(funds.json().path("errors").get(0).path("pointer").asText()).isEqualTo("/nonLscFunds");

        Response funding = post("/api/v1/providers", input("Odd").put("fundingType", "STATE_GRANT"));
        assertThat(funding.status()).isEqualTo(400);
        assertThat(funding.json().path("errors").get(0).path("pointer").asText()).isEqualTo("/fundingType");

        assertThat(count("legal_aid_provider")).isEqualTo(before);
        assertThat(get("/api/v1/providers/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
        assertThat(delete("/api/v1/providers/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    }
}
