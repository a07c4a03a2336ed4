// The API with the user's bearer token (kept in sessionStorage, so it goes away with the tab). Reads of read
// models wait for everything the ledger held when they were sent; refusals keep the problem document for the
// page to show.
import { el } from "./dom.js";

export const API = "/api/v1";

export const TOKEN_KEY = "ledger.token";

export function token() { return sessionStorage.getItem(TOKEN_KEY) || ""; }

export class ProblemError extends Error {
  constructor(httpStatus, problem) {
    const codes = (problem.reasons || []).map((r) => r.code).filter(Boolean);
    super(httpStatus + " " + (problem.detail || problem.title || "request failed")
      + (codes.length ? " (" + codes.join(", ") + ")" : ""));
    this.httpStatus = httpStatus;
    this.problem = problem;
  }
}

export async function api(path, options) {
  const o = options || {};
  const headers = { "Authorization": "Bearer " + token(), "Accept": o.accept || "application/json" };
  if (o.consistency) headers["Ledger-Consistency"] = o.consistency;
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
  return answer;
}

// Read models follow the store asynchronously. A person at the dashboard expects the present: this page's own
// writes and those of the pipelines and colleagues before it (a project created a moment ago is in the picker).
export function read(path) {
  return api(path, { consistency: "head" });
}

export const enc = encodeURIComponent;

export function projectPath(p) { return "/projects/" + enc(p); }

export function reportQuery(projectId, format) {
  return "/reports/compliance?project=" + enc(projectId) + "&format=" + format;
}

// A plain link cannot carry the bearer token, so downloads are fetched and handed over as blobs.
export async function download(path, accept, filename) {
  const blob = await api(path, { accept, blob: true });
  const url = URL.createObjectURL(blob);
  const link = el("a");
  link.href = url;
  if (filename) link.download = filename; else link.target = "_blank";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
