package org.refugio.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.refugio.providers.Provider;
import org.refugio.support.CaseTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * "Change provider" on the case page offers {@link CaseService#lawfulProviders}: exactly the providers the law lets
 * serve the case (LA-02, LSC-A-09), i.e. those a CHANGE_PROVIDER decision accepts; every other one is refused.
 */
class LawfulProvidersTest extends CaseTest {

    @Autowired
    CaseService cases;

    @Test
    void theProvidersOfferedAreExactlyTheOnesAChangeOfProviderAccepts() {
        String nonLsc = provider("Border Rights Project", "NON_LSC", false, List.of("US-TX"), List.of("es", "en"), false, false, 50);
        String otherNonLsc = provider("Valley Immigrant Law", "NON_LSC", false, List.of("US-TX"), List.of("es"), false, false, 50);
        String lsc = provider("Frontera Legal Aid", "LSC", false, List.of("US-TX"), List.of("es", "en"), false, false, 50);
        String mexican = provider("Defensoría Norte", "MEXICAN", false, List.of("MX"), List.of("es"), false, false, 50);
        String caseId = openedCase(scenarioFacts("public/12-jorge-eviction-no-victimization.json"), "es")
                .path("id").asText();

        Set<String> offered = cases.lawfulProviders(UUID.fromString(caseId)).stream().map(Provider::id)
                .map(UUID::toString).collect(Collectors.toSet());
        assertThat(offered).isNotEmpty();
        String taskId = task(caseId, "REVIEW_REFERRAL").path("id").asText();
        for (String provider : List.of(nonLsc, otherNonLsc, lsc, mexican)) {
            if (!offered.contains(provider)) {
                Response refused = complete(taskId, decision("CHANGE_PROVIDER").put("providerId", provider)
                        .put("reasonCode", "CLIENT_PREFERENCE").put("reason", "The client asked for it"));
                assertThat(refused.status()).as("not offered, so refused: " + refused.body()).isEqualTo(422);
            }
        }
        String current = readCase(caseId).path("referrals").get(0).path("providerId").asText();
        String chosen = offered.stream().filter(p -> !p.equals(current)).findFirst().orElseThrow();
        Response accepted = complete(taskId, decision("CHANGE_PROVIDER").put("providerId", chosen)
                .put("reasonCode", "CLIENT_PREFERENCE").put("reason", "The client asked for it"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(offered).as("a Mexican provider may not take a U.S. eviction").doesNotContain(mexican);
    }
}
