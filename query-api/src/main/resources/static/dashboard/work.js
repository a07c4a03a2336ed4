// Where an approver works: what awaits approval (with the script he approves) and the emergency changes awaiting
// review. An action's refusal is shown beside what was clicked.
import { $, el, clear, hash, when, same } from "./dom.js";
import { api, read, enc, projectPath } from "./http.js";
import { page, has } from "./state.js";

// This principal's standing approvals of the version's planned checksum, from its timeline.
function ownApprovals(timeline, principal, checksum) {
  const events = timeline ? timeline.events : [];
  const revoked = new Set(events.filter((e) => e.type === "ApprovalRevoked").map((e) => e.event.approvalId));
  return events.filter((e) => e.type === "MigrationApproved" && same(e.actor, principal)
    && e.event.checksum === checksum && !revoked.has(e.event.approvalId)).map((e) => e.event);
}

function itemKey(m) { return m.version + "|" + m.environment; }

export function renderPending(projectId, pending, timelines) {
  const list = $("pending-list");
  clear(list);
  const me = page.me.principal;
  // What approvals can still move: environments that require them
  const relevant = pending.filter((m) => m.requiredApprovals > 0);
  if (relevant.length === 0) list.appendChild(el("li", "Nothing awaits approval."));
  relevant.forEach((m) => {
    const mine = ownApprovals(timelines.get(m.version), me, m.checksum)
      .filter((a) => a.environment === null || a.environment === m.environment);
    const approvedByMe = mine.length > 0 || m.approvers.some((a) => same(a, me));
    const item = el("li", null, "pending-item");
    item.dataset.version = m.version;
    item.dataset.environment = m.environment;
    const head = item.appendChild(el("div", null, "pending-head"));
    head.appendChild(el("b", m.version + " → " + m.environment));
    head.appendChild(el("span", " " + m.description + " "));
    head.appendChild(el("span", m.changeClass, "badge class-" + String(m.changeClass).toLowerCase()));
    const facts = item.appendChild(el("div", null, "pending-facts"));
    facts.appendChild(el("span", "author " + m.author + (same(m.author, m.plannedBy) ? "" : ", planned by " + m.plannedBy)));
    facts.appendChild(el("span", m.approvals + " of " + m.requiredApprovals + " approvals", "approvals"));
    if (m.approvers.length) facts.appendChild(el("span", "by " + m.approvers.join(", ")));
    facts.appendChild(el("span", "checksum ")).appendChild(hash(m.checksum));
    if (m.blockedBy.length) {
      const blocked = facts.appendChild(el("span", "blocked by "));
      m.blockedBy.forEach((r) => { const b = el("span", r.code, "badge blocked"); b.title = r.message; blocked.appendChild(b); });
    }
    if (has("approver")) {
      const actions = item.appendChild(el("div", null, "actions"));
      if (approvedByMe) {
        actions.appendChild(el("span", "you approved this checksum", "yours"));
        mine.forEach((a) => {
          const revoke = actions.appendChild(el("button", "Revoke", "revoke"));
          revoke.type = "button";
          revoke.title = "revoke approval " + a.approvalId + (a.environment === null ? " (it counts for every environment)" : "");
          revoke.addEventListener("click", () => act(itemKey(m), () => api(projectPath(projectId) + "/migrations/"
            + enc(m.version) + "/approvals/" + enc(a.approvalId), { method: "DELETE" })));
        });
      } else {
        const approve = actions.appendChild(el("button", "Approve " + m.checksum.slice(0, 12), "approve"));
        approve.type = "button";
        approve.title = "approve exactly the checksum " + m.checksum;
        approve.addEventListener("click", () => act(itemKey(m), () => api(projectPath(projectId) + "/migrations/"
          + enc(m.version) + "/approvals", { method: "POST", body: { checksum: m.checksum, environment: m.environment } })));
      }
    }
    note(item, itemKey(m));
    item.appendChild(scriptDetails(projectId, m));
    list.appendChild(item);
  });
}

function note(parent, key) {
  const text = page.notes.get(key);
  if (text) parent.appendChild(el("p", text, "problem")).setAttribute("role", "alert");
}

// An action's refusal is shown beside what was clicked; success re-reads the page.
async function act(key, call) {
  try {
    await call();
    page.notes.delete(key);
  } catch (e) {
    page.notes.set(key, e.message);
  }
  await page.refresh();
}

function scriptDetails(projectId, m) {
  const details = el("details", null, "script");
  details.appendChild(el("summary", "Script and lint findings"));
  const body = details.appendChild(el("div"));
  const key = itemKey(m), cacheKey = m.version + "@" + m.checksum;
  const show = async () => {
    if (!page.scripts.has(cacheKey)) {
      page.scripts.set(cacheKey, await read(projectPath(projectId) + "/migrations/" + enc(m.version) + "/script"));
    }
    renderScript(body, page.scripts.get(cacheKey));
  };
  details.addEventListener("toggle", () => {
    if (details.open) {
      page.openScripts.add(key);
      show().catch((e) => { clear(body); body.appendChild(el("p", e.message, "problem")); });
    } else {
      page.openScripts.delete(key);
    }
  });
  if (page.openScripts.has(key)) details.open = true;
  return details;
}

function renderScript(body, script) {
  clear(body);
  if (!script.stored) {
    body.appendChild(el("p", "The plan sent no text for checksum " + script.checksum
      + ": ledger plan uploads it; until then compare the file's sha256 with the checksum.", "hint"));
    return;
  }
  body.appendChild(el("p", "checksum " + script.checksum + ", stored by " + script.storedBy + " " + when(script.storedAt), "hint"));
  const findings = body.appendChild(el("ul", null, "findings"));
  if (script.findings.length === 0) findings.appendChild(el("li", "No lint findings."));
  script.findings.forEach((f) => {
    const item = findings.appendChild(el("li"));
    item.appendChild(el("span", f.severity, "badge severity-" + String(f.severity).toLowerCase()));
    item.appendChild(el("b", f.ruleId));
    item.appendChild(el("span", " line " + f.line + ": " + f.message + (f.advice ? " — " + f.advice : "")));
  });
  body.appendChild(el("pre", script.text, "script-text"));
  if (script.diff) {
    body.appendChild(el("p", "Changed since checksum " + script.previousChecksum.slice(0, 12) + "…:", "hint"));
    const diff = body.appendChild(el("pre", null, "script-diff"));
    script.diff.split("\n").forEach((line) => {
      const kind = line.startsWith("+") ? "added" : line.startsWith("-") ? "removed" : "";
      diff.appendChild(el("span", line + "\n", kind));
    });
  }
}

export function renderReviews(projectId, reviews) {
  const list = $("review-list");
  clear(list);
  if (reviews.length === 0) list.appendChild(el("li", "No emergency change awaits review."));
  reviews.forEach((r) => {
    const item = el("li", null, "review-item");
    item.dataset.reviewId = r.reviewId;
    item.appendChild(el("span", r.state, "badge " + (r.state === "overdue" ? "overdue" : "open")));
    item.appendChild(el("b", r.environment + " · " + r.version));
    item.appendChild(el("span", " execution " + r.reviewId + " recorded by " + r.factActor + " " + when(r.openedAt)
      + ", due " + when(r.dueAt) + " "));
    r.violations.forEach((v) => item.appendChild(el("span", v, "badge violation")));
    if (has("approver")) {
      const form = item.appendChild(el("form", null, "review-form"));
      const comment = form.appendChild(el("input"));
      comment.placeholder = "what you checked";
      comment.value = page.drafts.get(r.reviewId) || "";
      comment.addEventListener("input", () => page.drafts.set(r.reviewId, comment.value));
      comment.setAttribute("aria-label", "review comment for " + r.reviewId);
      const button = form.appendChild(el("button", "Review", "review"));
      button.type = "submit";
      form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        act("review|" + r.reviewId, async () => {
          await api(projectPath(projectId) + "/reviews/" + enc(r.reviewId), { method: "POST", body: { comment: comment.value.trim() } });
          page.drafts.delete(r.reviewId);
        });
      });
    }
    note(item, "review|" + r.reviewId);
    list.appendChild(item);
  });
}
