// dateline web app: zoom and pan of the overview charts. Plain JavaScript, no library, no network.
// The server draws every bin at full range (the page works without this script); here the same bins are
// laid out again for the visible window [lo, hi). The geometry constants match dateline/app/overview.py.
(function () {
  "use strict";
  var WIDTH = 1000, LEFT = 44, RIGHT = 12, TICKS = 8, MIN_BINS = 3, DRAG_PX = 4;

  function setup(svg) {
    var figure = svg.closest("figure");
    var bins = Array.prototype.slice.call(svg.querySelectorAll("a.bin"));
    var ticks = Array.prototype.slice.call(svg.querySelectorAll(".ticks text"));
    var line = svg.querySelector(".qline");
    var controls = figure && figure.querySelector(".zoom");
    var n = bins.length;
    if (n < MIN_BINS + 1 || !controls) { return; }
    var quoteY = line.getAttribute("points").split(" ").map(function (p) { return p.split(",")[1]; });
    var filterLink = controls.querySelector('[data-zoom="filter"]');
    var baseHref = filterLink.getAttribute("href");
    var lo = 0, hi = n;
    controls.hidden = false;

    function slot() { return (WIDTH - LEFT - RIGHT) / (hi - lo); }

    function layout() {
      var w = slot(), step = Math.max(1, Math.ceil((hi - lo) / TICKS)), points = [];
      bins.forEach(function (a, i) {
        var x = LEFT + (i - lo) * w, inside = i >= lo && i < hi;
        a.setAttribute("visibility", inside ? "visible" : "hidden");
        a.querySelector(".hit").setAttribute("x", x.toFixed(1));
        a.querySelector(".hit").setAttribute("width", w.toFixed(1));
        a.querySelector(".bar").setAttribute("x", (x + w * 0.1).toFixed(1));
        a.querySelector(".bar").setAttribute("width", (w * 0.8).toFixed(1));
        var mark = a.querySelector(".mark");
        if (mark) { mark.setAttribute("cx", (x + w / 2).toFixed(1)); }
        if (inside) { points.push((x + w / 2).toFixed(1) + "," + quoteY[i]); }
      });
      line.setAttribute("points", points.join(" "));
      ticks.forEach(function (t, i) {
        t.setAttribute("x", (LEFT + (i - lo + 0.5) * w).toFixed(1));
        t.setAttribute("visibility", i >= lo && i < hi && (i - lo) % step === 0 ? "visible" : "hidden");
      });
      var url = new URL(baseHref, window.location.href);
      if (lo > 0 || hi < n) {
        url.searchParams.set("start", bins[lo].dataset.start);
        url.searchParams.set("end", bins[hi - 1].dataset.end);
      }
      filterLink.setAttribute("href", url.pathname + url.search);
      figure.dataset.window = bins[lo].dataset.start + "/" + bins[hi - 1].dataset.end;
    }

    function zoom(factor, centre) {
      var span = hi - lo;
      var next = Math.max(MIN_BINS, Math.min(n, Math.round(span * factor)));
      var start = Math.round(centre - (centre - lo) * next / span);
      lo = Math.max(0, Math.min(n - next, start));
      hi = lo + next;
      layout();
    }

    function binAt(clientX) {
      var box = svg.getBoundingClientRect();
      var x = (clientX - box.left) / box.width * WIDTH;
      return lo + (x - LEFT) / slot();
    }

    controls.addEventListener("click", function (event) {
      var what = event.target.getAttribute("data-zoom");
      if (what === "in") { zoom(0.5, (lo + hi) / 2); }
      else if (what === "out") { zoom(2, (lo + hi) / 2); }
      else if (what === "reset") { lo = 0; hi = n; layout(); }
    });

    // Ctrl/Cmd + wheel (and trackpad pinch, which the browser reports as Ctrl + wheel) zooms at the
    // pointer; a plain wheel keeps scrolling the page.
    svg.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) { return; }
      event.preventDefault();
      zoom(event.deltaY < 0 ? 0.8 : 1.25, binAt(event.clientX));
    }, { passive: false });

    var drag = null, dragged = false;
    svg.addEventListener("pointerdown", function (event) {
      drag = { x: event.clientX, lo: lo, id: event.pointerId };
      dragged = false;
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      var box = svg.getBoundingClientRect();
      var dx = (event.clientX - drag.x) / box.width * WIDTH;
      if (!dragged && Math.abs(event.clientX - drag.x) < DRAG_PX) { return; }
      if (!dragged) { dragged = true; svg.classList.add("dragging"); svg.setPointerCapture(drag.id); }
      var span = hi - lo;
      lo = Math.max(0, Math.min(n - span, Math.round(drag.lo - dx / slot())));
      hi = lo + span;
      layout();
    });
    function endDrag() { drag = null; svg.classList.remove("dragging"); }
    svg.addEventListener("pointerup", endDrag);
    svg.addEventListener("pointercancel", endDrag);
    // A drag must not also follow the link of the bar it started on.
    svg.addEventListener("click", function (event) {
      if (dragged) { event.preventDefault(); dragged = false; }
    }, true);

    layout();
  }

  document.querySelectorAll("svg.chart").forEach(setup);
}());
