// What the page knows between refreshes. The server judges every action; the page only offers the ones the
// token's roles allow.
import { $ } from "./dom.js";

export const page = {
  me: null,                // {principal, roles} of the token
  project: "",             // the project on screen
  generation: 0,           // bumped on every project switch: answers for an older one are dropped
  policies: {},            // environment → policy of the project on screen
  openScripts: new Set(),  // pending items whose script is unfolded, kept across refreshes
  scripts: new Map(),      // "version@checksum" → script answer (a checksum's text never changes)
  notes: new Map(),        // pending item or review → the last refusal shown beside it
  drafts: new Map(),       // review → the comment typed so far, kept across refreshes
  timer: null,
  refresh: async () => {}, // re-reads everything on screen (app.js)
};

export function has(role) { return !!page.me && page.me.roles.includes(role); }

export function status(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}
