package dev.migrationledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * Figures that depend on endpoints other branches are building (SPEC §7: {@code GET /receipts/{id}},
 * {@code GET /log/audit}): measured when the service answers them, otherwise null with the status it gave.
 */
final class ServiceProbes {

    private final ServiceProcess service;
    private final String auditorToken;
    private final Results results;

    ServiceProbes(ServiceProcess service, String auditorToken, Results results) {
        this.service = service;
        this.auditorToken = auditorToken;
        this.results = results;
    }

    void probe(String receiptId) throws Exception {
        receiptFetch(receiptId);
        audit();
    }

    private void receiptFetch(String receiptId) throws Exception {
        var receipts = results.detail("receipts");
        String path = "/api/v1/receipts/" + receiptId;
        LedgerClient.Answer answer = service.client.send("GET", path, auditorToken, null);
        // A receipt is issued moments after its fact; give the log processor a few seconds if the route exists.
        for (int i = 0; i < 40 && answer.status() == 404 && answer.body().contains("UNKNOWN"); i++) {
            Thread.sleep(250);
            answer = service.client.send("GET", path, auditorToken, null);
        }
        if (receiptId == null || answer.status() != 200) {
            receipts.putNull("fetch_p50_ms");
            results.notes().put("receipts_fetch", "GET /api/v1/receipts/{id} answered " + answer.status()
                    + ": no receipts endpoint on this branch (being built elsewhere); fetch not timed");
            return;
        }
        double[] millis = new double[100];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            service.client.send("GET", path, auditorToken, null);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        receipts.put("fetch_p50_ms", QueryBench.percentile(millis, 0.5));
        receipts.put("fetch_p99_ms", QueryBench.percentile(millis, 0.99));
    }

    private void audit() throws Exception {
        var receipts = results.detail("receipts");
        long start = System.nanoTime();
        LedgerClient.Answer answer = service.client.send("GET", "/api/v1/log/audit", auditorToken, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (answer.status() != 200) {
            receipts.putNull("audit_s_per_million");
            results.notes().put("receipts_audit", "GET /api/v1/log/audit answered " + answer.status()
                    + ": no store audit on this branch (being built elsewhere); not timed");
            return;
        }
        JsonNode body = LedgerClient.JSON.readTree(answer.body());
        long checked = body.path("checked").asLong();
        receipts.put("audit_checked", checked);
        receipts.put("audit_s", Math.round(seconds * 1000) / 1000.0);
        receipts.put("audit_s_per_million", checked == 0 ? null : Math.round(seconds / checked * 1e6 * 100) / 100.0);
        results.notes().put("receipts_audit", "one GET /api/v1/log/audit over " + checked + " events, scaled to 10^6");
    }
}
