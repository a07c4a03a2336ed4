package dev.migrationledger.service.security;

import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.service.problem.Problem;
import dev.migrationledger.service.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a workload identity inside its rule's projects and environments: every request that names a
 * project or an environment — in its path, or as {@code project}/{@code environment} parameters, or
 * drift's {@code from}/{@code to} — must name ones the rule lists, else 403 {@code OUT_OF_SCOPE}.
 * Requests that name none (the log, keys, receipts by id) are left to the roles, as for bearer tokens.
 */
final class WorkloadScopeFilter extends OncePerRequestFilter {

    private static final Pattern PROJECT_PATH = Pattern.compile("/api/v1/projects/([^/]+)(?:/environments/([^/]+))?(/.*)?");
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final ProblemWriter problems;

    WorkloadScopeFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof WorkloadAuthentication workload) {
            Optional<Reason> refused = outOfScope(workload, request);
            if (refused.isPresent()) {
                problems.write(request, response, Problem.of(403, "Forbidden", refused.get().message(), List.of(refused.get())));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static Optional<Reason> outOfScope(WorkloadAuthentication workload, HttpServletRequest request) {
        // decoded, so that /projects/billing%2Ddb is judged as billing-db
        String path = PATHS.getPathWithinApplication(request);
        String project = request.getParameter("project");
        List<String> environments = new ArrayList<>();
        Matcher m = PROJECT_PATH.matcher(path);
        if (m.matches()) {
            project = m.group(1);
            if (m.group(2) != null) {
                environments.add(m.group(2));
            }
            if ("/drift".equals(m.group(3))) {
                addIfPresent(environments, request.getParameter("from"));
                addIfPresent(environments, request.getParameter("to"));
            }
        }
        addIfPresent(environments, request.getParameter("environment"));
        Optional<Reason> refused = workload.identity().outOfScope(project, null);
        for (String environment : environments) {
            String named = project;
            refused = refused.or(() -> workload.identity().outOfScope(named, environment));
        }
        return refused;
    }

    private static void addIfPresent(List<String> names, String name) {
        if (name != null && !name.isBlank()) {
            names.add(name);
        }
    }
}
