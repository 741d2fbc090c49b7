(function () {
  "use strict";
  var body = document.body;
  var tiles = Array.prototype.slice.call(document.querySelectorAll("#map .tile"));
  var table = document.getElementById("states");
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var layerButtons = Array.prototype.slice.call(document.querySelectorAll(".layers button"));
  var filterInput = document.getElementById("filter");
  var credFilter = document.getElementById("cred-filter");
  var changedFilter = document.getElementById("changed-filter");
  var rowCount = document.getElementById("row-count");
  var params = new URLSearchParams(window.location.search);
  var state = { layer: body.getAttribute("data-default-layer"), legendValue: "", sortKey: "", sortDir: "ascending" };
  var SHORT = {
    license: "LIC", certification: "CERT", registration: "REG", training: "TRN", none: "none", unknown: "?",
    allowed: "\u2713", conditional: "\u25D0", prohibited: "\u2715", unaddressed: "\u2013",
    changed: "\u25B2", unchanged: "", ok: "ok", stale: "stale", "fetch-problem": "!", "extraction-problem": "!",
    "never checked": "?"
  };

  function attr(el, layer) { return el.getAttribute("data-l-" + layer) || "unknown"; }

  function setLayer(layer) {
    if (!document.querySelector('.layers button[data-layer="' + layer + '"]')) { return; }
    state.layer = layer;
    state.legendValue = "";
    layerButtons.forEach(function (b) { b.setAttribute("aria-pressed", b.getAttribute("data-layer") === layer ? "true" : "false"); });
    var label = "";
    layerButtons.forEach(function (b) { if (b.getAttribute("data-layer") === layer) { label = b.textContent; } });
    document.getElementById("map-title").textContent = "coloured by " + label.toLowerCase();
    tiles.forEach(function (t) {
      var v = t.classList.contains("absent") ? "absent" : attr(t, layer);
      t.setAttribute("data-value", v);
      t.querySelector("small").textContent = t.classList.contains("absent") ? "" : (SHORT[v] !== undefined ? SHORT[v] : v);
      t.title = t.getAttribute("data-name") + ": " + (v === "absent" ? "not in this export" : v);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".legend"), function (ul) {
      ul.hidden = ul.getAttribute("data-legend") !== layer;
      Array.prototype.forEach.call(ul.querySelectorAll("button"), function (b) { b.setAttribute("aria-pressed", "false"); });
    });
    applyFilters();
  }

  function rowText(r) {
    if (!r._text) { r._text = r.textContent.toLowerCase(); }
    return r._text;
  }

  function applyFilters() {
    var q = (filterInput.value || "").trim().toLowerCase();
    var cred = credFilter.value;
    var onlyChanged = changedFilter && changedFilter.checked;
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!q || rowText(r).indexOf(q) !== -1)
        && (!cred || attr(r, "credential_requirement") === cred)
        && (!onlyChanged || r.getAttribute("data-changed") === "1")
        && (!state.legendValue || attr(r, state.layer) === state.legendValue);
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    var visible = {};
    rows.forEach(function (r) { if (!r.hidden) { visible[r.getAttribute("data-code")] = true; } });
    tiles.forEach(function (t) {  // the map shows which states the table keeps
      t.classList.toggle("dim", !t.classList.contains("absent") && shown < rows.length && !visible[t.getAttribute("data-code")]);
    });
    rowCount.textContent = shown + " of " + rows.length + " shown";
    body.setAttribute("data-visible-rows", String(shown));
  }

  function sortValue(r, index) {
    var cell = r.cells[index];
    return cell ? cell.getAttribute("data-sort") || "" : "";
  }

  function sortBy(key, dir) {
    var index = -1;
    headers.forEach(function (h, i) { if (h.getAttribute("data-key") === key) { index = i; } });
    if (index < 0) { return; }
    state.sortKey = key;
    state.sortDir = dir;
    headers.forEach(function (h, i) { h.setAttribute("aria-sort", i === index ? dir : "none"); });
    var sign = dir === "descending" ? -1 : 1;
    var sorted = rows.slice().sort(function (a, b) {
      var x = sortValue(a, index), y = sortValue(b, index);
      var nx = x !== "" && !isNaN(Number(x)), ny = y !== "" && !isNaN(Number(y));
      var unknownX = x === "" || x === "unknown" || x === "~", unknownY = y === "" || y === "unknown" || y === "~";
      if (unknownX !== unknownY) { return unknownX ? 1 : -1; }  // unknown values last in either direction
      var c;
      if (nx && ny) { c = Number(x) - Number(y); } else { c = x < y ? -1 : x > y ? 1 : 0; }
      if (c === 0) { c = a.getAttribute("data-code") < b.getAttribute("data-code") ? -1 : 1; return c; }
      return c * sign;
    });
    sorted.forEach(function (r) { tbody.appendChild(r); });
    body.setAttribute("data-sort", key + ":" + dir);
  }

  function select(code) {
    tiles.forEach(function (t) { t.classList.toggle("selected", t.getAttribute("data-code") === code); });
    rows.forEach(function (r) { r.classList.toggle("selected", r.getAttribute("data-code") === code); });
  }

  function onHash() {
    var m = /^#st-([A-Z]{2})$/.exec(window.location.hash);
    select(m ? m[1] : "");
  }

  layerButtons.forEach(function (b) { b.addEventListener("click", function () { setLayer(b.getAttribute("data-layer")); }); });
  Array.prototype.forEach.call(document.querySelectorAll(".legend button"), function (b) {
    b.addEventListener("click", function () {
      var v = b.getAttribute("data-filter-value");
      state.legendValue = state.legendValue === v ? "" : v;
      Array.prototype.forEach.call(b.closest(".legend").querySelectorAll("button"), function (o) {
        o.setAttribute("aria-pressed", o.getAttribute("data-filter-value") === state.legendValue ? "true" : "false");
      });
      applyFilters();
    });
  });
  headers.forEach(function (h) {
    function toggle() {
      var key = h.getAttribute("data-key");
      sortBy(key, state.sortKey === key && state.sortDir === "ascending" ? "descending" : "ascending");
    }
    h.addEventListener("click", toggle);
    h.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); }
    });
  });
  filterInput.addEventListener("input", applyFilters);
  credFilter.addEventListener("change", applyFilters);
  if (changedFilter) { changedFilter.addEventListener("change", applyFilters); }
  window.addEventListener("hashchange", onHash);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && /^#st-/.test(window.location.hash)) { window.location.hash = "#"; }
  });

  // deep links: ?layer=task_iv&q=text&cred=license&changed=1&value=prohibited&sort=min_clock_hours&dir=desc
  if (params.get("q")) { filterInput.value = params.get("q"); }
  if (params.get("cred")) { credFilter.value = params.get("cred"); }
  if (changedFilter && params.get("changed") === "1") { changedFilter.checked = true; }
  setLayer(params.get("layer") || state.layer);
  if (params.get("value")) {
    state.legendValue = params.get("value");
    var active = document.querySelector('.legend[data-legend="' + state.layer + '"] button[data-filter-value="' + state.legendValue + '"]');
    if (active) { active.setAttribute("aria-pressed", "true"); }
  }
  if (params.get("sort")) { sortBy(params.get("sort"), params.get("dir") === "desc" ? "descending" : "ascending"); }
  applyFilters();
  onHash();

  // what rendered, for people and for tests (`chromium --dump-dom`)
  var painted = tiles.filter(function (t) {
    var box = t.getBoundingClientRect();
    var bg = window.getComputedStyle(t).backgroundColor;
    return box.width > 0 && box.height > 0 && bg && bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent";
  }).length;
  var laidOut = rows.filter(function (r) { return !r.hidden && r.getBoundingClientRect().height > 0; }).length;
  body.setAttribute("data-tiles", String(tiles.length));
  body.setAttribute("data-tiles-painted", String(painted));
  body.setAttribute("data-rows", String(rows.length));
  body.setAttribute("data-rows-laid-out", String(laidOut));
  body.setAttribute("data-layer", state.layer);
  body.setAttribute("data-rendered", "1");
})();
