package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.exit.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files in a migration directory that are not SQL scripts Flyway could run — binary, huge, unclosed
 * quotes — stop {@code ledger lint} with exit 2 and one message naming the file and what to do;
 * never a stack trace, never a silent pass.
 */
class LintBadFilesTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int lint(String... extra) {
        CommandLine commandLine = LedgerCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] args = new String[2 + extra.length + 1];
        args[0] = "lint";
        args[1] = "--dir";
        args[2] = dir.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return commandLine.execute(args);
    }

    @Test
    void aBinaryFileIsAUsageErrorNamingIt() throws IOException {
        Files.writeString(dir.resolve("V1__ok.sql"), "CREATE TABLE t (id int);");
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        binary[10] = 0;
        Files.write(dir.resolve("V2__dump.sql"), binary);

        assertThat(lint()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("V2__dump.sql").contains("binary").doesNotContain("Exception");
    }

    @Test
    void aFileOverTheDefaultLimitIsAUsageErrorNamingIt() throws IOException {
        byte[] line = "INSERT INTO t VALUES (1);\n".getBytes(StandardCharsets.UTF_8);
        try (var stream = Files.newOutputStream(dir.resolve("V1__huge.sql"))) {
            for (long written = 0; written <= 10L * 1024 * 1024; written += line.length) {
                stream.write(line);
            }
        }

        assertThat(lint()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("V1__huge.sql").contains("over the limit").doesNotContain("Exception");
    }

    @Test
    void theSizeLimitCanBeLowered() throws IOException {
        Files.writeString(dir.resolve("V1__big.sql"), "CREATE TABLE t (id int);\n".repeat(100));

        assertThat(lint("--max-file-size", "1000")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("V1__big.sql").contains("over the limit of 1000");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "INSERT INTO t VALUES ('it''s fine);\nCREATE TABLE u (id int);",
            "CREATE TABLE \"odd (id int);",
            "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $$ LANGUAGE sql;",
            "/* a comment that never ends\nDROP TABLE t;",
            "SELECT E'escaped \\' still open;"})
    void anUnclosedQuoteOrCommentIsAUsageErrorNamingTheFileAndLine(String script) throws IOException {
        Files.writeString(dir.resolve("V1__ok.sql"), "CREATE TABLE t (id int);");
        Files.writeString(dir.resolve("V2__unclosed.sql"), "-- header\n" + script);

        assertThat(lint()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("V2__unclosed.sql").contains("opened on line 2").contains("never closed")
                .doesNotContain("Exception");
    }

    @Test
    void closedQuotesOfEveryKindPass() throws IOException {
        Files.writeString(dir.resolve("V1__quotes.sql"), """
                CREATE VIEW v AS SELECT 'it''s; fine' AS a, E'a\\'b' AS b;
                CREATE TABLE "semi;colon" (id int);
                CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
                /* nested /* comment */ still comment */
                """);

        assertThat(lint()).isNotEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEmpty();
    }
}
