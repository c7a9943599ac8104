package org.refugio.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The firewall's header rule, checked by hand, accepts exactly what Spring Security's own patterns accept. */
class HeaderCharactersTest {

    private static final Pattern SPRING_HEADER_NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern SPRING_HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void namesAndValuesAreAllowedExactlyAsSpringSecurityAllowsThem() {
        List<String> samples = new ArrayList<>(List.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig", "es-MX,es;q=0.9",
                "a\tb", "a\nb", "a\rb", "a\u0000b", "\u007f", "\u0085", "\u00a0", "Atención", "\u0378", "\ud83d\ude00",
                "\ud83d", "\ude00x", "\ufeff", "\u200b", "\uffff", "\udb40\udc01", "\ud800\udc00"));
        Random random = new Random(14);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(8);
            for (int j = 0; j < length; j++) {
                int pick = random.nextInt(4);
                int codePoint = switch (pick) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> random.nextInt(0x800);
                    case 2 -> random.nextInt(0x10000);
                    default -> random.nextInt(Character.MAX_CODE_POINT + 1);
                };
                s.appendCodePoint(codePoint);
            }
            samples.add(s.toString());
        }
        for (String sample : samples) {
            assertThat(HeaderCharacters.allowedName(sample)).as("name %s", escaped(sample))
                    .isEqualTo(SPRING_HEADER_NAME.matcher(sample).matches());
            assertThat(HeaderCharacters.allowedValue(sample)).as("value %s", escaped(sample))
                    .isEqualTo(SPRING_HEADER_VALUE.matcher(sample).matches());
        }
    }

    private static String escaped(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> out.append(String.format("U+%04X ", cp)));
        return out.toString();
    }
}
