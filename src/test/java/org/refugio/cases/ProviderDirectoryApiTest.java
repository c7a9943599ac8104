package org.refugio.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.refugio.support.ApiTest;

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
