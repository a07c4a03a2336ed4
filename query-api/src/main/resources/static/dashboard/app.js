// The dashboard: plain JavaScript over the public API with the user's bearer token (kept in
// sessionStorage, so it goes away with the tab). Every value is put into the page with textContent,
// never innerHTML: descriptions, errors and drift details come from whoever wrote the migrations.
"use strict";

const API = "/api/v1";
const TOKEN_KEY = "ledger.token";
const $ = (id) => document.getElementById(id);

function token() { return sessionStorage.getItem(TOKEN_KEY) || ""; }

function status(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

async function api(path, accept, asBlob) {
  const response = await fetch(API + path, {
    headers: { "Authorization": "Bearer " + token(), "Accept": accept || "application/json" }
  });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not a problem document */ }
    throw new Error(response.status + " " + detail);
  }
  return asBlob ? response.blob() : response.json();
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

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

async function loadProjects() {
  const projects = await api("/projects");
  const select = $("project");
  clear(select);
  select.appendChild(el("option", "— choose a project —")).value = "";
  projects.forEach((p) => { select.appendChild(el("option", p.id)).value = p.id; });
  select.disabled = false;
  if (projects.length === 1) {
    select.value = projects[0].id;
    await loadProject(projects[0].id);
  }
}

async function loadProject(id) {
  if (!id) return;
  status("loading " + id + "…");
  const project = await api("/projects/" + encodeURIComponent(id));
  const environments = project.environments.map((e) => e.name);
  const states = await Promise.all(environments.map((env) =>
    api("/projects/" + encodeURIComponent(id) + "/environments/" + encodeURIComponent(env) + "/state")));
  renderMatrix(id, environments, states);
  renderDrift(states);
  await loadReport(id);
  status("loaded " + id + " at index " + Math.max(...states.map((s) => s.lastIndex)));
}

function cellStatus(state, version) {
  if (state.drift.some((d) => d.version === version)) return "drift";
  if (state.failed.some((f) => f.version === version)) return "failed";
  if (state.applied.some((a) => a.version === version)) return "applied";
  if (state.pending.some((p) => p.version === version)) return "pending";
  return "none";
}

function renderMatrix(projectId, environments, states) {
  const versions = new Set();
  states.forEach((s) => [...s.applied, ...s.pending, ...s.failed, ...s.drift]
    .forEach((m) => { if (m.version) versions.add(m.version); }));
  const head = $("matrix").tHead, body = $("matrix").tBodies[0];
  clear(head); clear(body);
  const headRow = head.insertRow();
  headRow.appendChild(el("th", "Migration"));
  environments.forEach((env) => headRow.appendChild(el("th", env)));
  [...versions].sort(compareVersions).forEach((version) => {
    const row = body.insertRow();
    row.dataset.version = version;
    const th = row.appendChild(el("th", version, "version"));
    th.addEventListener("click", () => loadTimeline(projectId, version).catch((e) => status(e.message, true)));
    states.forEach((state, i) => {
      const kind = cellStatus(state, version);
      const td = row.insertCell();
      td.dataset.environment = environments[i];
      td.appendChild(el("span", kind === "none" ? "—" : kind, "cell status-" + kind));
    });
  });
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
    item.appendChild(el("span", " — " + d.detail + " (since " + d.detectedAt + ")"));
    (d.objects || []).forEach((o) => { item.appendChild(el("br")); item.appendChild(el("code", o)); });
    list.appendChild(item);
  });
}

async function loadTimeline(projectId, version) {
  const timeline = await api("/projects/" + encodeURIComponent(projectId) + "/migrations/" + encodeURIComponent(version) + "/timeline");
  $("timeline-section").hidden = false;
  $("timeline-version").textContent = version;
  const list = $("timeline");
  clear(list);
  timeline.events.forEach((e) => {
    const item = el("li");
    item.appendChild(el("b", e.type));
    item.appendChild(el("span", " " + (e.environment ? "[" + e.environment + "] " : "") + e.summary
      + " — " + e.actor + ", " + e.recordedAt));
    list.appendChild(item);
  });
}

function reportQuery(projectId, format) {
  return "/reports/compliance?project=" + encodeURIComponent(projectId) + "&format=" + format;
}

async function loadReport(projectId) {
  const report = await api(reportQuery(projectId, "json"));
  const t = report.totals;
  $("report-totals").textContent = "Applied: " + t.applied + " · Failed: " + t.failed
    + " · With violations: " + t.withViolations + " · Drift findings: " + t.driftFindings;
  const body = $("report").tBodies[0];
  clear(body);
  report.executions.forEach((x) => {
    const row = body.insertRow();
    [x.environment, x.version, x.status, x.plannedBy,
      (x.approvals || []).map((a) => a.approver).join(", "), x.appliedBy + " (" + x.executionId + ")"]
      .forEach((v) => row.appendChild(el("td", v)));
    const violations = row.insertCell();
    (x.violations || []).forEach((v) => violations.appendChild(el("span", v.code, "badge violation")));
    const receipt = row.insertCell();
    if (x.receiptUrl) {
      const link = el("a", x.receiptId);
      link.href = "#";
      link.addEventListener("click", (ev) => { ev.preventDefault(); download(x.receiptUrl.replace(API, ""), "application/json", x.receiptId + ".json"); });
      receipt.appendChild(link);
    }
  });
}

// A plain link cannot carry the bearer token, so downloads are fetched and handed over as blobs.
async function download(path, accept, filename) {
  try {
    const blob = await api(path, accept, true);
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

function start() {
  $("token").value = token();
  $("token-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
    loadProjects().catch((e) => status(e.message, true));
  });
  $("project").addEventListener("change", (ev) => loadProject(ev.target.value).catch((e) => status(e.message, true)));
  $("download-csv").addEventListener("click", () => {
    const p = $("project").value;
    if (p) download(reportQuery(p, "csv"), "text/csv", "compliance-" + p + ".csv");
  });
  $("download-html").addEventListener("click", () => {
    const p = $("project").value;
    if (p) download(reportQuery(p, "html"), "text/html");
  });
  if (token()) loadProjects().catch((e) => status(e.message, true));
}

document.addEventListener("DOMContentLoaded", start);
