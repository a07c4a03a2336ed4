package dev.migrationledger.service.web;

import dev.migrationledger.service.projection.scripts.MigrationScript;
import dev.migrationledger.service.projection.scripts.ScriptProjection;
import dev.migrationledger.service.projection.scripts.ScriptQuery;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
public class MigrationScriptController {

    private final ScriptQuery scripts;
    private final ReadYourWrites reads;

    MigrationScriptController(ScriptQuery scripts, ReadYourWrites reads) {
        this.scripts = scripts;
        this.reads = reads;
    }

    @GetMapping("/api/v1/projects/{project}/migrations/{version}/script")
    @Operation(summary = "The planned script's text and lint findings, and after a replan the diff against the "
            + "previous text: what an approver reads before approving that checksum")
    public ResponseEntity<MigrationScript> script(@PathVariable String project, @PathVariable String version,
                                                  @RequestParam(required = false) Long minIndex) {
        return reads.answer(List.of(ScriptProjection.GROUP), minIndex, () -> scripts.script(project, version));
    }
}
