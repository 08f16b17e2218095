// Injected by tests/test_report.cpp into a copy of report.html (the report
// itself runs no script): measures the laid-out page and writes what it finds
// into a pre element (id layout-findings), one problem a line, read back by --dump-dom.
(function () {
  var problems = [];
  var tol = 0.5;
  function name(el) {
    var s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    else if (el.getAttribute && el.getAttribute('class')) s += '.' + String(el.getAttribute('class')).split(' ')[0];
    var up = el.closest ? el.closest('[id]') : null;
    if (up && up !== el) s += ' in #' + up.id;
    var text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);
    return s + ' "' + text + '"';
  }
  var root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1)
    problems.push('page: ' + root.scrollWidth + ' px wide in a ' + root.clientWidth + ' px window');
  // Every HTML element: inside its parent, and its content inside it.
  var all = document.body.querySelectorAll('*');
  for (var i = 0; i < all.length; ++i) {
    var el = all[i];
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    if (el.id === 'layout-findings') continue;
    // The contents of a closed <details> (a chart's figures as a table) are not on the page.
    var closed = el.closest('details:not([open])');
    if (closed && el.parentElement !== closed) continue;
    if (closed && el.tagName.toLowerCase() !== 'summary') continue;
    var r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;  // not rendered (a closed <details>)
    var style = getComputedStyle(el);
    if (style.display !== 'inline' && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
      problems.push('content wider than its box (' + el.scrollWidth + ' > ' + el.clientWidth + '): ' + name(el));
    var p = el.parentElement;
    if (!p || p === document.body || p === root) {
      if (r.right > root.clientWidth + tol || r.left < -tol) problems.push('outside the page: ' + name(el));
      continue;
    }
    var q = p.getBoundingClientRect();
    if (r.right > q.right + tol || r.left < q.left - tol)
      problems.push('sticks out of its container (' + Math.round(r.left) + '..' + Math.round(r.right) + ' in ' +
                    Math.round(q.left) + '..' + Math.round(q.right) + '): ' + name(el));
  }
  // SVG texts: each inside its chart, and no two overlapping.
  var svgs = document.querySelectorAll('svg');
  var labels = 0;
  for (var s = 0; s < svgs.length; ++s) {
    var box = svgs[s].getBoundingClientRect();
    var texts = svgs[s].querySelectorAll('text');
    var rects = [];
    for (var t = 0; t < texts.length; ++t) {
      var b = texts[t].getBoundingClientRect();
      if (b.width === 0) continue;
      ++labels;
      rects.push([b, texts[t]]);
      if (b.left < box.left - tol || b.right > box.right + tol || b.top < box.top - tol || b.bottom > box.bottom + tol)
        problems.push('text leaves its chart: "' + texts[t].textContent + '" in ' + name(svgs[s].parentElement));
    }
    for (var a = 0; a < rects.length; ++a)
      for (var c = a + 1; c < rects.length; ++c) {
        var x = rects[a][0], y = rects[c][0];
        var w = Math.min(x.right, y.right) - Math.max(x.left, y.left);
        var h = Math.min(x.bottom, y.bottom) - Math.max(x.top, y.top);
        if (w > tol && h > tol)
          problems.push('texts overlap: "' + rects[a][1].textContent + '" and "' + rects[c][1].textContent + '" in ' +
                        name(svgs[s].parentElement));
      }
  }
  var out = document.createElement('pre');
  out.id = 'layout-findings';
  out.textContent = 'measured ' + all.length + ' elements, ' + svgs.length + ' charts, ' + labels + ' chart texts\n' +
                    problems.map(function (p) { return p + '\n'; }).join('') + 'END\n';
  document.body.appendChild(out);
})();
