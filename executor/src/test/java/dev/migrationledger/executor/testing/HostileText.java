package dev.migrationledger.executor.testing;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Seeded random inputs for the parsers' property tests: random bytes, a valid document mutated, random JSON.
 * {@code -Dhostile.seed=N} replays a failure; otherwise each run starts from a new seed, printed when it fails.
 */
public final class HostileText {

    private HostileText() {
    }

    public static long seed() {
        String fixed = System.getProperty("hostile.seed");
        return fixed != null ? Long.parseLong(fixed) : System.nanoTime();
    }

    /** Up to {@code max} random bytes decoded as UTF-8, malformed sequences included (they become U+FFFD). */
    public static String randomBytes(Random random, int max) {
        byte[] bytes = new byte[random.nextInt(max + 1)];
        random.nextBytes(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@code valid} with a few characters deleted, replaced, or fragments inserted. */
    public static String mutate(String valid, Random random, String[] fragments) {
        StringBuilder text = new StringBuilder(valid);
        int edits = 1 + random.nextInt(6);
        for (int i = 0; i < edits && !text.isEmpty(); i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.setCharAt(at, (char) random.nextInt(0x3000));
                case 2 -> text.insert(at, fragments[random.nextInt(fragments.length)]);
                default -> {
                    int end = Math.min(text.length(), at + random.nextInt(40));
                    text.insert(at, text.substring(at, end));
                }
            }
        }
        return text.toString();
    }

    /** A random JSON value of depth up to {@code depth}, with keys and strings drawn from {@code words}. */
    public static String randomJson(Random random, int depth, String[] words) {
        int kind = depth == 0 ? random.nextInt(5) : random.nextInt(7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> random.nextBoolean() ? Integer.toString(random.nextInt(5) - 1) : Double.toString(random.nextGaussian());
            case 3 -> "\"" + words[random.nextInt(words.length)] + "\"";
            case 4 -> "\"" + escape(randomBytes(random, 12)) + "\"";
            case 5 -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.append(randomJson(random, depth - 1, words)).append(i > 1 ? "," : "");
                }
                yield array.append(']').toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.append('"').append(words[random.nextInt(words.length)]).append("\":")
                            .append(randomJson(random, depth - 1, words)).append(i > 1 ? "," : "");
                }
                yield object.append('}').toString();
            }
        };
    }

    /** For a failure message: control characters visible, long inputs cut. */
    public static String shown(String text) {
        String cut = text.length() > 500 ? text.substring(0, 500) + "…(" + text.length() + " chars)" : text;
        StringBuilder shown = new StringBuilder();
        cut.codePoints().forEach(c -> shown.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return shown.toString();
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        text.codePoints().forEach(c -> escaped.append(c == '"' || c == '\\' || c < 0x20
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return escaped.toString();
    }
}
