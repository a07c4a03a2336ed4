package dev.migrationledger.ledger.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The principal a workload identity is recorded as: literal text with {@code {claim}} placeholders,
 * e.g. {@code github:{repository}@{environment}}. It must start with a scheme ({@code github:},
 * {@code gitlab:}…): token principals never contain a colon, so a CI job can never be recorded under a
 * person's name, and separation of duties (R2) compares people with people.
 */
public final class PrincipalTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]{0,63})}");
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9-]{0,31}:.*", Pattern.DOTALL);
    /** What an actor may be (InputCheck's keys): printable ASCII without spaces. */
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private PrincipalTemplate() {
    }

    /** What is wrong with {@code template}, if anything. */
    public static List<String> problems(String template) {
        List<String> problems = new ArrayList<>();
        if (template == null || template.isBlank()) {
            problems.add("principal is required, e.g. github:{repository}@{environment}");
            return problems;
        }
        if (!SCHEME.matcher(template).matches()) {
            problems.add("principal starts with a scheme such as github: or gitlab:, so that a CI identity can "
                    + "never be taken for a person's token principal");
        }
        if (!PRINTABLE.matcher(template).matches()) {
            problems.add("principal is 1 to 200 printable ASCII characters without spaces");
        }
        String literal = PLACEHOLDER.matcher(template).replaceAll("");
        if (literal.indexOf('{') >= 0 || literal.indexOf('}') >= 0) {
            problems.add("principal placeholders are {claim}, a claim name of letters, digits and '_'");
        }
        return problems;
    }

    /**
     * The principal for a token whose claim values {@code claim} gives; empty when a placeholder's claim
     * is missing or the result is not a valid actor name (a claim with spaces, say).
     */
    public static Optional<String> render(String template, Function<String, Optional<String>> claim) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Optional<String> value = claim.apply(m.group(1));
            if (value.isEmpty()) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.get()));
        }
        m.appendTail(out);
        String principal = out.toString();
        return PRINTABLE.matcher(principal).matches() ? Optional.of(principal) : Optional.empty();
    }
}
