package org.refugio.screening.web;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.refugio.api.model.ScreeningFacts;

/**
 * One fact the interview can record, its input kind read from the generated fact model (so an enum's options are
 * always the schema's). {@code path} is the catalog path (message key {@code field.<path>}); {@code name} the
 * concrete JSON path it writes (victimizations[0].kind, family[2].married).
 */
public record FactField(String path, String name, Kind kind, List<String> options) {

    public enum Kind { BOOLEAN, ENUM, ENUM_LIST, DATE, INTEGER, NUMBER, TEXT, NONE_OF_LIST }

    /** Radios for a short list of options, a select for a long one. */
    public boolean radios() {
        return options.size() <= 7;
    }

    /** Options whose labels are codes (U.S. states), not words to translate. */
    public boolean codes() {
        return path.endsWith(".usState");
    }

    /** An id for the input: letters, digits and dashes only. */
    public String id() {
        return "f-" + name.replaceAll("[^A-Za-z0-9]+", "-");
    }

    public String messageKey() {
        return "field." + path;
    }

    static FactField of(String path, String name) {
        if (path.endsWith("[]")) {
            return new FactField(path, name, Kind.NONE_OF_LIST, List.of());
        }
        String modelPath = path.replaceFirst("^victimization\\.", "victimizations[0].")
                .replaceFirst("^departure\\.", "departures[0].").replaceFirst("^member\\.", "family[0].");
        Type type = ScreeningFacts.class;
        for (String step : modelPath.split("\\.")) {
            boolean element = step.matches(".*\\[\\d+]");
            String property = element ? step.substring(0, step.indexOf('[')) : step;
            type = property(raw(type), property);
            if (element) {
                type = ((ParameterizedType) type).getActualTypeArguments()[0];
            }
        }
        Class<?> raw = raw(type);
        if (raw == Boolean.class) {
            return new FactField(path, name, Kind.BOOLEAN, List.of());
        }
        if (raw == LocalDate.class) {
            return new FactField(path, name, Kind.DATE, List.of());
        }
        if (raw == Integer.class || raw == Long.class) {
            return new FactField(path, name, Kind.INTEGER, List.of());
        }
        if (raw == BigDecimal.class || raw == Double.class) {
            return new FactField(path, name, Kind.NUMBER, List.of());
        }
        if (raw.isEnum()) {
            return new FactField(path, name, Kind.ENUM, values(raw));
        }
        if (List.class.isAssignableFrom(raw)) {
            Class<?> item = raw(((ParameterizedType) type).getActualTypeArguments()[0]);
            if (item.isEnum()) {
                return new FactField(path, name, Kind.ENUM_LIST, values(item));
            }
        }
        if (raw == String.class) {
            return new FactField(path, name, Kind.TEXT, List.of());
        }
        throw new IllegalArgumentException("the interview cannot ask " + path + " (" + type + ")");
    }

    private static Type property(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            return field.getGenericType();
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException("no fact " + name + " in " + owner.getSimpleName(), e);
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof java.lang.reflect.AnnotatedType a) {
            return raw(a.getType());
        }
        return (Class<?>) type;
    }

    /** The JSON values of a generated enum (its toString is its value). */
    private static List<String> values(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(String::valueOf).toList();
    }

    /** The message key of one of this field's options. */
    public String label(String option) {
        return optionKey(option);
    }

    /** The message key of an option's label. */
    public static String optionKey(String value) {
        return "value." + value.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
