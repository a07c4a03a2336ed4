// The dashboard: plain JavaScript modules over the public API, no build step and nothing from another host.
// This module signs in, switches projects and refreshes; work.js and overview.js draw what it reads.
import { $, el, clear, compareVersions } from "./dom.js";
import { TOKEN_KEY, api, read, token, enc, projectPath, reportQuery, download } from "./http.js";
import { page, status } from "./state.js";
import { renderPending, renderReviews } from "./work.js";
import { renderMatrix, renderDrift, renderReport } from "./overview.js";

const REFRESH_MS = 10000;

const TIMELINES = 50;

async function signIn() {
  page.me = await api("/whoami");
  $("whoami").textContent = page.me.principal + " (" + page.me.roles.join(", ") + ")";
  const projects = await read("/projects");
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
    if (page.project) download(reportQuery(page.project, "csv"), "text/csv", "compliance-" + page.project + ".csv")
      .catch((e) => status(e.message, true));
  });
  $("download-html").addEventListener("click", () => {
    if (page.project) download(reportQuery(page.project, "html"), "text/html").catch((e) => status(e.message, true));
  });
  scheduleRefresh();
  if (token()) signIn().catch((e) => status(e.message, true));
}

page.refresh = () => refresh().catch((e) => status(e.message, true));
document.addEventListener("DOMContentLoaded", start);
