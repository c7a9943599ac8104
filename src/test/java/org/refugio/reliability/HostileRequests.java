package org.refugio.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.refugio.scenarios.Scenario;

/**
 * Generates malformed and hostile request bodies from the valid scenario facts: wrong types, unknown fields,
 * huge strings and arrays, deep nesting, invalid UTF-8, boundary numbers, injection strings, broken JSON.
 * Seeded, so a failure can be replayed.
 */
final class HostileRequests {

    record Hostile(String kind, byte[] body) { }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] INJECTIONS = {
        "'; drop table screening_decision; --", "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
        "../../../../etc/passwd", "%00", "\u0000", "{{7*7}}", "#{7*7}", "\\u0000", "𝕏𝕐😀", "\uFEFF", "\u202E",
        "a".repeat(10_000), "Robert'); DROP TABLE students;--", "$(rm -rf /)", "`id`", "\r\nX-Injected: 1"
    };
    private static final Object[] BOUNDARY_NUMBERS = {
        -1, 0, 121, 1000, Integer.MAX_VALUE, Long.MAX_VALUE, -2147483649L, 1e308, -1e308, 0.5, -0.0, 1e-320,
        new java.math.BigInteger("123456789012345678901234567890")
    };

    private final Random random;
    private final List<JsonNode> seeds = new ArrayList<>();

    HostileRequests(long seed) {
        this.random = new Random(seed);
        for (Scenario s : Scenario.all()) {
            seeds.add(s.facts());
        }
    }

    Hostile next() {
        JsonNode base = seeds.get(random.nextInt(seeds.size())).deepCopy();
        return switch (random.nextInt(12)) {
            case 0 -> new Hostile("wrong type", bytes(replaceRandomValue(base, wrongValue())));
            case 1 -> new Hostile("unknown field", bytes(addUnknownField(base)));
            case 2 -> new Hostile("huge string", bytes(replaceRandomString(base, "x".repeat(1 + random.nextInt(200_000)))));
            case 3 -> new Hostile("huge array", bytes(hugeArray(base)));
            case 4 -> new Hostile("deep nesting", deepNesting());
            case 5 -> new Hostile("invalid UTF-8", invalidUtf8(base));
            case 6 -> new Hostile("boundary number", bytes(replaceRandomNumber(base)));
            case 7 -> new Hostile("injection string", bytes(replaceRandomString(base, INJECTIONS[random.nextInt(INJECTIONS.length)])));
            case 8 -> new Hostile("broken JSON", brokenJson(base));
            case 9 -> new Hostile("null where an object or list is expected", bytes(replaceRandomValue(base, NODES.nullNode())));
            case 10 -> new Hostile("unknown enum value", bytes(replaceRandomEnum(base)));
            default -> new Hostile("bad date", bytes(replaceRandomDate(base)));
        };
    }

    private JsonNode wrongValue() {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.textNode("not the right type");
            case 1 -> NODES.numberNode(random.nextInt(1000) - 500);
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.arrayNode().add(1).add("two");
            case 4 -> NODES.objectNode().put("unexpected", true);
            default -> NODES.numberNode(3.14);
        };
    }

    private JsonNode replaceRandomValue(JsonNode root, JsonNode value) {
        List<Slot> slots = slots(root);
        if (!slots.isEmpty()) {
            slots.get(random.nextInt(slots.size())).set(value);
        }
        return root;
    }

    private JsonNode replaceRandomString(JsonNode root, String text) {
        List<Slot> slots = slots(root).stream().filter(s -> s.value().isTextual()).toList();
        if (slots.isEmpty()) {
            return addUnknownField(root);
        }
        slots.get(random.nextInt(slots.size())).set(NODES.textNode(text));
        return root;
    }

    private JsonNode replaceRandomEnum(JsonNode root) {
        return replaceRandomString(root, "NOT_A_VALUE_" + random.nextInt(100));
    }

    private JsonNode replaceRandomDate(JsonNode root) {
        String[] dates = {"2026-02-30", "26-11-2026", "2026-11-26T10:00:00Z", "", "0000-00-00", "9999-12-31", "-2026-01-01"};
        List<Slot> slots = slots(root).stream().filter(s -> s.value().isTextual() && s.value().asText().matches("\\d{4}-\\d{2}-\\d{2}")).toList();
        if (slots.isEmpty()) {
            ((ObjectNode) root).put("asOfDate", dates[random.nextInt(dates.length)]);
            return root;
        }
        slots.get(random.nextInt(slots.size())).set(NODES.textNode(dates[random.nextInt(dates.length)]));
        return root;
    }

    private JsonNode replaceRandomNumber(JsonNode root) {
        Object n = BOUNDARY_NUMBERS[random.nextInt(BOUNDARY_NUMBERS.length)];
        JsonNode value = n instanceof Integer i ? NODES.numberNode(i) : n instanceof Long l ? NODES.numberNode(l)
                : n instanceof Double d ? NODES.numberNode(d) : NODES.numberNode((java.math.BigInteger) n);
        List<Slot> slots = slots(root).stream().filter(s -> s.value().isNumber()).toList();
        if (slots.isEmpty()) {
            ((ObjectNode) root).with("person").set("ageEstimate", value);
            return root;
        }
        slots.get(random.nextInt(slots.size())).set(value);
        return root;
    }

    private JsonNode addUnknownField(JsonNode root) {
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(root, objects);
        String[] names = {"name", "fullName", "narrative", "ssn", "__proto__", "constructor", "$where", "class", "a".repeat(500)};
        objects.get(random.nextInt(objects.size())).put(names[random.nextInt(names.length)], "Maria Lopez");
        return root;
    }

    private JsonNode hugeArray(JsonNode root) {
        ArrayNode array = NODES.arrayNode();
        int n = 101 + random.nextInt(random.nextBoolean() ? 200 : 20_000);
        for (int i = 0; i < n; i++) {
            array.add(NODES.objectNode().put("type", "OTHER"));
        }
        ((ObjectNode) root).set("legalMatters", array);
        return root;
    }

    private byte[] deepNesting() {
        int depth = 500 + random.nextInt(5_000);
        return ("{\"person\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] invalidUtf8(JsonNode root) {
        byte[] valid = bytes(replaceRandomString(root, "MARKER"));
        String text = new String(valid, StandardCharsets.UTF_8);
        int at = Math.max(0, text.indexOf("MARKER"));
        byte[] out = new byte[valid.length + 2];
        System.arraycopy(valid, 0, out, 0, at);
        out[at] = (byte) 0xC3;
        out[at + 1] = (byte) 0x28;
        System.arraycopy(valid, at, out, at + 2, valid.length - at);
        return out;
    }

    private byte[] brokenJson(JsonNode root) {
        byte[] valid = bytes(root);
        return switch (random.nextInt(4)) {
            case 0 -> java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            case 1 -> (new String(valid, StandardCharsets.UTF_8) + "}").getBytes(StandardCharsets.UTF_8);
            case 2 -> new String(valid, StandardCharsets.UTF_8).replace(":", "=").getBytes(StandardCharsets.UTF_8);
            default -> "[1,2,3]".getBytes(StandardCharsets.UTF_8);
        };
    }

    private record Slot(JsonNode container, String field, int index, JsonNode value) {
        void set(JsonNode v) {
            if (container instanceof ObjectNode o) {
                o.set(field, v);
            } else {
                ((ArrayNode) container).set(index, v);
            }
        }
    }

    private static List<Slot> slots(JsonNode node) {
        List<Slot> slots = new ArrayList<>();
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                slots.add(new Slot(o, e.getKey(), -1, e.getValue()));
                slots.addAll(slots(e.getValue()));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Slot(a, null, i, a.get(i)));
                slots.addAll(slots(a.get(i)));
            }
        }
        return slots;
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode o) {
            into.add(o);
            o.forEach(child -> collectObjects(child, into));
        } else if (node instanceof ArrayNode a) {
            a.forEach(child -> collectObjects(child, into));
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
