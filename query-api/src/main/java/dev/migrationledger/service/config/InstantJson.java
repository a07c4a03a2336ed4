package dev.migrationledger.service.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes an {@link Instant} as {@link Instant#toString()} does (ISO-8601 in UTC, the fraction in groups of three
 * digits as needed), without the formatter: in a compliance report of 10,000 executions, {@code Instant.toString}
 * was 43 % of the time spent writing the answer (JFR, 311 requests). Years outside 0000–9999 take the JDK's path.
 */
final class InstantJson extends StdScalarSerializer<Instant> {

    static final InstantJson INSTANCE = new InstantJson();

    private static final long YEAR_0000 = -62_167_219_200L;
    private static final long END_OF_YEAR_9999 = 253_402_300_799L;

    private InstantJson() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        char[] text = new char[30];
        int length = format(value, text);
        if (length < 0) {
            gen.writeString(value.toString());
        } else {
            gen.writeString(text, 0, length);
        }
    }

    /** The characters of {@code value.toString()} into {@code out} (30 long), or -1 where the year has not 4 digits. */
    static int format(Instant value, char[] out) {
        long seconds = value.getEpochSecond();
        if (seconds < YEAR_0000 || seconds > END_OF_YEAR_9999) {
            return -1;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), value.getNano(), ZoneOffset.UTC);
        digits(out, 0, t.getYear(), 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, t.getHour(), 2);
        out[13] = ':';
        digits(out, 14, t.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, t.getSecond(), 2);
        int at = 19;
        int nano = value.getNano();
        if (nano != 0) {
            out[at++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(out, at, nano / 1_000_000, 3);
                at += 3;
            } else if (nano % 1_000 == 0) {
                digits(out, at, nano / 1_000, 6);
                at += 6;
            } else {
                digits(out, at, nano, 9);
                at += 9;
            }
        }
        out[at++] = 'Z';
        return at;
    }

    private static void digits(char[] out, int from, int value, int width) {
        for (int i = from + width - 1; i >= from; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
