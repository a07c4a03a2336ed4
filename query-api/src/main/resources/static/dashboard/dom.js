// Building the page. Every value goes in with textContent, never innerHTML: descriptions, scripts, errors and
// drift details come from whoever wrote the migrations.

export const $ = (id) => document.getElementById(id);

export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

export function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

// A 64-hex checksum in full wraps to many lines; the head identifies it, the title holds all of it.
export function hash(value) {
  const code = el("code", value && value.length > 16 ? value.slice(0, 12) + "…" : value, "hash");
  if (value) code.title = value;
  return code;
}

export function when(instant) { return instant ? String(instant).replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, "Z") : ""; }

export function same(a, b) { return String(a).toLowerCase() === String(b).toLowerCase(); }

export function compareVersions(a, b) {
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

export function policyText(policy) {
  if (!policy) return "";
  const parts = [policy.requiredApprovals + " approval" + (policy.requiredApprovals === 1 ? "" : "s")];
  if ((policy.backupRequiredFor || []).length) parts.push("backup before " + policy.backupRequiredFor.join(", "));
  if (policy.promoteFrom) parts.push("promoted from " + policy.promoteFrom);
  if (policy.frozen) parts.push("frozen");
  if (policy.outOfOrder) parts.push("out of order allowed");
  return parts.join(", ");
}
