package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.LedgerClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger review}: an approver's after-the-fact review of an emergency change (§10). */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = {
                "Close the review of an emergency change: a fact recorded with UNAUTHORIZED, UNPLANNED, "
                + "NO_APPROVAL or NO_BACKUP.",
                "The id is the fact's executionId (GET …/reviews?state=open lists them).",
                "Exit codes: 0 reviewed, 1 no such open review, 2 usage or configuration error, 3 refused "
                + "(SELF_APPROVAL: the fact's own actor), 5 ledger unreachable."})
public final class ReviewCommand extends AnswerCommand {

    @Option(names = "--id", required = true, description = "The review's id: the fact's executionId.")
    String reviewId;

    @Option(names = "--comment", required = true, description = "What was checked, for the auditor.")
    String comment;

    @Override
    JsonNode ask(LedgerClient client) {
        return client.review(project.id, reviewId, comment);
    }

    @Override
    void print(JsonNode answer, PrintWriter out) {
        JsonNode review = answer.path("review");
        out.println("reviewed " + reviewId + " (" + review.path("version").asText() + " in "
                + review.path("environment").asText() + ", recorded by " + review.path("factActor").asText()
                + ") as " + review.path("reviewedBy").asText());
    }
}
