/*
 * Sorting and filtering for the site's tables, written for this site, with no library and no
 * network access. Progressive enhancement: without JavaScript every table is complete and the
 * filter controls stay hidden.
 *
 *   <table data-px-sortable> with <th data-px-sort="text|number">: click a heading to sort;
 *     a cell's data-px-value, when present, is its sort key.
 *   <div data-px-for="TABLE-ID">: a text box [data-px-text] and selects [data-px-filter="KEY"]
 *     filter the rows by their text and by their data-KEY attribute; [data-px-count] shows the
 *     count. The filter is kept in the address (?field=...&q=...) so a filtered list can be linked.
 *   <table data-px-src="index.json">: a long list whose page embeds only its first rows; every row
 *     is loaded from that JSON file (same site) and rendered with textContent, never as HTML (the
 *     format is in generator/site/lists.py). A note [data-px-partial="TABLE-ID"] is then hidden.
 *   <div class="px-scroll">: when its table is wider than the screen, a hint says so, the edge
 *     shows a shadow (CSS) and the box can be scrolled from the keyboard (it takes the focus).
 */
(function () {
  "use strict";

  var collator = new Intl.Collator("zh-Hans-CN", { numeric: true });
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function sortKey(row, index, type) {
    var cell = row.cells[index];
    if (!cell) { return type === "number" ? 0 : ""; }
    var value = cell.getAttribute("data-px-value");
    var text = value !== null ? value : cell.textContent.trim();
    return type === "number" ? (parseFloat(text) || 0) : text;
  }

  function makeSortable(table) {
    if (!table.tHead || !table.tBodies.length) { return; }
    var headers = table.tHead.rows[0].cells;
    each(headers, function (th, index) {
      var type = th.getAttribute("data-px-sort");
      if (!type) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "px-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        each(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a, index, type);
          var y = sortKey(b, index, type);
          var order = type === "number" ? x - y : collator.compare(x, y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function makeFilterable(tools) {
    var table = document.getElementById(tools.getAttribute("data-px-for"));
    if (!table || !table.tBodies.length) { return; }
    var rows = table.tBodies[0].rows;
    var text = tools.querySelector("[data-px-text]");
    var selects = tools.querySelectorAll("[data-px-filter]");
    var count = tools.querySelector("[data-px-count]");
    var params = new URLSearchParams(window.location.search);

    if (text && params.get("q")) { text.value = params.get("q"); }
    each(selects, function (select) {
      var wanted = params.get(select.getAttribute("data-px-filter"));
      if (wanted !== null) { select.value = wanted; }
    });

    function apply() {
      var query = text ? text.value.trim().toLowerCase() : "";
      var shown = 0;
      each(rows, function (row) {
        var match = !query || row.textContent.toLowerCase().indexOf(query) !== -1;
        each(selects, function (select) {
          var key = select.getAttribute("data-px-filter");
          if (select.value && row.getAttribute("data-" + key) !== select.value) { match = false; }
        });
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      if (count) {
        count.textContent = shown === rows.length
          ? "共 " + rows.length + " 项"
          : "显示 " + shown + " 项，共 " + rows.length + " 项";
      }
      var next = new URLSearchParams();
      if (query) { next.set("q", text.value.trim()); }
      each(selects, function (select) {
        if (select.value) { next.set(select.getAttribute("data-px-filter"), select.value); }
      });
      var search = next.toString();
      var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(null, "", url);
      }
    }

    table.addEventListener("px-rows", apply);
    if (text) { text.addEventListener("input", apply); }
    each(selects, function (select) { select.addEventListener("change", apply); });
    tools.hidden = false;
    apply();
  }

  function makeCell(th, cell) {
    var td = document.createElement("td");
    td.setAttribute("data-label", th ? th.textContent.trim() : "");
    if (th && th.classList.contains("px-num")) { td.className = "px-num"; }
    if (cell.v !== undefined) { td.setAttribute("data-px-value", String(cell.v)); }
    var inner = td;
    if (cell.h) {
      inner = document.createElement("a");
      inner.setAttribute("href", cell.h);
    } else if (cell.w === "code" || cell.w === "span") {
      inner = document.createElement(cell.w);
      if (cell.k) { inner.className = cell.k; }
    }
    inner.textContent = String(cell.t);
    if (inner !== td) { td.appendChild(inner); }
    if (cell.i) {
      var id = document.createElement("span");
      id.className = "px-id";
      id.textContent = String(cell.i);
      td.appendChild(id);
    }
    return td;
  }

  function fill(table, list) {
    var headers = table.tHead.rows[0].cells;
    var body = table.tBodies[0];
    var rows = document.createDocumentFragment();
    list.rows.forEach(function (row) {
      var tr = document.createElement("tr");
      Object.keys(row.d || {}).forEach(function (key) {
        if (/^[a-z]+$/.test(key)) { tr.setAttribute("data-" + key, String(row.d[key])); }
      });
      row.c.forEach(function (cell, index) { tr.appendChild(makeCell(headers[index], cell)); });
      rows.appendChild(tr);
    });
    while (body.firstChild) { body.removeChild(body.firstChild); }
    body.appendChild(rows);
    each(headers, function (h) { h.removeAttribute("aria-sort"); });
    each(document.querySelectorAll("[data-px-partial]"), function (note) {
      if (note.getAttribute("data-px-partial") === table.id) { note.hidden = true; }
    });
    table.dispatchEvent(new CustomEvent("px-rows"));
  }

  function load(table) {
    if (!window.fetch || !table.tHead || !table.tBodies.length) { return; }
    window.fetch(table.getAttribute("data-px-src"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (list) { if (list && list.rows) { fill(table, list); } })
      .catch(function () { /* the embedded rows and the note stay */ });
  }

  function scrollCue(wrap) {
    var hint = null;
    function update() {
      var wide = wrap.scrollWidth > wrap.clientWidth + 1;
      if (wide && !hint) {
        hint = document.createElement("p");
        hint.className = "px-scroll-hint";
        hint.textContent = "表格较宽，左右滑动可查看全部列";
        wrap.parentNode.insertBefore(hint, wrap);
      }
      if (hint) { hint.hidden = !wide; }
      if (wide) {
        wrap.setAttribute("data-px-wide", "");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : "可左右滚动的表格");
      } else {
        wrap.removeAttribute("data-px-wide");
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }
    update();
    window.addEventListener("resize", update);
  }

  function init() {
    each(document.querySelectorAll(".px-scroll"), scrollCue);
    each(document.querySelectorAll("table[data-px-sortable]"), makeSortable);
    each(document.querySelectorAll("[data-px-for]"), makeFilterable);
    each(document.querySelectorAll("table[data-px-src]"), load);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
