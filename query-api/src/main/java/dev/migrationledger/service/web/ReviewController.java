package dev.migrationledger.service.web;

import dev.migrationledger.ledger.api.EmergencyReview;
import dev.migrationledger.ledger.api.ListReviews;
import dev.migrationledger.ledger.api.ReviewChange;
import dev.migrationledger.service.eventstore.LedgerIndex;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Emergency changes awaiting their after-the-fact review (§10), answered by the project aggregate's own rules. */
@RestController
@RequestMapping("/api/v1/projects/{project}/reviews")
public class ReviewController {

    public record ReviewsResponse(String project, String state, List<EmergencyReview> reviews, long lastIndex) {
    }

    public record ReviewRequest(String comment) {
    }

    public record ReviewResponse(EmergencyReview review, long lastIndex) {
    }

    private final CommandGateway commands;
    private final LedgerIndex index;

    ReviewController(CommandGateway commands, LedgerIndex index) {
        this.commands = commands;
        this.index = index;
    }

    @GetMapping
    @Operation(summary = "Emergency-change reviews: open (overdue ones included), overdue, closed, or all")
    public ReviewsResponse reviews(@PathVariable String project, @RequestParam(required = false) String state) {
        long lastIndex = index.lastIndexOf(project);
        List<EmergencyReview> reviews = commands.sendAndWait(new ListReviews(project, state, null));
        return new ReviewsResponse(project, state, reviews, lastIndex);
    }

    @PostMapping("/{reviewId}")
    @Operation(summary = "Close a review (approver other than the fact's actor) with a comment; the id is the fact's "
            + "executionId")
    public ReviewResponse review(@PathVariable String project, @PathVariable String reviewId,
                                 @RequestBody ReviewRequest request, Authentication caller) {
        commands.sendAndWait(new ReviewChange(project, reviewId, request.comment(), caller.getName()));
        List<EmergencyReview> closed = commands.sendAndWait(new ListReviews(project, "closed", null));
        EmergencyReview review = closed.stream().filter(r -> r.reviewId().equals(reviewId)).findFirst().orElseThrow();
        return new ReviewResponse(review, index.lastIndexOf(project));
    }
}
