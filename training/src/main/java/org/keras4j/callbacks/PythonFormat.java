package org.keras4j.callbacks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's number formatting, for the files Keras users know: {@code repr(float)} (CSVLogger
 * cells) and {@code str.format} templates such as {@code "{epoch:02d}-{val_loss:.2f}.keras4j"}
 * (ModelCheckpoint file names). Supports the format-spec subset those use:
 * {@code [0][width][.precision][d|f|e|g|%]}.
 */
final class PythonFormat {
    private static final Pattern FIELD = Pattern.compile("\\{([^{}:]+)(?::([^{}]*))?}");
    private static final Pattern SPEC = Pattern.compile("(0)?(\\d+)?(?:\\.(\\d+))?([dfeEgG%s])?");

    private PythonFormat() {
    }

    /** Python's {@code repr(float)}: shortest digits, exponent form below 1e-4 and from 1e16. */
    static String repr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = d.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = d.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    /** Checks a template's braces and specs now, so a bad ModelCheckpoint path fails at construction. */
    static List<String> fields(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = FIELD.matcher(template);
        int last = 0;
        while (m.find()) {
            checkLiteral(template, template.substring(last, m.start()));
            if (m.group(2) != null && !SPEC.matcher(m.group(2)).matches()) {
                throw new IllegalArgumentException("unsupported format spec '" + m.group(2) + "' in filepath '" + template
                        + "': use [0][width][.precision][d|f|e|g|%], e.g. {epoch:02d} or {val_loss:.2f}");
            }
            names.add(m.group(1));
            last = m.end();
        }
        checkLiteral(template, template.substring(last));
        return names;
    }

    private static void checkLiteral(String template, String literal) {
        if (literal.indexOf('{') >= 0 || literal.indexOf('}') >= 0) {
            throw new IllegalArgumentException("filepath '" + template + "' has an unbalanced or empty '{' '}' field");
        }
    }

    /**
     * Fills {@code template}'s fields from {@code values} (Integer, Long or Double), as Python's
     * {@code str.format(**values)}.
     *
     * @throws IllegalArgumentException if a field names a key {@code values} does not have
     */
    static String format(String template, Map<String, ? extends Number> values) {
        fields(template);
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            Number value = values.get(key);
            if (value == null) {
                throw new IllegalArgumentException("Failed to format this callback filepath: \"" + template
                        + "\". Reason: no value for '" + key + "'; available: " + values.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(formatValue(value, m.group(2) == null ? "" : m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String formatValue(Number value, String spec) {
        Matcher s = SPEC.matcher(spec);
        if (!s.matches()) {
            throw new IllegalArgumentException("unsupported format spec '" + spec + "'");
        }
        boolean zero = s.group(1) != null;
        int width = s.group(2) == null ? 0 : Integer.parseInt(s.group(2));
        Integer precision = s.group(3) == null ? null : Integer.parseInt(s.group(3));
        String type = s.group(4) == null ? "" : s.group(4);
        boolean integral = value instanceof Integer || value instanceof Long;
        String body;
        switch (type) {
            case "d" -> {
                if (!integral) {
                    throw new IllegalArgumentException("Unknown format code 'd' for a float value " + value);
                }
                body = Long.toString(value.longValue());
            }
            case "f" -> body = String.format(Locale.ROOT, "%." + (precision == null ? 6 : precision) + "f", value.doubleValue());
            case "e", "E" -> {
                body = String.format(Locale.ROOT, "%." + (precision == null ? 6 : precision) + "e", value.doubleValue());
                body = type.equals("E") ? body.toUpperCase(Locale.ROOT) : body;
            }
            case "%" -> body = String.format(Locale.ROOT, "%." + (precision == null ? 6 : precision) + "f",
                    value.doubleValue() * 100) + "%";
            case "g", "G" -> body = general(value.doubleValue(), precision == null ? 6 : precision);
            default -> body = integral ? Long.toString(value.longValue())
                    : precision == null ? repr(value.doubleValue()) : general(value.doubleValue(), precision);
        }
        if (body.length() >= width) {
            return body;
        }
        if (zero) {
            boolean negative = body.startsWith("-");
            String digits = negative ? body.substring(1) : body;
            return (negative ? "-" : "") + "0".repeat(width - body.length()) + digits;
        }
        // Python right-aligns numbers
        return " ".repeat(width - body.length()) + body;
    }

    /** Python's {@code 'g'}: {@code precision} significant digits, trailing zeros removed. */
    private static String general(double v, int precision) {
        if (!Double.isFinite(v)) {
            return repr(v);
        }
        int p = Math.max(precision, 1);
        if (v == 0) {
            return "0";
        }
        String sci = String.format(Locale.ROOT, "%." + (p - 1) + "e", v);
        int exponent = Integer.parseInt(sci.substring(sci.indexOf('e') + 1));
        String body;
        if (exponent >= -4 && exponent < p) {
            body = stripZeros(String.format(Locale.ROOT, "%." + (p - 1 - exponent) + "f", v));
        } else {
            String mantissa = stripZeros(sci.substring(0, sci.indexOf('e')));
            body = mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return body;
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
