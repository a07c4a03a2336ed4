// The dashboard: plain JavaScript over the public API with the user's bearer token (kept in
// sessionStorage, so it goes away with the tab). Every value is put into the page with textContent,
// never innerHTML: descriptions, scripts, errors and drift details come from whoever wrote the migrations.
// The server judges every action; the page only offers the ones the token's roles allow.
"use strict";

const API = "/api/v1";
const TOKEN_KEY = "ledger.token";
const REFRESH_MS = 10000;
const TIMELINES = 50;
const $ = (id) => document.getElementById(id);

const page = {
  me: null,                // {principal, roles} of the token
  project: "",             // the project on screen
  generation: 0,           // bumped on every project switch: answers for an older one are dropped
  minIndex: 0,             // the highest lastIndex this page wrote: reads wait for it (read your writes)
  policies: {},            // environment → policy of the project on screen
  openScripts: new Set(),  // pending items whose script is unfolded, kept across refreshes
  scripts: new Map(),      // "version@checksum" → script answer (a checksum's text never changes)
  notes: new Map(),        // pending item or review → the last refusal shown beside it
  drafts: new Map(),       // review → the comment typed so far, kept across refreshes
  timer: null,
};

function token() { return sessionStorage.getItem(TOKEN_KEY) || ""; }

function status(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

class ProblemError extends Error {
  constructor(httpStatus, problem) {
    const codes = (problem.reasons || []).map((r) => r.code).filter(Boolean);
    super(httpStatus + " " + (problem.detail || problem.title || "request failed")
      + (codes.length ? " (" + codes.join(", ") + ")" : ""));
    this.httpStatus = httpStatus;
    this.problem = problem;
  }
}

async function api(path, options) {
  const o = options || {};
  const headers = { "Authorization": "Bearer " + token(), "Accept": o.accept || "application/json" };
  if (o.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(API + path, {
    method: o.method || "GET", headers, body: o.body === undefined ? undefined : JSON.stringify(o.body)
  });
  if (!response.ok) {
    let problem = { detail: response.statusText };
    try { problem = await response.json(); } catch (e) { /* not a problem document */ }
    throw new ProblemError(response.status, problem);
  }
  if (o.blob) return response.blob();
  const answer = response.status === 204 ? {} : await response.json();
  if (o.method && o.method !== "GET" && answer.lastIndex) page.minIndex = Math.max(page.minIndex, answer.lastIndex);
  return answer;
}

// Read models follow the store asynchronously: after a write of ours, wait until they hold it.
function read(path) {
  if (!page.minIndex) return api(path);
  return api(path + (path.includes("?") ? "&" : "?") + "minIndex=" + page.minIndex);
}

const enc = encodeURIComponent;
function projectPath(p) { return "/projects/" + enc(p); }

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

// A 64-hex checksum in full wraps to many lines; the head identifies it, the title holds all of it.
function hash(value) {
  const code = el("code", value && value.length > 16 ? value.slice(0, 12) + "…" : value, "hash");
  if (value) code.title = value;
  return code;
}

function when(instant) { return instant ? String(instant).replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, "Z") : ""; }

function has(role) { return !!page.me && page.me.roles.includes(role); }

function same(a, b) { return String(a).toLowerCase() === String(b).toLowerCase(); }

function compareVersions(a, b) {
  // Flyway order: numeric segments, repeatables (R__) after every version
  const ra = a.startsWith("R__"), rb = b.startsWith("R__");
  if (ra || rb) return ra === rb ? a.localeCompare(b) : (ra ? 1 : -1);
  const pa = a.split("."), pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (Number(pa[i]) || 0) - (Number(pb[i]) || 0);
    if (d !== 0) return d;
  }
  return 0;
}

function policyText(policy) {
  if (!policy) return "";
  const parts = [policy.requiredApprovals + " approval" + (policy.requiredApprovals === 1 ? "" : "s")];
  if ((policy.backupRequiredFor || []).length) parts.push("backup before " + policy.backupRequiredFor.join(", "));
  if (policy.promoteFrom) parts.push("promoted from " + policy.promoteFrom);
  if (policy.frozen) parts.push("frozen");
  if (policy.outOfOrder) parts.push("out of order allowed");
  return parts.join(", ");
}

async function signIn() {
  page.me = await api("/whoami");
  $("whoami").textContent = page.me.principal + " (" + page.me.roles.join(", ") + ")";
  const projects = await api("/projects");
  const select = $("project");
  const keep = select.value;
  clear(select);
  select.appendChild(el("option", "— choose a project —")).value = "";
  projects.forEach((p) => { select.appendChild(el("option", p.id)).value = p.id; });
  select.disabled = false;
  status("signed in as " + page.me.principal);
  const chosen = projects.some((p) => p.id === keep) ? keep : (projects.length === 1 ? projects[0].id : "");
  select.value = chosen;
  await switchProject(chosen);
}

function clearProject() {
  ["pending-list", "review-list", "drift-list", "timeline", "report-totals", "policies"]
    .forEach((id) => clear($(id)));
  [$("matrix").tHead, $("matrix").tBodies[0], $("report").tBodies[0]].forEach(clear);
  $("timeline-section").hidden = true;
  $("timeline-version").textContent = "";
  page.openScripts.clear();
  page.notes.clear();
  page.drafts.clear();
  page.policies = {};
}

async function switchProject(id) {
  page.generation++;
  page.project = id;
  clearProject();
  if (id) await refresh();
}

// Everything on screen for the project, read again; answers that arrive after a switch are dropped.
async function refresh() {
  const id = page.project, generation = page.generation;
  if (!id) return;
  const current = () => generation === page.generation;
  const project = await read(projectPath(id));
  const environments = project.environments.map((e) => e.name);
  const [states, pending, reviews, report] = await Promise.all([
    Promise.all(environments.map((env) => read(projectPath(id) + "/environments/" + enc(env) + "/state"))),
    api(projectPath(id) + "/pending"),
    api(projectPath(id) + "/reviews?state=open"),
    read(reportQuery(id, "json")),
  ]);
  // timelines hold this principal's approval ids and the recorded denials; the versions next in line suffice
  const versions = [...new Set(pending.pending.map((m) => m.version))].sort(compareVersions).slice(0, TIMELINES);
  const timelines = new Map(await Promise.all(versions.map(async (v) =>
    [v, await read(projectPath(id) + "/migrations/" + enc(v) + "/timeline")])));
  if (!current()) return;
  page.policies = Object.fromEntries(project.environments.map((e) => [e.name, e.policy]));
  const info = migrationInfo(pending.pending, report.executions);
  renderPending(id, pending.pending, timelines);
  renderReviews(id, reviews.reviews);
  renderMatrix(id, environments, states, pending.pending, timelines, info);
  renderDrift(states);
  renderReport(report);
  status(id + " at index " + Math.max(pending.lastIndex, ...states.map((s) => s.lastIndex))
    + ", refreshed " + new Date().toLocaleTimeString());
}

// Description and author by version, from what the page has read anyway.
function migrationInfo(pending, executions) {
  const info = new Map();
  executions.forEach((x) => info.set(x.version, { description: x.description, author: x.author }));
  pending.forEach((m) => info.set(m.version, { description: m.description, author: m.author }));
  return info;
}

// This principal's standing approvals of the version's planned checksum, from its timeline.
function ownApprovals(timeline, principal, checksum) {
  const events = timeline ? timeline.events : [];
  const revoked = new Set(events.filter((e) => e.type === "ApprovalRevoked").map((e) => e.event.approvalId));
  return events.filter((e) => e.type === "MigrationApproved" && same(e.actor, principal)
    && e.event.checksum === checksum && !revoked.has(e.event.approvalId)).map((e) => e.event);
}

function denials(timeline, environment) {
  return (timeline ? timeline.events : []).filter((e) => e.type === "ExecutionDenied" && e.environment === environment);
}

function itemKey(m) { return m.version + "|" + m.environment; }

function renderPending(projectId, pending, timelines) {
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
  await refresh().catch((e) => status(e.message, true));
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

function renderReviews(projectId, reviews) {
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

function renderMatrix(projectId, environments, states, pending, timelines, info) {
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

function renderDrift(states) {
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

function reportQuery(projectId, format) {
  return "/reports/compliance?project=" + enc(projectId) + "&format=" + format;
}

function renderReport(report) {
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
      link.addEventListener("click", (ev) => { ev.preventDefault(); download(x.receiptUrl.replace(API, ""), "application/json", x.receiptId + ".json"); });
    }
    if (x.error) evidence.appendChild(el("span", " · error: " + x.error));
  });
}

// A plain link cannot carry the bearer token, so downloads are fetched and handed over as blobs.
async function download(path, accept, filename) {
  try {
    const blob = await api(path, { accept, blob: true });
    const url = URL.createObjectURL(blob);
    const link = el("a");
    link.href = url;
    if (filename) link.download = filename; else link.target = "_blank";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (e) {
    status(e.message, true);
  }
}

function scheduleRefresh() {
  clearInterval(page.timer);
  page.timer = setInterval(() => {
    // re-rendering under a user who is typing would take the field away from him
    const typing = document.activeElement && document.activeElement.closest("main input, main textarea");
    if (page.project && token() && !document.hidden && !typing) refresh().catch((e) => status(e.message, true));
  }, REFRESH_MS);
}

function start() {
  $("token").value = token();
  $("token-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
    status("signing in…");
    signIn().catch((e) => {
      // a rejected token shows nothing that an earlier token read
      $("whoami").textContent = "";
      page.me = null;
      const select = $("project");
      clear(select);
      select.appendChild(el("option", "—")).value = "";
      select.disabled = true;
      switchProject("");
      status(e.message, true);
    });
  });
  $("project").addEventListener("change", (ev) => switchProject(ev.target.value).catch((e) => status(e.message, true)));
  $("download-csv").addEventListener("click", () => {
    if (page.project) download(reportQuery(page.project, "csv"), "text/csv", "compliance-" + page.project + ".csv");
  });
  $("download-html").addEventListener("click", () => {
    if (page.project) download(reportQuery(page.project, "html"), "text/html");
  });
  scheduleRefresh();
  if (token()) signIn().catch((e) => status(e.message, true));
}

document.addEventListener("DOMContentLoaded", start);
