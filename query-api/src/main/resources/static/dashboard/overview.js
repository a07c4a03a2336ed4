// What the project holds: the migrations × environments matrix, a migration's timeline, open drift findings and
// the compliance report.
import { $, el, clear, hash, when, same, compareVersions, policyText } from "./dom.js";
import { API, read, enc, projectPath, download } from "./http.js";
import { page, status } from "./state.js";

export function denials(timeline, environment) {
  return (timeline ? timeline.events : []).filter((e) => e.type === "ExecutionDenied" && e.environment === environment);
}

export function renderMatrix(projectId, environments, states, pending, timelines, info) {
  const versions = new Set();
  states.forEach((s) => [...s.applied, ...s.pending, ...s.failed, ...s.drift]
    .forEach((m) => { if (m.version) versions.add(m.version); }));
  const head = $("matrix").tHead, body = $("matrix").tBodies[0];
  clear(head); clear(body);
  const headRow = head.insertRow();
  headRow.appendChild(el("th", "Migration"));
  environments.forEach((env) => {
    const th = headRow.appendChild(el("th", env));
    th.title = policyText(page.policies[env]);
  });
  [...versions].sort(compareVersions).forEach((version) => {
    const row = body.insertRow();
    row.dataset.version = version;
    const th = row.appendChild(el("th", null, "migration"));
    const link = th.appendChild(el("a", version, "version"));
    link.href = "#";
    link.addEventListener("click", (ev) => { ev.preventDefault(); loadTimeline(projectId, version).catch((e) => status(e.message, true)); });
    const about = info.get(version);
    if (about) {
      th.appendChild(el("span", " " + (about.description || ""), "description"));
      if (about.author) th.appendChild(el("span", " by " + about.author, "author"));
    }
    states.forEach((state, i) => {
      const td = row.insertCell();
      td.dataset.environment = environments[i];
      matrixCell(td, state, version, pending.find((m) => m.version === version && m.environment === environments[i]),
        denials(timelines.get(version), environments[i]));
    });
  });
}

function matrixCell(td, state, version, pendingHere, denied) {
  const applied = state.applied.find((a) => a.version === version);
  const violations = applied ? (applied.violations || []).map((v) => v.code || v) : [];
  let kind = "none";
  if (state.drift.some((d) => d.version === version)) kind = "drift";
  else if (state.failed.some((f) => f.version === version)) kind = "failed";
  else if (applied) kind = violations.length ? "violation" : "applied";
  else if (state.pending.some((p) => p.version === version)) kind = "pending";
  const label = { none: "—", violation: "applied" }[kind] || kind;
  td.appendChild(el("span", label, "cell status-" + kind));
  violations.forEach((code) => td.appendChild(el("span", code, "badge violation")));
  if (pendingHere && pendingHere.requiredApprovals > 0) {
    td.appendChild(el("span", pendingHere.approvals + " of " + pendingHere.requiredApprovals, "count"));
  }
  if (denied.length) {
    const last = denied[denied.length - 1];
    const badge = td.appendChild(el("span", "denied ×" + denied.length, "badge denied"));
    badge.title = last.summary + " — " + last.actor + ", " + last.recordedAt;
  }
}

export function renderDrift(states) {
  const list = $("drift-list");
  clear(list);
  const findings = states.flatMap((s) => s.drift.map((d) => ({ environment: s.environment, ...d })));
  if (findings.length === 0) list.appendChild(el("li", "No open drift findings."));
  findings.forEach((d) => {
    const item = el("li");
    item.dataset.findingId = d.findingId;
    item.appendChild(el("span", d.kind, "badge kind"));
    item.appendChild(el("b", d.environment + (d.version ? " · " + d.version : "")));
    item.appendChild(el("span", " — " + d.detail + " (since " + when(d.detectedAt) + ")"));
    (d.objects || []).forEach((o) => { item.appendChild(el("br")); item.appendChild(el("code", o)); });
    list.appendChild(item);
  });
}

async function loadTimeline(projectId, version) {
  const generation = page.generation;
  const timeline = await read(projectPath(projectId) + "/migrations/" + enc(version) + "/timeline");
  if (generation !== page.generation) return;
  $("timeline-section").hidden = false;
  $("timeline-version").textContent = version;
  const list = $("timeline");
  clear(list);
  timeline.events.forEach((e) => {
    const item = el("li");
    item.appendChild(el("b", e.type));
    item.appendChild(el("span", " " + (e.environment ? "[" + e.environment + "] " : "") + e.summary
      + " — " + e.actor + ", " + when(e.recordedAt)));
    list.appendChild(item);
  });
}

export function renderReport(report) {
  const t = report.totals;
  $("report-totals").textContent = "Applied: " + t.applied + " · Failed: " + t.failed
    + " · With violations: " + t.withViolations + " · Drift findings: " + t.driftFindings;
  const policies = $("policies");
  clear(policies);
  Object.entries(page.policies).forEach(([env, policy]) => policies.appendChild(el("li", env + ": " + policyText(policy))));
  const body = $("report").tBodies[0];
  clear(body);
  report.executions.forEach((x) => {
    // who and what in one row, the evidence in a full-width row beneath: no cell grows tall at 800 px
    const row = body.insertRow();
    row.className = "main";
    const author = x.author || "";
    const version = row.insertCell();
    version.appendChild(el("b", x.environment + " · " + x.version + " "));
    version.appendChild(el("span", x.description));
    const state = row.appendChild(el("td", x.status, x.status.includes("FAILED") ? "failed" : ""));
    const count = (x.violations || []).length;
    if (count) state.appendChild(el("span", " · " + count + (count === 1 ? " violation" : " violations"), "short"));
    row.appendChild(el("td", author));
    const policy = page.policies[x.environment];
    const approvers = (x.approvals || []).map((a) => a.approver);
    const approved = row.insertCell();
    approved.appendChild(el("span", approvers.length ? approvers.join(", ") : "none"));
    if (policy) {
      approved.appendChild(el("span", policy.requiredApprovals === 0 ? " · none required"
        : " · " + approvers.length + " of " + policy.requiredApprovals + " required",
        approvers.length < policy.requiredApprovals ? "short" : ""));
    }
    const detail = body.insertRow();
    detail.className = "detail";
    const evidence = detail.insertCell();
    evidence.colSpan = 4;
    (x.violations || []).forEach((v) => { const b = evidence.appendChild(el("span", v.code, "badge violation")); b.title = v.message || ""; });
    evidence.appendChild(el("span", "execution " + x.executionId + " by " + x.appliedBy + " " + when(x.finishedAt)
      + (same(x.plannedBy, author) ? "" : " · planned by " + x.plannedBy)
      + (x.authorization ? " · authorized in " + x.authorization.executionId + " by " + x.authorization.authorizedBy : " · no authorization")
      + (x.backup ? " · backup " + x.backup.backupId + " by " + x.backup.verifiedBy : "") + " · checksum "));
    evidence.appendChild(hash(x.checksum));
    if (x.receiptUrl) {
      evidence.appendChild(el("span", " · receipt "));
      const link = evidence.appendChild(el("a", x.receiptId.length > 20 ? x.receiptId.slice(0, 17) + "…" : x.receiptId));
      link.href = new URL(x.receiptUrl, location.href).href;
      link.title = x.receiptId + " (needs the token: click to download)";
      link.addEventListener("click", (ev) => { ev.preventDefault(); download(x.receiptUrl.replace(API, ""), "application/json", x.receiptId + ".json")
        .catch((e) => status(e.message, true)); });
    }
    if (x.error) evidence.appendChild(el("span", " · error: " + x.error));
  });
}
