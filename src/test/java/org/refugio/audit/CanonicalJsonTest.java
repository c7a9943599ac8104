package org.refugio.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The canonical form an auditor recomputes digests over (see the class comment of {@link CanonicalJson}). */
class CanonicalJsonTest {

    /** The documented rule for keys, as the regular expression it was first written as. */
    private static final Pattern DOCUMENTED_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    @Test
    void keysAreAcceptedExactlyWhenTheyAreShortIdentifiers() {
        List<String> keys = new ArrayList<>(List.of("", "a", "Z", "0a", "_a", ".a", "-a", "a-b.c_d9", "a b", "a(b)",
                "ruleId", "programs", "ñ", "aé", "a\u0000", "a".repeat(64), "a".repeat(65), "a/b", "a:b", "A1-02"));
        Random random = new Random(14);
        String alphabet = "aZ09_.-( é\u00e9/:\"";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder key = new StringBuilder();
            int length = random.nextInt(70);
            for (int j = 0; j < length; j++) {
                key.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            keys.add(key.toString());
        }
        for (String key : keys) {
            assertThat(CanonicalJson.isKey(key)).as(key).isEqualTo(DOCUMENTED_KEY.matcher(key).matches());
        }
    }

    @Test
    void membersAreSortedNullsLeftOutAndStringsEscaped() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("zeta", List.of(1, true, "x"));
        detail.put("alpha", "quote \" back \\ tab \t nul \u0001");
        detail.put("gone", null);
        detail.put("Beta", Map.of("b", 2L, "a", "é"));

        assertThat(CanonicalJson.write(detail)).isEqualTo(
                "{\"Beta\":{\"a\":\"é\",\"b\":2},\"alpha\":\"quote \\\" back \\\\ tab \\t nul \\u0001\","
                        + "\"zeta\":[1,true,\"x\"]}");
    }

    @Test
    void aKeyThatIsNotAnIdentifierIsRefused() {
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("name of person", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identifiers");
    }
}
