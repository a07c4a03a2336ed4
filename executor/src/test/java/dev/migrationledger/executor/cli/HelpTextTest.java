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
        Map<String, CommandLine> commands = new CommandLine(new LedgerCommand()).getSubcommands();
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
    void helpNamesACommand() {
        CliRun.Result help = CliRun.of("help", "migrate");

        assertThat(help.exit()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(help.out()).contains("Usage: ledger migrate").contains("--project=<project>")
                .contains("--env=<environment>");
    }
}
