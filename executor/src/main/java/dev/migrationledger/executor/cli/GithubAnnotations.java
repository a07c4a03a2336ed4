package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Lint findings as GitHub Actions workflow commands ({@code ::error file=…,line=…,title=…::message}),
 * which GitHub shows as annotations on the pull request's diff, and a Markdown table appended to the job
 * summary ({@code $GITHUB_STEP_SUMMARY}) when the runner provides one.
 */
final class GithubAnnotations {

    private GithubAnnotations() {
    }

    static void print(List<Finding> findings, String pathPrefix, PrintWriter out) {
        for (Finding f : findings) {
            out.println("::" + command(f.severity()) + " file=" + property(pathPrefix + f.file()) + ",line="
                    + Math.max(1, f.line()) + ",title=" + property(f.ruleId()) + "::" + data(f.message() + " (" + f.advice() + ")"));
        }
    }

    static String command(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "notice";
        };
    }

    /** The runner's escaping for a command's message: %, CR and LF. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** The runner's escaping for a property value: the message's, plus ':' and ',', which delimit properties. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }

    /** Appends the findings to the job summary; a summary that cannot be written only loses the table. */
    static void summarise(List<Finding> findings, String pathPrefix, String summaryFile, PrintWriter err) {
        if (summaryFile == null || summaryFile.isBlank()) {
            return;
        }
        StringBuilder md = new StringBuilder("### ledger lint\n\n");
        if (findings.isEmpty()) {
            md.append("No findings.\n");
        } else {
            md.append("| Severity | Rule | Location | Finding |\n|---|---|---|---|\n");
            for (Finding f : findings) {
                md.append("| ").append(f.severity()).append(" | `").append(f.ruleId()).append("` | `")
                        .append(pathPrefix).append(f.file()).append(':').append(f.line()).append("` | ")
                        .append(f.message().replace("|", "\\|")).append(" |\n");
            }
        }
        try {
            Files.writeString(Path.of(summaryFile), md.append('\n'), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            err.println("ledger lint: could not append to GITHUB_STEP_SUMMARY " + summaryFile + ": " + e.getMessage());
        }
    }
}
