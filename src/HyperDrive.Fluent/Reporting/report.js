// HyperDrive.Fluent report and dashboard interactions (no libraries): table sort and filter, parallel-coordinates
// brushing that filters the table, the curve legend (search, top-N, toggles), the heat map's pair list, the marks'
// hover details (one tooltip for the page, from data-tip attributes and the decision timeline's data), and, on the
// dashboard, live updates from Server-Sent Events. The charts themselves are drawn by the server (SweepReport).
(function () {
  "use strict";
  var state = { filter: {}, sort: {}, brushes: {}, top: {}, search: {}, pair: {}, unchecked: {} };

  // Every element matching selector in root, root itself included (a handler that redraws one panel passes the panel).
  function each(root, selector, fn) {
    var found = Array.prototype.slice.call(root.querySelectorAll(selector));
    if (root.matches && root.matches(selector)) found.unshift(root);
    found.forEach(fn);
  }
  function keyOf(el) { var s = el.closest("[data-section]"); return s ? s.getAttribute("data-section") : "s0"; }
  function sectionOf(el) {
    var step = el.closest("section.step");
    return step || document.getElementById("run") || document;
  }

  // ----- the trials table: filter text, brushed trials, sort -----
  function applyTable(scope) {
    each(scope, "table.trials", function (table) {
      var panel = table.closest("[data-section]");
      var key = keyOf(table);
      var text = (state.filter[key] || "").toLowerCase();
      var brushed = brushedTrials(sectionOf(table));
      var shown = 0, rows = table.tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        var ok = (!text || row.textContent.toLowerCase().indexOf(text) >= 0) &&
          (!brushed || brushed[row.getAttribute("data-trial")] === true);
        row.classList.toggle("out", !ok);
        if (ok) shown++;
      }
      var count = panel && panel.querySelector(".table-count");
      if (count) count.textContent = shown + " of " + rows.length + " trials shown";
    });
  }

  function sortTable(table, column, descending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    function value(row) {
      var cell = row.cells[column];
      if (!cell) return "";
      var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
      var n = parseFloat(raw);
      return raw !== "" && !isNaN(n) && /^[-+0-9.eE]+$/.test(raw) ? n : raw.toLowerCase();
    }
    rows.sort(function (a, b) {
      var x = value(a), y = value(b);
      var missingX = x === "\u2014" || x === "", missingY = y === "\u2014" || y === "";
      if (missingX !== missingY) return missingX ? 1 : -1;
      var c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return descending ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    each(table, "th", function (th, i) {
      th.classList.toggle("sorted-asc", i === column && !descending);
      th.classList.toggle("sorted-desc", i === column && descending);
    });
  }

  // ----- parallel coordinates brushing -----
  function brushedTrials(scope) {
    var result = null;
    each(scope, ".pc", function (panel) {
      if (panel.closest("section.step") !== (scope.matches && scope.matches("section.step") ? scope : null)) return;
      var ranges = state.brushes[panel.getAttribute("data-section")] || {};
      var axes = Object.keys(ranges);
      if (axes.length === 0) return;
      result = {};
      each(panel, "g.lines path", function (path) {
        var ys = (path.getAttribute("data-ys") || "").split(" ");
        var ok = axes.every(function (a) {
          var y = parseFloat(ys[+a]);
          return !isNaN(y) && y >= ranges[a][0] && y <= ranges[a][1];
        });
        result[path.getAttribute("data-trial")] = ok;
      });
    });
    return result;
  }

  function applyBrushes(scope) {
    each(scope, ".pc", function (panel) {
      var key = panel.getAttribute("data-section");
      var ranges = state.brushes[key] || {};
      var axes = Object.keys(ranges);
      var svg = panel.querySelector("svg");
      if (!svg) return;
      each(svg, "rect.brush", function (r) { r.parentNode.removeChild(r); });
      var layer = svg.querySelector("g.brushes");
      axes.forEach(function (a) {
        var area = layer.querySelector('rect[data-axis="' + a + '"]');
        var r = document.createElementNS("http://www.w3.org/2000/svg", "rect");
        r.setAttribute("class", "brush");
        r.setAttribute("x", area.getAttribute("x"));
        r.setAttribute("width", area.getAttribute("width"));
        r.setAttribute("y", ranges[a][0]);
        r.setAttribute("height", Math.max(1, ranges[a][1] - ranges[a][0]));
        r.style.pointerEvents = "none";
        layer.appendChild(r);
      });
      var kept = 0, total = 0;
      each(panel, "g.lines path", function (path) {
        var ys = (path.getAttribute("data-ys") || "").split(" ");
        var ok = axes.every(function (a) {
          var y = parseFloat(ys[+a]);
          return !isNaN(y) && y >= ranges[a][0] && y <= ranges[a][1];
        });
        path.classList.toggle("dim", !ok);
        total++; if (ok) kept++;
      });
      var status = panel.querySelector(".brush-status");
      if (status) status.textContent = axes.length ? kept + " of " + total + " trials in range" : "";
    });
  }

  function svgY(svg, event) {
    var point = svg.createSVGPoint();
    point.x = event.clientX; point.y = event.clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse()).y;
  }

  function wireBrushing(scope) {
    each(scope, ".pc", function (panel) {
      var key = panel.getAttribute("data-section");
      var svg = panel.querySelector("svg");
      if (!svg) return;
      var layer = svg.querySelector("g.brushes");
      if (!layer) return;
      var top = parseFloat(layer.getAttribute("data-top")), bottom = parseFloat(layer.getAttribute("data-bottom"));
      each(layer, "rect.brush-area", function (area) {
        area.addEventListener("pointerdown", function (e) {
          e.preventDefault();
          state.dragging = true; // a live refresh waits for the drag to end (it would replace the dragged chart)
          var axis = area.getAttribute("data-axis");
          var start = Math.min(bottom, Math.max(top, svgY(svg, e)));
          function move(ev) {
            var y = Math.min(bottom, Math.max(top, svgY(svg, ev)));
            state.brushes[key] = state.brushes[key] || {};
            state.brushes[key][axis] = [Math.min(start, y), Math.max(start, y)];
            applyBrushes(panel); applyTable(sectionOf(panel));
          }
          function up(ev) {
            window.removeEventListener("pointermove", move);
            window.removeEventListener("pointerup", up);
            state.dragging = false;
            var y = Math.min(bottom, Math.max(top, svgY(svg, ev)));
            if (Math.abs(y - start) < 2 && state.brushes[key]) delete state.brushes[key][axis]; // a click clears the axis
            applyBrushes(panel); applyTable(sectionOf(panel));
          }
          window.addEventListener("pointermove", move);
          window.addEventListener("pointerup", up);
        });
      });
      var clear = panel.querySelector(".brush-clear");
      if (clear) clear.addEventListener("click", function () { state.brushes[key] = {}; applyBrushes(panel); applyTable(sectionOf(panel)); });
    });
  }

  // ----- the curves' legend -----
  function applyLegend(scope) {
    each(scope, ".curves", function (panel) {
      var key = keyOf(panel);
      var text = (state.search[key] || "").toLowerCase();
      var top = state.top[key] || "all";
      var unchecked = state.unchecked[key] || {};
      var items = panel.querySelectorAll(".legend-list li");
      var visible = {}, listed = 0;
      for (var i = 0; i < items.length; i++) {
        var li = items[i], trial = li.getAttribute("data-trial");
        var inTop = top === "all" || i < +top;
        var matches = !text || li.textContent.toLowerCase().indexOf(text) >= 0;
        li.classList.toggle("hidden", !(inTop && matches));
        var box = li.querySelector("input");
        box.checked = !unchecked[trial];
        if (inTop && matches) listed++;
        visible[trial] = inTop && matches && !unchecked[trial];
      }
      each(panel, "g.series", function (g) { g.style.display = visible[g.getAttribute("data-trial")] ? "" : "none"; });
      var count = panel.querySelector(".legend-count");
      if (count) count.textContent = listed + " of " + items.length + " trials";
    });
  }

  // ----- the search boxes (table filter, legend search) -----
  // The page's markup has a slot for each: a text box present when parsing ends makes Chromium's form handling lay out the
  // whole page at once, charts off screen included (a second or so for a thousand trials), so the boxes come after the
  // first frame, when the panels off screen are skipped.
  function searchBoxes(scope) {
    each(scope, "span.search-slot", function (slot) {
      var input = document.createElement("input");
      input.type = "search";
      input.className = slot.getAttribute("data-class");
      input.placeholder = slot.getAttribute("data-label");
      input.setAttribute("aria-label", input.placeholder);
      slot.parentNode.replaceChild(input, slot);
      var panel = input.closest(".curves"), key = keyOf(panel || input);
      if (panel) {
        input.value = state.search[key] || "";
        input.addEventListener("input", function () { state.search[key] = input.value; applyLegend(panel); });
      } else {
        input.value = state.filter[key] || "";
        input.addEventListener("input", function () { state.filter[key] = input.value; applyTable(sectionOf(input)); });
      }
    });
  }

  function afterFirstFrame(fn) {
    if (window.requestAnimationFrame) requestAnimationFrame(function () { setTimeout(fn, 0); }); else setTimeout(fn, 0);
  }

  function wire(scope, firstRender) {
    if (!firstRender) searchBoxes(scope);
    each(scope, "table.trials", function (table) {
      var key = keyOf(table);
      each(table, "th", function (th, i) {
        th.addEventListener("click", function () {
          var s = state.sort[key];
          var descending = s && s.column === i ? !s.descending : false;
          state.sort[key] = { column: i, descending: descending };
          sortTable(table, i, descending);
        });
      });
      if (state.sort[key]) sortTable(table, state.sort[key].column, state.sort[key].descending);
    });
    each(scope, ".curves", function (panel) {
      var key = keyOf(panel);
      var top = panel.querySelector(".legend-top");
      if (top) {
        if (!state.top[key] && panel.querySelectorAll(".legend-list li").length > 25) state.top[key] = "25";
        top.value = state.top[key] || "all";
        top.addEventListener("change", function () { state.top[key] = top.value; applyLegend(panel); });
      }
      each(panel, ".legend-list input", function (box) {
        box.addEventListener("change", function () {
          var trial = box.closest("li").getAttribute("data-trial");
          state.unchecked[key] = state.unchecked[key] || {};
          if (box.checked) delete state.unchecked[key][trial]; else state.unchecked[key][trial] = true;
          applyLegend(panel);
        });
      });
    });
    each(scope, ".contour-pick", function (select) {
      var group = select.getAttribute("data-for");
      function show() {
        state.pair[group] = select.value;
        each(document, '.contour[data-group="' + group + '"]', function (c) {
          if (c.getAttribute("data-pair") !== select.value) { c.setAttribute("hidden", "hidden"); return; }
          var lazy = c.querySelector("template.lazy"); // drawn by the server, put in place when first picked
          if (lazy) c.replaceChild(lazy.content, lazy);
          c.removeAttribute("hidden");
        });
      }
      if (state.pair[group]) select.value = state.pair[group];
      select.addEventListener("change", show);
      show();
    });
    wireBrushing(scope);
    applyBrushes(scope);
    applyTable(scope);
    applyLegend(scope);
  }

  // ----- hover details: one tooltip for the page -----
  function tooltips() {
    var tip = null;
    function show(text, e) {
      if (!tip) {
        tip = document.createElement("div");
        tip.id = "tip";
        document.body.appendChild(tip);
      }
      tip.textContent = text; // text, never markup: values come from users
      tip.style.display = "block";
      var x = e.clientX + 14, y = e.clientY + 14;
      if (x + tip.offsetWidth > window.innerWidth - 4) x = Math.max(4, e.clientX - tip.offsetWidth - 10);
      if (y + tip.offsetHeight > window.innerHeight - 4) y = Math.max(4, e.clientY - tip.offsetHeight - 10);
      tip.style.left = x + "px"; tip.style.top = y + "px";
    }
    function hide() { if (tip) tip.style.display = "none"; }
    // The decision timeline draws its marks as three paths: the decision under the pointer is found from its x.
    function decisionAt(svg, e) {
      var data = svg.hyperdriveDecisions;
      if (!data) data = svg.hyperdriveDecisions = JSON.parse(svg.getAttribute("data-decisions"));
      var point = svg.createSVGPoint();
      point.x = e.clientX; point.y = e.clientY;
      var x = point.matrixTransform(svg.getScreenCTM().inverse()).x;
      var i = data.trial.length === 1 ? 0 : Math.round((x - data.x0) / data.dx);
      if (i < 0 || i >= data.trial.length || Math.abs(x - (data.x0 + i * data.dx)) > Math.max(6, Math.abs(data.dx) / 2)) return null;
      return data.trial[i] + " interval " + data.interval[i] + " (" + data.policies[data.policy[i]] + "): value " + data.value[i] +
        ", reference " + data.best[i] + ", threshold " + data.threshold[i] + " -> " + (data.stop[i] ? "terminate" : "continue");
    }
    document.addEventListener("pointermove", function (e) {
      var target = e.target && e.target.closest ? e.target : null;
      var marked = target && target.closest("[data-tip]");
      if (marked) { show(marked.getAttribute("data-tip"), e); return; }
      var timeline = target && target.closest("svg.timeline[data-decisions]");
      var text = timeline && decisionAt(timeline, e);
      if (text) show(text, e); else hide();
    });
    document.addEventListener("pointerleave", hide);
  }

  // ----- live (dashboard only) -----
  function live() {
    var events = document.body.getAttribute("data-events"), bodyUrl = document.body.getAttribute("data-body");
    if (!events || !bodyUrl || !window.EventSource) return;
    var badge = document.getElementById("live");
    var pending = false, running = false, lastEvent = 0;
    window.hyperdriveLive = { events: 0, refreshes: 0, lastEventAt: 0, lastRefreshAt: 0 };
    function refresh() {
      if (running) { pending = true; return; }
      if (state.dragging) { setTimeout(refresh, 150); return; }
      running = true; pending = false;
      fetch(bodyUrl, { cache: "no-store" }).then(function (r) { return r.ok ? r.text() : null; }).then(function (html) {
        if (html !== null) {
          var run = document.getElementById("run");
          run.innerHTML = html;
          wire(run);
          window.hyperdriveLive.refreshes++;
          window.hyperdriveLive.lastRefreshAt = Date.now();
        }
      }).catch(function () { }).then(function () {
        running = false;
        if (pending) setTimeout(refresh, 150);
      });
    }
    var source = new EventSource(events);
    source.onmessage = function (e) {
      window.hyperdriveLive.events++;
      window.hyperdriveLive.lastEventAt = Date.now();
      window.hyperdriveLive.lastData = e.data;
      var now = Date.now();
      if (now - lastEvent > 250 && !running) { lastEvent = now; refresh(); } else { pending = true; if (!running) setTimeout(refresh, 250); }
    };
    source.addEventListener("end", function () { if (badge) { badge.textContent = "finished"; badge.classList.add("off"); } source.close(); refresh(); });
    source.onerror = function () { if (badge) badge.classList.add("off"); };
    // The stream's URL carries what the page was drawn from: the server sends an event at once if the run moved since.
    source.onopen = function () { if (badge) badge.classList.remove("off"); };
  }

  wire(document, true);
  tooltips();
  live();
  afterFirstFrame(function () {
    searchBoxes(document);
    // First render done: every chart drawn and wired, every control in place (the benchmark measures from navigation
    // start to the frame after this mark; the UI tests wait for it).
    document.documentElement.setAttribute("data-ready", "true");
    if (window.performance && performance.mark) performance.mark("hyperdrive-ready");
  });
})();
