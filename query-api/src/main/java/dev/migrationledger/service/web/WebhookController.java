package dev.migrationledger.service.web;

import dev.migrationledger.ledger.domain.InputCheck;
import dev.migrationledger.service.notifications.NotificationProcessor;
import dev.migrationledger.service.notifications.Webhooks;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.*;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Admin: where a project's notifications go, and what became of each message (SPEC §10). */
@RestController
@RequestMapping("/api/v1/projects/{project}/webhooks")
public class WebhookController {

    public record WebhookRequest(String url, List<String> events, String secret, String format) {
    }

    private static final Set<String> STATES = Set.of("PENDING", "DELIVERED", "GAVE_UP", "DROPPED");

    private final Webhooks webhooks;
    private final ReadYourWrites reads;

    WebhookController(Webhooks webhooks, ReadYourWrites reads) {
        this.webhooks = webhooks;
        this.reads = reads;
    }

    @Operation(summary = "Configure a webhook: the listed notifications of this project are POSTed to url, signed "
            + "with secret (Ledger-Signature), as JSON or as a Slack message")
    @PostMapping
    public ResponseEntity<Webhooks.Listed> configure(@PathVariable String project, @RequestBody WebhookRequest request,
                                                     Authentication caller,
                                                     @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        new InputCheck().optionalKey("Idempotency-Key", key).throwIfInvalid();
        // R9: a repeated request with the same key names the same webhook, and so records nothing twice
        String id = (key == null ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes(("webhook:" + project + ":" + key).getBytes(StandardCharsets.UTF_8))).toString();
        Webhooks.Listed configured = webhooks.configure(project, id, request.url(), request.events(), request.format(),
                request.secret(), caller.getName());
        return ResponseEntity.created(URI.create("/api/v1/projects/" + project + "/webhooks/" + id)).body(configured);
    }

    @Operation(summary = "List the project's webhooks in force (never their secrets)")
    @GetMapping
    public ResponseEntity<List<Webhooks.Listed>> list(@PathVariable String project,
                                                      @RequestParam(required = false) Long minIndex) {
        return reads.answer(List.of(NotificationProcessor.GROUP), minIndex, () -> webhooks.list(project));
    }

    @Operation(summary = "Remove a webhook; messages not yet delivered to it are dropped")
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> remove(@PathVariable String project, @PathVariable String id, Authentication caller) {
        webhooks.remove(project, id, caller.getName());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The webhook's messages, newest first, each with its delivery id, state and every attempt")
    @GetMapping("/{id}/deliveries")
    public ResponseEntity<List<Webhooks.Delivery>> deliveries(@PathVariable String project, @PathVariable String id,
                                                              @RequestParam(required = false) String state,
                                                              @RequestParam(defaultValue = "100") int limit,
                                                              @RequestParam(required = false) Long minIndex) {
        new InputCheck().require(state == null || STATES.contains(state), "state", "state is one of " + STATES)
                .require(limit >= 1 && limit <= Webhooks.MAX_LISTED, "limit", "limit is 1 to " + Webhooks.MAX_LISTED)
                .throwIfInvalid();
        return reads.answer(List.of(NotificationProcessor.GROUP), minIndex, () -> {
            webhooks.find(project, id).orElseThrow(() -> new Webhooks.UnknownWebhook(project, id));
            return webhooks.deliveries(id, state, limit);
        });
    }
}
