package dev.migrationledger.service.process;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service's log says about an orderly stop (SIGTERM, Ctrl-C): the web server and the event
 * processors stop first, the embedded PostgreSQL last, by a fast shutdown; no exception, no warning,
 * no error on the way.
 */
final class CleanStop {

    private CleanStop() {
    }

    static void assertLogged(String stopOutput) {
        List<String> lines = stopOutput.lines().toList();
        assertThat(lines).as("the log of the stop").isNotEmpty()
                .noneMatch(line -> line.contains("Exception") || line.startsWith("\tat ") || line.contains("Caused by"))
                .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
        int processors = indexOf(lines, "Stopping PooledStreamingEventProcessor");
        int pool = indexOf(lines, "ledger - Shutdown completed");
        int database = indexOf(lines, "stopped by fast shutdown");
        assertThat(processors).as("processors stopping, in:\n" + stopOutput).isNotNegative();
        assertThat(database).as("the embedded PostgreSQL stopped by a fast shutdown, in:\n" + stopOutput)
                .isGreaterThan(processors).isGreaterThan(pool);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
