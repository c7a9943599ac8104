// Report charts (issue 13): each chart is drawn from the table under it, which is the data; the chart is hidden
// from assistive technology (aria-hidden) and suppressed cells are gaps, never numbers.
(function () {
  'use strict';
  if (typeof echarts === 'undefined') {
    return;
  }
  var palette = ['#005ea2', '#d83933', '#00a398', '#e5a000', '#8168b3', '#4d8055', '#a23737', '#3d4551', '#0076d6',
    '#936f38', '#c05600', '#1a4480', '#6f3331'];
  function number(cell) {
    var v = cell.getAttribute('data-value');
    return v === null || v === '' ? null : Number(v);
  }
  document.querySelectorAll('[data-chart]').forEach(function (box) {
    var table = document.getElementById(box.getAttribute('data-table'));
    if (!table) {
      return;
    }
    var kind = box.getAttribute('data-chart');
    var heads = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.textContent.trim(); });
    var columns = heads.slice(1);
    var last = columns.length;
    // The total column is not charted (it would dwarf the months).
    var totalColumn = table.getAttribute('data-total-column') === 'true';
    if (totalColumn) { last = columns.length - 1; }
    var rows = Array.prototype.filter.call(table.querySelectorAll('tbody tr'), function (tr) {
      return tr.getAttribute('data-total') !== 'true';
    }).map(function (tr) {
      var cells = tr.querySelectorAll('td');
      var values = [];
      for (var i = 0; i < last; i++) { values.push(number(cells[i])); }
      return { name: tr.querySelector('th').textContent.trim(), values: values };
    });
    var option;
    if (kind === 'bar-rows') {
      // One bar group per row, one series per column (e.g. programs by status).
      option = {
        color: palette, animation: false, legend: { top: 0, type: 'scroll' }, grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: rows.map(function (r) { return r.name; }), inverse: true },
        series: columns.slice(0, last).map(function (c, i) {
          return { name: c, type: 'bar', stack: 'all', data: rows.map(function (r) { return r.values[i]; }) };
        })
      };
      box.style.height = Math.max(220, 40 + rows.length * 28) + 'px';
    } else {
      option = {
        color: palette, animation: false, legend: { top: 0, type: 'scroll' }, grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: columns.slice(0, last) },
        yAxis: { type: 'value' },
        series: rows.slice(0, 12).map(function (r) {
          return { name: r.name, type: 'line', connectNulls: false, showSymbol: true, data: r.values };
        })
      };
      box.style.height = '320px';
    }
    var chart = echarts.init(box, null, { renderer: 'canvas' });
    chart.setOption(option);
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
