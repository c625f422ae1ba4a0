// echodiff report: link echoes across the two texts and the table; hide echoes below a score;
// link reused passages across the two texts and the passage section.
(function () {
  'use strict';
  var scores = {};
  document.querySelectorAll('tr.ed-row[data-echo]').forEach(function (row) {
    scores[row.getAttribute('data-echo')] = parseFloat(row.getAttribute('data-score'));
  });
  var slider = document.getElementById('ed-threshold');
  var shown = document.getElementById('ed-threshold-value');
  var visible = document.getElementById('ed-visible');
  var marks = document.querySelectorAll('mark.ed-echo[data-echo]');
  var threshold = slider ? parseFloat(slider.value) : 0;

  function ids(el) {
    return (el.getAttribute('data-echo') || '').split(' ').filter(function (id) {
      return id && scores[id] !== undefined && scores[id] >= threshold - 1e-9;
    });
  }
  function band(s) { return s < 0.6 ? 1 : s < 0.7 ? 2 : s < 0.8 ? 3 : 4; }

  function apply() {
    threshold = parseFloat(slider.value);
    if (shown) { shown.textContent = threshold.toFixed(2); }
    var count = 0;
    Object.keys(scores).forEach(function (id) { if (scores[id] >= threshold - 1e-9) { count++; } });
    if (visible) { visible.textContent = String(count); }
    marks.forEach(function (m) {
      var live = ids(m);
      var best = Math.max.apply(null, live.map(function (id) { return scores[id]; }).concat([0]));
      m.classList.remove('ed-b1', 'ed-b2', 'ed-b3', 'ed-b4');
      m.classList.toggle('ed-off', live.length === 0);
      if (live.length) { m.classList.add('ed-b' + band(best)); }
      m.tabIndex = live.length ? 0 : -1;
    });
    document.querySelectorAll('.ed-tag[data-echo], tr.ed-row[data-echo]').forEach(function (el) {
      el.classList.toggle('ed-hidden', ids(el).length === 0);
    });
  }

  function each(list, fn) {
    list.forEach(function (id) {
      document.querySelectorAll('[data-echo~="' + id + '"]').forEach(fn);
    });
  }
  function hot(el, on) {
    each(ids(el), function (x) { x.classList.toggle('ed-hot', on); });
  }
  // scroll a text column (not the page) so its first piece of the echo is in view
  function reveal(column, id) {
    var target = column && column.querySelector('mark[data-echo~="' + id + '"]');
    if (!target) { return; }
    column.scrollTo({ top: Math.max(0, target.offsetTop - column.clientHeight / 3), behavior: 'smooth' });
  }
  function go(el) {
    var live = ids(el);
    if (!live.length) { return; }
    var here = el.closest('.ed-text');
    ['ed-text-left', 'ed-text-right'].forEach(function (name) {
      var column = document.getElementById(name);
      if (column !== here) { reveal(column, live[0]); }
    });
    if (!here) {
      var texts = document.getElementById('ed-texts');
      if (texts) { texts.scrollIntoView({ behavior: 'smooth', block: 'start' }); }
    }
    document.querySelectorAll('.ed-pinned').forEach(function (x) { x.classList.remove('ed-pinned', 'ed-hot'); });
    each(live, function (x) { x.classList.add('ed-pinned', 'ed-hot'); });
  }

  document.querySelectorAll('mark.ed-echo[data-echo], tr.ed-row[data-echo]').forEach(function (el) {
    el.addEventListener('mouseenter', function () { hot(el, true); });
    el.addEventListener('mouseleave', function () { if (!el.classList.contains('ed-pinned')) { hot(el, false); } });
    el.addEventListener('focus', function () { hot(el, true); });
    el.addEventListener('blur', function () { if (!el.classList.contains('ed-pinned')) { hot(el, false); } });
    el.addEventListener('click', function () { go(el); });
    el.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(el); }
    });
  });
  if (slider) { slider.addEventListener('input', apply); apply(); }

  // passages: pieces in the texts and the section's entries carry data-passage="p1"
  function pieces(id) {
    return document.querySelectorAll('.ed-psg[data-passage~="' + id + '"], details.ed-passage[data-passage="' + id + '"]');
  }
  function passages(el) { return (el.getAttribute('data-passage') || '').split(' ').filter(Boolean); }
  function phot(el, on) {
    passages(el).forEach(function (id) {
      pieces(id).forEach(function (x) { if (on || !x.classList.contains('ed-ppinned')) { x.classList.toggle('ed-phot', on); } });
    });
  }
  // scroll both text columns to where the passage starts and keep it lit
  function showPassage(id) {
    ['left', 'right'].forEach(function (side) {
      var column = document.getElementById('ed-text-' + side);
      var tag = document.getElementById('ed-' + id + '-' + side);
      if (column && tag) {
        column.scrollTo({ top: Math.max(0, tag.offsetTop - column.clientHeight / 4), behavior: 'smooth' });
      }
    });
    var texts = document.getElementById('ed-texts');
    if (texts) { texts.scrollIntoView({ behavior: 'smooth', block: 'start' }); }
    document.querySelectorAll('.ed-ppinned').forEach(function (x) { x.classList.remove('ed-ppinned', 'ed-phot'); });
    pieces(id).forEach(function (x) { x.classList.add('ed-ppinned', 'ed-phot'); });
  }
  document.querySelectorAll('.ed-psg[data-passage], details.ed-passage').forEach(function (el) {
    el.addEventListener('mouseenter', function () { phot(el, true); });
    el.addEventListener('mouseleave', function () { phot(el, false); });
  });
  document.querySelectorAll('a.ed-plink[data-passage]').forEach(function (a) {
    a.addEventListener('click', function (e) { e.preventDefault(); showPassage(a.getAttribute('data-passage')); });
  });
  // a passage's tag in a text leads to its entry in the section: open it on the way
  document.querySelectorAll('a.ed-ptag[data-passage]').forEach(function (a) {
    a.addEventListener('click', function () {
      var entry = document.getElementById('ed-' + a.getAttribute('data-passage'));
      if (entry) { entry.open = true; }
    });
  });
})();
