package org.refugio.explanation;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.HashMap;
import java.util.stream.Collectors;

import org.refugio.eligibility.Message;

/**
 * The English and Spanish explanation bundles of a ruleset (rules/messages/). A key missing from either
 * bundle is an error, never a fallback to raw text. Every text is a {@link MessageFormat} pattern, so an
 * apostrophe is written twice.
 */
public final class Messages {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale SPANISH = Locale.forLanguageTag("es");

    private final Properties en;
    private final Properties es;
    private final Map<String, Object> englishTexts;
    private final Map<String, Object> spanishTexts;

    public Messages(String englishBundle, String spanishBundle) {
        this.en = load(englishBundle);
        this.es = load(spanishBundle);
        this.englishTexts = compile(en, ENGLISH);
        this.spanishTexts = compile(es, SPANISH);
    }

    public String render(Message message, Locale locale) {
        boolean spanish = locale.getLanguage().equals("es");
        Object text = (spanish ? spanishTexts : englishTexts).get(message.key());
        if (text == null) {
            throw new IllegalStateException("explanation key '" + message.key() + "' is missing from the "
                    + locale.getLanguage() + " bundle");
        }
        if (text instanceof String constant) {
            return constant;
        }
        Properties bundle = spanish ? es : en;
        Object[] args = message.args().stream().map(a -> display(a, bundle)).toArray();
        // MessageFormat is not thread-safe; a clone of the parsed pattern is.
        return ((MessageFormat) ((MessageFormat) text).clone()).format(args);
    }

    /** A text without arguments is rendered once; one with arguments keeps its parsed pattern. */
    private static Map<String, Object> compile(Properties bundle, Locale locale) {
        Map<String, Object> texts = new HashMap<>();
        for (String key : bundle.stringPropertyNames()) {
            MessageFormat format = new MessageFormat(bundle.getProperty(key), locale);
            texts.put(key, format.getFormatsByArgumentIndex().length == 0 ? format.format(new Object[0]) : format);
        }
        return texts;
    }

    public boolean has(String key) {
        return en.containsKey(key) && es.containsKey(key);
    }

    public Set<String> keys(Locale locale) {
        Properties bundle = locale.getLanguage().equals("es") ? es : en;
        return new TreeSet<>(bundle.stringPropertyNames());
    }

    private Object display(Object arg, Properties bundle) {
        if (arg instanceof BigDecimal amount) {
            NumberFormat money = NumberFormat.getCurrencyInstance(Locale.US);
            money.setMinimumFractionDigits(amount.stripTrailingZeros().scale() > 0 ? 2 : 0);
            return money.format(amount);
        }
        if (arg instanceof LocalDate date) {
            return date.toString();
        }
        if (arg instanceof Enum<?> e) {
            return bundle.getProperty("enum." + e.getDeclaringClass().getSimpleName() + "." + e.name(), e.name());
        }
        if (arg instanceof Collection<?> items) {
            return items.stream().map(i -> String.valueOf(display(i, bundle))).collect(Collectors.joining(", "));
        }
        return arg == null ? "?" : arg.toString();
    }

    private static Properties load(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
