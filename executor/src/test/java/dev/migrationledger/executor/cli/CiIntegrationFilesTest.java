package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CI files people copy (action.yml, the GitLab template) keep working with this CLI: every ledger
 * command they run parses with its options, and the action's step choice runs lint on pull requests and
 * plan + migrate on the default branch only.
 */
class CiIntegrationFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path ACTION = ROOT.resolve("action.yml");
    private static final Path GITLAB = ROOT.resolve("docs/ci/gitlab/ledger.gitlab-ci.yml");

    @TempDir
    Path temp;

    /** Each {@code java -jar … ledger.jar …} command of a file, with continuations and folded blocks joined. */
    static List<List<String>> ledgerCommands(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<List<String>> commands = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            StringBuilder command = new StringBuilder();
            if (line.strip().equals("- >") && i + 1 < lines.size() && lines.get(i + 1).contains("java -jar")) {
                int indent = line.indexOf('-');
                while (i + 1 < lines.size() && lines.get(i + 1).indexOf(lines.get(i + 1).strip()) > indent) {
                    command.append(' ').append(lines.get(++i).strip());
                }
            } else if (line.contains("java -jar")) {
                command.append(line.substring(line.indexOf("java -jar")));
                while (command.toString().endsWith("\\") && i + 1 < lines.size()) {
                    command.setLength(command.length() - 1);
                    command.append(' ').append(lines.get(++i).strip());
                }
            } else {
                continue;
            }
            List<String> words = words(command.toString().strip());
            commands.add(words.subList(words.indexOf("-jar") + 2, words.size()));
        }
        return commands;
    }

    /** Shell words, quotes removed, variables as placeholders, a redirection and what follows dropped. */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        for (String word : command.split("\\s+")) {
            if (word.startsWith(">")) {
                break;
            }
            words.add(word.replace("\"", "").replaceAll("\\$\\{?[A-Za-z_]+}?", "x"));
        }
        return words;
    }

    @Test
    void everyLedgerCommandInTheCopiedFilesParsesWithThisCli() throws Exception {
        List<List<String>> commands = new ArrayList<>(ledgerCommands(ACTION));
        commands.addAll(ledgerCommands(GITLAB));
        assertThat(commands).extracting(c -> c.get(0)).contains("lint", "plan", "migrate");
        for (List<String> args : commands) {
            CommandLine.ParseResult parsed = LedgerCommand.commandLine().parseArgs(args.toArray(String[]::new));
            assertThat(parsed.hasSubcommand()).as(String.join(" ", args)).isTrue();
        }
        assertThat(String.join(" ", commands.stream().map(c -> String.join(" ", c)).toList()))
                .contains("migrate --project x --env x --dir x --db x --format github");
    }

    @Test
    void theActionsLedgerKeyInputReachesMigrateAsTheKeyItTrusts() throws Exception {
        String action = Files.readString(ACTION, StandardCharsets.UTF_8);
        assertThat(action).contains("  ledger-key:\n").contains("LEDGER_PUBLIC_KEY: ${{ inputs.ledger-key }}");
        CommandLine.Option key = MigrateCommand.class.getDeclaredField("ledgerKey").getAnnotation(CommandLine.Option.class);
        assertThat(key.names()).contains("--ledger-key");
        assertThat(key.defaultValue()).isEqualTo("${env:LEDGER_PUBLIC_KEY}");
    }

    private Map<String, String> mode(String command, String event, String ref) throws Exception {
        List<String> lines = Files.readAllLines(ACTION, StandardCharsets.UTF_8);
        int step = lines.indexOf("      id: mode");
        int run = step;
        while (!lines.get(run).strip().equals("run: |")) {
            run++;
        }
        StringBuilder script = new StringBuilder();
        for (int i = run + 1; i < lines.size() && (lines.get(i).isBlank() || lines.get(i).startsWith("        ")); i++) {
            script.append(lines.get(i).stripLeading()).append('\n');
        }
        Path output = temp.resolve("output-" + System.nanoTime());
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script.toString()).redirectErrorStream(true);
        bash.environment().putAll(Map.of("COMMAND", command, "EVENT", event, "REF", ref,
                "DEFAULT_REF", "refs/heads/main", "GITHUB_OUTPUT", output.toString()));
        Process process = bash.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Map<String, String> outputs = new HashMap<>();
        outputs.put("exit", String.valueOf(process.exitValue()));
        outputs.put("printed", printed);
        if (Files.exists(output)) {
            for (String line : Files.readAllLines(output)) {
                outputs.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return outputs;
    }

    @Test
    void theActionLintsPullRequestsAndMigratesTheDefaultBranchOnly() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
                "bash is needed to run the action's step script");
        assertThat(mode("auto", "pull_request", "refs/pull/7/merge"))
                .containsEntry("lint", "true").containsEntry("plan", "false").containsEntry("migrate", "false");
        assertThat(mode("auto", "push", "refs/heads/main"))
                .containsEntry("lint", "false").containsEntry("plan", "true").containsEntry("migrate", "true");
        Map<String, String> feature = mode("auto", "push", "refs/heads/feature");
        assertThat(feature).containsEntry("migrate", "false").containsEntry("lint", "false");
        assertThat(feature.get("printed")).contains("::notice");
        assertThat(mode("migrate", "workflow_dispatch", "refs/heads/feature")).containsEntry("migrate", "true");
        Map<String, String> wrong = mode("deploy", "push", "refs/heads/main");
        assertThat(wrong.get("exit")).isEqualTo("2");
        assertThat(wrong.get("printed")).contains("::error");
    }
}
