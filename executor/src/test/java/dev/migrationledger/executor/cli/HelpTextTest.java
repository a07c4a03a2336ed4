package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.executor.exit.ExitCodes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The help a user reads first: whole sentences in {@code ledger --help}, and {@code ledger help COMMAND}. */
class HelpTextTest {

    @Test
    void everySummaryInTheCommandListIsAWholeSentence() {
        Map<String, CommandLine> commands = LedgerCommand.tree().getSubcommands();
        assertThat(commands).containsKeys("migrate", "plan", "backup", "help");
        assertSummaries("ledger", commands);
    }

    private static void assertSummaries(String parent, Map<String, CommandLine> commands) {
        commands.forEach((name, command) -> {
            String[] description = command.getCommandSpec().usageMessage().description();
            assertThat(description).as(parent + " " + name).isNotEmpty();
            assertThat(description[0].strip()).as("the summary of %s %s", parent, name).endsWith(".");
            assertSummaries(parent + " " + name, command.getSubcommands());
        });
    }

    @Test
    void aRunBuildsOnlyTheCommandItNamesAndReadsItAsTheWholeTreeDoes() {
        assertThat(LedgerCommand.tree("migrate", "--project", "p").getSubcommands()).containsOnlyKeys("migrate");
        assertThat(LedgerCommand.tree("help", "migrate").getSubcommands()).hasSize(LedgerCommand.SUBCOMMANDS.size());
        assertThat(LedgerCommand.tree("--version").getSubcommands()).isEmpty();
        assertThat(CliRun.of("--version").out()).startsWith("ledger ").isEqualTo(CliRun.of("-V").out());
        assertThat(LedgerCommand.tree("--help").getSubcommands()).hasSize(LedgerCommand.SUBCOMMANDS.size());
        assertThat(LedgerCommand.tree("migrat").getSubcommands()).as("a misspelt command is told its neighbours")
                .hasSize(LedgerCommand.SUBCOMMANDS.size());
        for (Class<?> command : LedgerCommand.SUBCOMMANDS) {
            String name = command.getAnnotation(CommandLine.Command.class).name();
            assertThat(LedgerCommand.tree(name).getSubcommands().get(name).getUsageMessage())
                    .isEqualTo(LedgerCommand.tree().getSubcommands().get(name).getUsageMessage());
        }
        assertThat(CliRun.of("plan", "--help").out()).isEqualTo(CliRun.of("help", "plan").out());
    }

    @Test
    void helpNamesACommand() {
        CliRun.Result help = CliRun.of("help", "migrate");

        assertThat(help.exit()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(help.out()).contains("Usage: ledger migrate").contains("--project=<project>")
                .contains("--env=<environment>");
    }
}
