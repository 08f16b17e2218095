// Injected by tests/test_report.cpp after axe-core's axe.min.js into a copy of
// report.html (the report itself runs no script): checks the page against
// WCAG 2.0, 2.1 and 2.2 A and AA and writes each violation into a pre element
// (id axe-findings), one a line, for --dump-dom to read back.
(function () {
  var out = document.createElement('pre');
  out.id = 'axe-findings';
  out.textContent = 'RUNNING\n';
  document.body.appendChild(out);
  axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
    exclude: [['#axe-findings'], ['#layout-findings']]
  }).then(function (results) {
    var lines = ['checked ' + results.passes.length + ' rules passed, ' + results.violations.length + ' violated'];
    results.violations.forEach(function (v) {
      v.nodes.slice(0, 5).forEach(function (n) {
        lines.push(v.id + ' (' + v.impact + '): ' + v.help + ': ' + n.target.join(' ') + ' ' +
                   (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 200));
      });
      if (v.nodes.length > 5) lines.push(v.id + ': ' + (v.nodes.length - 5) + ' more');
    });
    out.textContent = lines.join('\n') + '\nEND\n';
  }, function (e) {
    out.textContent = 'axe failed: ' + e + '\nEND\n';
  });
})();
