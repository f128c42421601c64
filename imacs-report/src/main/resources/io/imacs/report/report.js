(function () {
  'use strict';
  // All text from data goes through textContent or setAttribute, never innerHTML: names cannot inject markup.
  const t0 = performance.now();
  const D = JSON.parse(document.getElementById('imacs-data').textContent);
  const SVGNS = 'http://www.w3.org/2000/svg';
  // WCAG AA: each colour has at least 4.5:1 contrast on the white page (A's orange is darkened to #b45309 for that)
  const MODEL_COLOR = { A: '#b45309', B: '#1a73e8' };
  const OUTCOME_COLOR = { TP: '#2e7d32', FP: '#c62828', FN: '#7b1fa2', TN: '#757575' };
  const OUTCOME_NAME = { TP: 'true positive', FP: 'false positive', FN: 'false negative', TN: 'true negative' };
  const VIEWS = ['run', 'histogram', 'concept', 'confusion', 'location'];
  const MAX_STACK = 5; // tiles drawn per histogram bin (paper 5.1)
  const GRID = 8; // location heat map resolution
  const edges = D.edges;
  const nBins = edges.length - 1;
  // what the attributions explain: the class probability (paper) or, with --output logit, its logit
  const axisTitle = 'Shapley value (\u0394 ' + (D.output === 'logit' ? 'logit' : 'p') + '(' + (D.target == null ? 'class' : D.target) + '))';

  const segById = new Map();
  D.segs.forEach((s) => segById.set(s.id, s));
  let clusterIds = D.clusters.map((c) => c.id);
  D.segs.forEach((s) => { if (!clusterIds.includes(s.cluster)) clusterIds.push(s.cluster); });
  const runClusters = { ids: clusterIds.slice(), clusterOfSegment: D.segs.map((s) => s.cluster), distanceOfSegment: D.segs.map((s) => s.distance) };
  let maxAbs = 0;
  D.segs.forEach((s) => { maxAbs = Math.max(maxAbs, Math.abs(s.attribution)); });
  if (maxAbs === 0) maxAbs = 1;

  // the report opens on the Concept clusters view (issue 12)
  const state = { view: 'concept', clusterSort: 'holds', tileSort: 'attribution', outcome: 'all',
    model: 'both', disagree: 0, confCluster: null, pinned: null, reclustered: null, lastTile: null };
  const dirty = new Set(VIEWS);

  // ---------- DOM helpers ----------
  function fill(e, attrs, kids) {
    if (attrs) for (const k of Object.keys(attrs)) {
      const v = attrs[k];
      if (v == null) continue;
      if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    }
    for (const k of kids) if (k != null) e.append(k);
    return e;
  }
  const el = (tag, attrs, ...kids) => fill(document.createElement(tag), attrs, kids);
  const sv = (tag, attrs, ...kids) => fill(document.createElementNS(SVGNS, tag), attrs, kids);
  const fmt = (v) => (v == null ? '\u2014' : (v > 0 ? '+' : '') + v.toFixed(3)); // \u2014: a model without segments

  // ---------- statistics of the visible segments ----------
  function passes(s) {
    if (state.model !== 'both' && s.model !== state.model) return false;
    if (state.outcome === 'errors') { if (s.outcome !== 'FP' && s.outcome !== 'FN') return false; }
    else if (state.outcome !== 'all' && s.outcome !== state.outcome) return false;
    if (state.disagree > 0) {
      const im = D.images[s.image];
      const a = im && im.predictions.A, b = im && im.predictions.B;
      if (!a || !b || Math.abs(a.targetProbability - b.targetProbability) < state.disagree) return false;
    }
    return true;
  }
  const activeModels = () => (state.model === 'both' ? D.models : [state.model]);

  /** Bin i holds edges[i] <= a < edges[i+1]; the last bin is closed; values outside are clamped. */
  function binOf(a) {
    if (!(a >= edges[0])) return 0;
    if (a >= edges[nBins]) return nBins - 1;
    let lo = 0, hi = nBins;
    while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (edges[mid] <= a) lo = mid; else hi = mid; }
    return lo;
  }

  function tileOrder(x, y) {
    const d = state.tileSort === 'distance' ? x.distance - y.distance : y.attribution - x.attribution;
    return d !== 0 ? d : x.id - y.id;
  }

  function compute() {
    const byId = new Map();
    for (const id of clusterIds) {
      const models = {};
      for (const m of D.models) models[m] = { segs: [], sum: 0, mean: 0, hist: new Array(nBins).fill(0), outcomes: { TP: 0, FP: 0, FN: 0, TN: 0 } };
      byId.set(id, { id, models, size: 0 });
    }
    let shown = 0;
    for (const s of D.segs) {
      if (!passes(s)) continue;
      const ms = byId.get(s.cluster).models[s.model];
      if (!ms) continue;
      ms.segs.push(s); ms.sum += s.attribution; ms.hist[binOf(s.attribution)]++; ms.outcomes[s.outcome] = (ms.outcomes[s.outcome] || 0) + 1;
      shown++;
    }
    let maxMean = -Infinity, minMean = 0, maxSize = 1;
    for (const st of byId.values()) {
      st.best = -Infinity;
      for (const m of D.models) {
        const ms = st.models[m];
        ms.count = ms.segs.length; ms.mean = ms.count ? ms.sum / ms.count : null; // no segments: no mean, not 0
        ms.segs.sort(tileOrder);
        st.size += ms.count;
        if (ms.count) { st.best = Math.max(st.best, ms.mean); minMean = Math.min(minMean, ms.mean); }
      }
      st.imbalance = st.models.A.count && st.models.B.count ? Math.abs(st.models.A.mean - st.models.B.mean) : null;
      maxMean = Math.max(maxMean, st.best);
      maxSize = Math.max(maxSize, st.size);
    }
    if (!isFinite(maxMean)) maxMean = 0;
    const key = { holds: (st) => -runOrder(st.id), imbalance: (st) => (st.imbalance == null ? -1 : st.imbalance), mean: (st) => st.best, size: (st) => st.size }[state.clusterSort];
    const list = [...byId.values()].sort((x, y) => (key(y) - key(x)) || (x.id - y.id));
    return { list, byId, maxMean, minMean, maxSize, shown };
  }

  // ---------- shared pieces ----------
  /** What a tile says to a screen reader: model, image, outcome, attribution. */
  function tileLabel(s) {
    const im = D.images[s.image];
    // the badge's text (TP, FP, ...) is part of the name, as WCAG 2.5.3 (label in name) asks
    return 'model ' + s.model + ', image ' + (im ? im.id : '?') + ', ' + s.outcome + ' (' + (OUTCOME_NAME[s.outcome] || s.outcome) + '), attribution ' + fmt(s.attribution);
  }

  // overview tiles ('otile') repeat detail tiles: shown and hoverable, but not extra tab stops
  function tile(s, px, withBar, cls) {
    const focusable = !cls;
    const t = el('div', { class: cls || 'tile', 'data-segment': s.id, 'data-model': s.model, 'data-outcome': s.outcome,
      role: focusable ? 'button' : 'img', tabindex: focusable ? '0' : null, 'aria-label': tileLabel(s),
      title: 'model ' + s.model + ' \u00b7 ' + (OUTCOME_NAME[s.outcome] || s.outcome) + ' \u00b7 attribution ' + fmt(s.attribution) });
    t.style.borderColor = OUTCOME_COLOR[s.outcome] || '#000';
    // the outcome in words too, not by colour alone
    const badge = el('span', { class: 'obadge' + (px < 28 ? ' small' : ''), 'aria-hidden': 'true', text: s.outcome || '?' });
    badge.style.background = OUTCOME_COLOR[s.outcome] || '#000';
    if (withBar) {
      const f = Math.min(1, Math.abs(s.attribution) / maxAbs) * 50;
      const bar = el('div', { class: 'abar' });
      const fillEl = el('div', { class: 'abar-fill' });
      fillEl.style.width = f + '%';
      fillEl.style.left = (s.attribution >= 0 ? 50 : 50 - f) + '%';
      fillEl.style.background = MODEL_COLOR[s.model];
      bar.append(fillEl);
      t.append(bar);
    }
    t.append(el('img', { src: D.assets[s.tile], width: px, height: px, alt: '', decoding: 'async', draggable: 'false' }), badge);
    return t;
  }

  function modelLabel(m) {
    const l = el('div', { class: 'row-label', text: m, title: 'model ' + m });
    l.style.color = MODEL_COLOR[m];
    return l;
  }

  function legend() {
    const lg = document.getElementById('legend');
    for (const m of D.models) {
      const sw = el('span', { class: 'swatch' }); sw.style.background = MODEL_COLOR[m];
      lg.append(el('span', { class: 'lg-item' }, sw, 'model ' + m));
    }
    for (const o of D.outcomes) {
      const sw = el('span', { class: 'swatch border' }); sw.style.borderColor = OUTCOME_COLOR[o];
      lg.append(el('span', { class: 'lg-item', title: OUTCOME_NAME[o] }, sw, o));
    }
  }

  // ---------- view 1: cluster histogram (paper 5.1) ----------
  function renderHistogram(view, C) {
    // tiles as large as the window allows (up to 48 px), so the shared axis uses the page's width
    const avail = Math.max(640, (view.clientWidth || document.documentElement.clientWidth || 1000) - 90);
    const px = Math.max(16, Math.min(48, Math.floor(avail / nBins) - 4));
    const col = px + 4;
    const stackH = MAX_STACK * (px + 2) + 16;
    const zeroX = (0 >= edges[0] && 0 <= edges[nBins]) ? col * (binOf(0) + (0 - edges[binOf(0)]) / (edges[binOf(0) + 1] - edges[binOf(0)])) : null;
    view.append(el('p', { class: 'note', text: 'Per cluster: model A above, model B below. Each bar is a stack of segment tiles binned by '
      + 'attribution (at most ' + MAX_STACK + ' drawn, the count on top); tile borders show the outcome. All clusters share the axis below.' }));
    const body = el('div', { class: 'hbody' });
    for (const st of C.list) {
      const sec = el('section', { class: 'cluster hcluster', 'data-cluster': st.id });
      // the same header as the Concept clusters view: size, each model's mean, the cluster's difference test
      sec.append(el('div', { class: 'hlabel' }, el('strong', { text: 'Cluster ' + st.id }), labelNote(st.id), el('span', { class: 'note means', text: meansText(st) }),
        differenceNote(st.id)));
      for (const m of activeModels()) {
        const ms = st.models[m];
        const per = Array.from({ length: nBins }, () => []);
        for (const s of ms.segs) per[binOf(s.attribution)].push(s);
        const bins = el('div', { class: 'bins' });
        bins.style.gridTemplateColumns = 'repeat(' + nBins + ', ' + col + 'px)';
        bins.style.height = stackH + 'px';
        per.forEach((ss, i) => {
          const b = el('div', { class: 'bin', 'data-bin': i, 'data-model': m, 'data-count': ss.length,
            title: ss.length + ' segments with attribution in [' + edges[i].toFixed(3) + ', ' + edges[i + 1].toFixed(3) + ')' });
          for (const s of ss.slice(0, MAX_STACK)) b.append(tile(s, px - 4, false));
          if (ss.length) b.append(el('span', { class: 'count', text: String(ss.length) }));
          bins.append(b);
        });
        if (zeroX != null) { const z = el('div', { class: 'zero' }); z.style.left = zeroX + 'px'; bins.append(z); }
        sec.append(el('div', { class: 'hrow', 'data-model': m }, modelLabel(m), bins));
      }
      body.append(sec);
    }
    // the ONE shared axis: ticks at bin edges, thinned so labels never overlap
    const axis = el('div', { class: 'haxis', id: 'histogram-axis' });
    const ticks = el('div', { class: 'ticks' });
    ticks.style.width = (nBins * col) + 'px';
    const step = Math.max(1, Math.ceil(52 / col));
    for (let i = 0; i <= nBins; i += step) {
      const tk = el('span', { class: 'tick', text: edges[i].toFixed(2) });
      tk.style.left = (i * col) + 'px';
      ticks.append(tk);
    }
    axis.append(el('div', { class: 'row-label' }), ticks);
    const title = el('div', { class: 'axis-title', text: axisTitle });
    title.style.width = (nBins * col) + 'px';
    view.append(body, axis, el('div', { class: 'haxis-title' }, el('div', { class: 'row-label' }), title));
  }

  // ---------- view 2: concept clusters (paper 5.2) ----------
  const PW = 170, PH = 104; // small plot size

  // every chart is one image to assistive technology, named by what it shows in words
  function plotFrame(cls, title, attrs, label) {
    const svg = sv('svg', Object.assign({ class: 'plot ' + cls, width: PW, height: PH, viewBox: '0 0 ' + PW + ' ' + PH,
      role: 'img', 'aria-label': title + ': ' + label }, attrs));
    svg.append(sv('text', { x: PW / 2, y: 11, 'text-anchor': 'middle', class: 'ptitle', text: title }));
    return svg;
  }

  function composition(st, C) {
    const ms = activeModels();
    const bars = [['all', st.size, '#202124']].concat(ms.map((m) => [m, st.models[m].count, MODEL_COLOR[m]]));
    const attrs = { 'data-total': st.size };
    ms.forEach((m) => { attrs['data-' + m.toLowerCase()] = st.models[m].count; });
    const svg = plotFrame('composition', 'composition (segments)', attrs, bars.map(([name, v]) => name + ' ' + v).join(', '));
    const top = 24, base = PH - 16, bw = 28, gap = (PW - 20 - bars.length * bw) / (bars.length + 1);
    svg.append(sv('line', { x1: 10, x2: PW - 10, y1: base, y2: base, class: 'axis' }));
    bars.forEach(([name, v, color], i) => {
      const h = (base - top) * v / C.maxSize, x = 10 + gap + i * (bw + gap);
      svg.append(sv('rect', { x, y: base - h, width: bw, height: h, fill: color }),
        sv('text', { x: x + bw / 2, y: base - h - 2, 'text-anchor': 'middle', class: 'pval', text: String(v) }),
        sv('text', { x: x + bw / 2, y: PH - 4, 'text-anchor': 'middle', class: 'plabel', text: name }));
    });
    return svg;
  }

  function coherence(st) {
    const ms = activeModels();
    const attrs = {};
    ms.forEach((m) => { attrs['data-hist-' + m.toLowerCase()] = st.models[m].hist.join(','); });
    const svg = plotFrame('coherence', 'coherence (all segments)', attrs, 'segments per Shapley value bin from ' + edges[0].toFixed(2) + ' to '
      + edges[nBins].toFixed(2) + ', ' + ms.map((m) => 'model ' + m + ': ' + st.models[m].hist.join(' ')).join('; '));
    const left = 8, right = PW - 8, top = 18, base = PH - 24, w = (right - left) / nBins;
    let max = 1;
    ms.forEach((m) => st.models[m].hist.forEach((v) => { max = Math.max(max, v); }));
    ms.forEach((m, k) => st.models[m].hist.forEach((v, i) => {
      if (!v) return;
      const h = (base - top) * v / max;
      svg.append(sv('rect', { x: left + i * w + k * w / ms.length, y: base - h, width: w / ms.length, height: h, fill: MODEL_COLOR[m] }));
    }));
    svg.append(sv('line', { x1: left, x2: right, y1: base, y2: base, class: 'axis' }));
    const xv = (v) => left + (v - edges[0]) / (edges[nBins] - edges[0]) * (right - left);
    if (edges[0] < 0 && edges[nBins] > 0) svg.append(sv('line', { x1: xv(0), x2: xv(0), y1: top, y2: base, class: 'zero-line' }));
    svg.append(sv('text', { x: left, y: base + 10, class: 'plabel', text: edges[0].toFixed(2) }),
      sv('text', { x: right, y: base + 10, 'text-anchor': 'end', class: 'plabel', text: edges[nBins].toFixed(2) }),
      sv('text', { x: PW / 2, y: PH - 3, 'text-anchor': 'middle', class: 'plabel', text: 'Shapley value' }));
    return svg;
  }

  function importance(st, C) {
    const ms = activeModels();
    const attrs = { 'data-max-mean': C.maxMean };
    ms.forEach((m) => { attrs['data-mean-' + m.toLowerCase()] = st.models[m].mean; });
    const svg = plotFrame('importance', 'importance (mean attribution)', attrs, ms.map((m) => 'model ' + m + ' ' + fmt(st.models[m].mean)).join(', ')
      + '; largest mean of any cluster ' + C.maxMean.toFixed(3));
    const lo = Math.min(0, C.minMean), hi = Math.max(C.maxMean, 0, lo + 1e-9);
    const left = 22, right = PW - 44, x = (v) => left + (v - lo) / (hi - lo) * (right - left);
    const rowH = 18, top = 22;
    ms.forEach((m, i) => {
      const v = st.models[m].mean, y = top + i * (rowH + 6);
      svg.append(sv('text', { x: 4, y: y + 13, class: 'plabel', fill: MODEL_COLOR[m], text: m }),
        sv('text', { x: right + 4, y: y + 13, class: 'pval', text: fmt(v) }));
      if (v != null) svg.append(sv('rect', { x: Math.min(x(0), x(v)), y, width: Math.abs(x(v) - x(0)), height: rowH, fill: MODEL_COLOR[m] }));
    });
    const bottom = top + ms.length * (rowH + 6);
    svg.append(sv('line', { x1: x(0), x2: x(0), y1: top - 2, y2: bottom, class: 'axis' }),
      sv('line', { x1: x(C.maxMean), x2: x(C.maxMean), y1: top - 4, y2: bottom + 2, class: 'ref-line' }),
      sv('text', { x: x(C.maxMean), y: bottom + 12, 'text-anchor': 'middle', class: 'plabel', text: 'max ' + C.maxMean.toFixed(3) }),
      sv('text', { x: PW / 2, y: PH - 3, 'text-anchor': 'middle', class: 'plabel', text: 'mean Shapley value' }));
    return svg;
  }

  // compare's order (clusters whose difference holds first, the surest first; then |mean A - mean B|), over all segments of the run
  // the summary compare wrote for cluster id (the run's k, or the k shown), or undefined
  const summaryOf = (id) => summaries.find((x) => x.id === id);
  function runOrder(id) {
    const c = summaryOf(id);
    return c ? c.order : Number.MAX_SAFE_INTEGER;
  }

  /** Size and each model's count and mean over the visible segments. */
  function meansText(st) {
    return st.size + ' segments \u00b7 ' + activeModels().map((m) => m + ': ' + st.models[m].count
      + ' (mean ' + fmt(st.models[m].mean) + ')').join(' \u00b7 ') + ' \u00b7 |\u0394 mean| ' + (st.imbalance == null ? '\u2014' : st.imbalance.toFixed(3));
  }

  const pText = (p) => (p < 0.001 ? '< 0.001' : '= ' + p.toFixed(3));

  const filtered = () => state.outcome !== 'all' || state.model !== 'both' || state.disagree > 0;

  // The whole cluster's test (computed by compare over all its segments, whatever the filters): does A - B hold?
  // Under a filter it is not a test of the visible segments, so it says "all segments" and is greyed out.
  function differenceNote(id) {
    const c = summaryOf(id);
    const d = c && c.difference;
    if (!d) return el('span', { class: 'note', text: '' });
    const holds = d.holds, stale = filtered();
    return el('span', { class: 'note diff' + (holds ? ' holds' : '') + (stale ? ' stale' : ''), 'data-p': d.pValue, 'data-scope': stale ? 'all' : 'visible',
      title: 'Permutation test (' + d.resamples + ' relabellings) and percentile bootstrap 95% interval of mean A \u2212 mean B, over all segments of the cluster'
        + (stale ? ' (the run\'s test: not recomputed for the filters)' : ''),
      text: ' \u00b7 ' + (stale ? 'all segments: ' : '') + 'A\u2212B ' + fmt(d.estimate) + ' [' + fmt(d.low) + ', ' + fmt(d.high) + '], p ' + pText(d.pValue)
        + (holds ? ' (holds)' : ' (could be chance)') });
  }

  // What the annotations say the cluster is (compare's ClusterLabeler), e.g. "watermark 100%"; mixed ones suggest a higher k
  function labelNote(id, short) {
    const c = summaryOf(id);
    const l = c && c.label;
    if (!l) return null;
    return el('span', { class: 'clabel' + (l.mixed ? ' mixed' : ''), 'data-label': l.text,
      title: l.describe + (l.mixed ? ': the cluster looks mixed; a higher k (Clusters k) may separate it' : ''),
      text: l.text + (l.mixed && !short ? ' \u00b7 mixed: try a higher k' : '') });
  }

  // A cluster's full rows and plots at the top of the window, below the sticky controls; focus on its first tile
  function scrollToCluster(id) {
    const target = document.getElementById('concept-cluster-' + id);
    if (!target) return;
    target.style.scrollMarginTop = (Math.ceil(document.getElementById('controls').getBoundingClientRect().height) + 4) + 'px';
    target.scrollIntoView({ block: 'start' });
    const first = target.querySelector('.tile');
    if (first) first.focus({ preventScroll: true });
  }

  // One screen, every cluster (the paper's Figure 5): a row per cluster with its top tiles per model, in the
  // clusters' current order; the cluster's name jumps to its full rows and plots below.
  function overview(view, C) {
    const ms = activeModels();
    const avail = Math.max(360, (view.clientWidth || document.documentElement.clientWidth || 1000) - 250);
    const per = Math.max(3, Math.floor(avail / ms.length / 27) - 2);
    const ov = el('div', { class: 'overview', id: 'concept-overview', role: 'list', 'aria-label': 'Overview: the top tiles of every cluster' });
    for (const st of C.list) {
      const go = el('button', { type: 'button', class: 'ogo', 'data-cluster': st.id, text: 'Cluster ' + st.id,
        title: 'go to all tiles and plots of cluster ' + st.id });
      go.addEventListener('click', () => scrollToCluster(st.id));
      const c = summaryOf(st.id), d = c && c.difference;
      const row = el('div', { class: 'orow', role: 'listitem', 'data-cluster': st.id },
        el('div', { class: 'ohead' }, go, labelNote(st.id, true), el('span', { class: 'note' + (filtered() ? ' stale' : ''),
          text: st.size + ' seg.' + (d ? ' \u00b7 p ' + pText(d.pValue) + (d.holds ? ' \u2713' : '') + (filtered() ? ' (all segments)' : '') : '') })));
      for (const m of ms) {
        const strip = el('div', { class: 'ostrip', 'data-model': m }, modelLabel(m));
        st.models[m].segs.slice(0, per).forEach((s) => strip.append(tile(s, 20, false, 'otile')));
        if (st.models[m].segs.length > per) strip.append(el('span', { class: 'note more', text: '+' + (st.models[m].segs.length - per) }));
        row.append(strip);
      }
      ov.append(row);
    }
    view.append(ov);
  }

  function renderConcept(view, C) {
    overview(view, C);
    view.append(el('p', { class: 'note', text: 'Per cluster one row of tiles per model, ordered by '
      + (state.tileSort === 'distance' ? 'distance to the cluster centroid (most typical first)' : 'attribution, high to low')
      + '. The bar above each tile shows its attribution (centre = 0, right = positive). Hover or click a tile for its source image.' }));
    for (const st of C.list) {
      const sec = el('section', { class: 'cluster ccluster', id: 'concept-cluster-' + st.id, 'data-cluster': st.id, 'data-size': st.size });
      const head = el('div', { class: 'chead' }, el('strong', { text: 'Cluster ' + st.id }), labelNote(st.id),
        el('span', { class: 'note means', text: meansText(st) }), differenceNote(st.id));
      const rows = el('div', { class: 'crows' });
      for (const m of activeModels()) {
        const strip = el('div', { class: 'strip' });
        for (const s of st.models[m].segs) strip.append(tile(s, 48, true));
        if (!st.models[m].segs.length) strip.append(el('span', { class: 'empty', text: 'no segments' }));
        rows.append(el('div', { class: 'crow', 'data-model': m }, modelLabel(m), strip));
      }
      const plots = el('div', { class: 'plots' }, composition(st, C), coherence(st), importance(st, C));
      sec.append(head, el('div', { class: 'cbody' }, rows, plots));
      view.append(sec);
    }
  }

  // ---------- view 3: cluster confusion matrix (paper 5.3) ----------
  function renderConfusion(view, C) {
    if (state.confCluster == null || !C.byId.has(state.confCluster)) state.confCluster = C.list.length ? C.list[0].id : null;
    const select = el('select', { id: 'confusion-cluster' });
    for (const st of C.list) {
      const lb = (summaryOf(st.id) || {}).label;
      const o = el('option', { value: st.id, text: 'Cluster ' + st.id + (lb ? ' \u00b7 ' + lb.text : '') + ' (' + st.size + ' segments)' });
      if (st.id === state.confCluster) o.selected = true;
      select.append(o);
    }
    select.addEventListener('change', () => { state.confCluster = Number(select.value); dirty.add('confusion'); render(); });
    view.append(el('div', { class: 'cm-select' }, el('label', null, 'Cluster ', select),
      el('span', { class: 'note', text: ' Rows: prediction for class ' + D.target + '; columns: ground truth.' })));
    if (state.confCluster == null) return;
    const st = C.byId.get(state.confCluster);
    const pair = el('div', { class: 'cm-pair', 'data-cluster-shown': st.id });
    for (const m of activeModels()) {
      const grid = el('div', { class: 'cm-grid' });
      grid.append(el('div'), el('div', { class: 'cm-axis', text: 'actual ' + D.target }), el('div', { class: 'cm-axis', text: 'actual other' }));
      const cell = (o) => {
        const ss = st.models[m].segs.filter((s) => s.outcome === o);
        const c = el('div', { class: 'cm-cell', 'data-model': m, 'data-outcome': o, 'data-count': ss.length });
        c.style.borderColor = OUTCOME_COLOR[o];
        const tiles = el('div', { class: 'cm-tiles' });
        ss.forEach((s) => tiles.append(tile(s, 40, true)));
        c.append(el('div', { class: 'cm-head', text: o + ' \u00b7 ' + OUTCOME_NAME[o] + ' \u00b7 ' + ss.length }), tiles);
        return c;
      };
      grid.append(el('div', { class: 'cm-axis side', text: 'predicted ' + D.target }), cell('TP'), cell('FP'),
        el('div', { class: 'cm-axis side', text: 'predicted other' }), cell('FN'), cell('TN'));
      const title = el('h3', { text: 'Model ' + m });
      title.style.color = MODEL_COLOR[m];
      pair.append(el('div', { class: 'cm', 'data-model': m }, title, grid));
    }
    view.append(pair);
  }

  // ---------- location summary (paper 7.0.2) ----------
  // weight of a segment in the heat map: 1 (where the segments are) or its positive attribution (where
  // the segments that raise the class are); the attribution is the Shapley value the other views show
  const LOCATION_WEIGHTS = { count: () => 1, attribution: (s) => Math.max(0, s.attribution) };
  function heat(segs, weight) {
    const g = Array.from({ length: GRID * GRID }, () => 0);
    for (const s of segs) {
      if (!s.normalisedBox) continue;
      const [x0, y0, x1, y1] = s.normalisedBox, area = Math.max(1e-12, (x1 - x0) * (y1 - y0)), w = weight(s);
      for (let i = 0; i < GRID; i++) for (let j = 0; j < GRID; j++) {
        const ox = Math.min(x1, (j + 1) / GRID) - Math.max(x0, j / GRID), oy = Math.min(y1, (i + 1) / GRID) - Math.max(y0, i / GRID);
        if (ox > 0 && oy > 0) g[i * GRID + j] += w * ox * oy / area; // each segment adds its weight in total
      }
    }
    return g;
  }

  /** A cell's value in words: whole segments as integers, else two decimals; attribution to three significant digits. */
  function density(v, by) {
    if (by !== 'count') return v === 0 ? '0' : v.toPrecision(3);
    return Math.abs(v - Math.round(v)) < 1e-9 ? String(Math.round(v)) : v.toFixed(2);
  }

  function renderLocation(view, C) {
    const by = state.locationWeight || 'count';
    const select = el('select', { id: 'location-weight' });
    for (const [value, text] of [['count', 'segment count'], ['attribution', 'attribution (positive part)']]) {
      const o = el('option', { value, text });
      if (value === by) o.selected = true;
      select.append(o);
    }
    select.addEventListener('change', () => { state.locationWeight = select.value; dirty.add('location'); render(); });
    view.append(el('div', { class: 'cm-select' }, el('label', null, 'Weight ', select)));
    const unit = by === 'count' ? 'segments per cell' : 'Shapley value (above 0) per cell';
    view.append(el('p', { class: 'note', text: 'Where in the images each cluster\u2019s segments come from, per model: the image area '
      + 'in an ' + GRID + '\u00d7' + GRID + ' grid (top of the square = top of the image); darker = '
      + (by === 'count' ? 'more segments there. Unit: segments per cell; each segment counts once, spread over the cells its box '
        + 'covers in proportion to the area, so a cell can hold a fraction of a segment.'
        : 'more attribution there. Unit: Shapley value (above 0) per cell, each segment\u2019s spread over the cells its box covers.')
      + ' Each map has its own scale, shown by the bar under it (0 to the map\u2019s largest cell).' }));
    const wrap = el('div', { class: 'lgrid' });
    const cell = 14, size = GRID * cell;
    for (const st of C.list) {
      const sec = el('section', { class: 'cluster lcluster', 'data-cluster': st.id }, el('strong', { text: 'Cluster ' + st.id }), labelNote(st.id));
      const maps = el('div', { class: 'lmaps' });
      for (const m of activeModels()) {
        const g = heat(st.models[m].segs, LOCATION_WEIGHTS[by]), max = Math.max(1e-12, ...g);
        const top = g.reduce((x, y) => Math.max(x, y), 0);
        const svg = sv('svg', { class: 'heatmap', 'data-model': m, 'data-weight': by, width: size + 2, height: size + 2, viewBox: '-1 -1 ' + (size + 2) + ' ' + (size + 2),
          role: 'img', 'aria-label': 'Cluster ' + st.id + ', model ' + m + ': where its segments lie in the image, up to ' + density(top, by) + ' ' + unit });
        g.forEach((v, k) => {
          const r = sv('rect', { class: 'heat-cell', x: (k % GRID) * cell, y: Math.floor(k / GRID) * cell, width: cell, height: cell,
            fill: MODEL_COLOR[m], 'fill-opacity': (v / max).toFixed(3), 'data-v': v.toFixed(4) });
          r.append(sv('title', { text: density(v, by) + ' ' + unit }));
          svg.append(r);
        });
        svg.append(sv('rect', { x: 0, y: 0, width: size, height: size, class: 'frame' }));
        // the colour scale: white (0) to the model's colour (this map's largest cell)
        const bar = el('span', { class: 'heat-bar', 'aria-hidden': 'true' });
        bar.style.background = 'linear-gradient(to right, #fff, ' + MODEL_COLOR[m] + ')';
        const scale = el('div', { class: 'heat-legend', 'data-min': 0, 'data-max': top.toFixed(4), title: 'colour scale: ' + unit },
          el('span', { class: 'heat-min', text: '0' }), bar, el('span', { class: 'heat-max', text: density(top, by) }));
        maps.append(el('figure', null, svg, scale, el('figcaption', { text: m + ' \u00b7 ' + st.models[m].count + ' segments' })));
      }
      sec.append(maps);
      wrap.append(sec);
    }
    view.append(wrap);
  }

  // ---------- hover / click panel (paper 7.0.1) ----------
  const panel = document.getElementById('hover-panel');
  function showPanel(id) {
    const s = segById.get(id);
    if (!s) return;
    const im = D.images[s.image];
    panel.replaceChildren();
    panel.setAttribute('data-segment', id);
    const close = el('button', { type: 'button', class: 'hp-close', title: 'close (Escape)', 'aria-label': 'Close the source image panel', text: '\u00d7' });
    close.addEventListener('click', closePanel);
    panel.append(close, el('div', { class: 'hp-title', text: 'Segment ' + s.id + ' \u00b7 model ' + s.model + ' \u00b7 cluster ' + s.cluster }));
    if (im && im.thumbnail >= 0 && s.workingBox && im.thumbnailWidth > 0) {
      const sc = 260 / Math.max(im.thumbnailWidth, im.thumbnailHeight);
      const svg = sv('svg', { class: 'hp-image', width: Math.round(im.thumbnailWidth * sc), height: Math.round(im.thumbnailHeight * sc), viewBox: '0 0 ' + im.thumbnailWidth + ' ' + im.thumbnailHeight,
        role: 'img', 'aria-label': 'source image ' + im.id + ' with segment ' + s.id + ' outlined' });
      svg.append(sv('image', { href: D.assets[im.thumbnail], x: 0, y: 0, width: im.thumbnailWidth, height: im.thumbnailHeight, preserveAspectRatio: 'none' }),
        sv('rect', { class: 'hp-box', x: s.workingBox[0], y: s.workingBox[1], width: s.workingBox[2], height: s.workingBox[3], stroke: MODEL_COLOR[s.model], 'stroke-width': Math.max(1, 2.5 / sc) }));
      panel.append(svg);
    }
    const dl = el('dl');
    const row = (k, v, cls) => dl.append(el('dt', { text: k }), el('dd', { text: v, class: cls }));
    row('image', im ? im.id : '(not in result)', 'id'); // a long id may wrap anywhere; the other values wrap at words
    row('label', im ? im.label : '');
    row('attribution', fmt(s.attribution) + (s.standardError > 0 ? ' \u00b1 ' + s.standardError.toFixed(3) : '') + ' (rank ' + s.rank + ')');
    row('outcome', s.outcome + ' (' + (OUTCOME_NAME[s.outcome] || '') + ') for model ' + s.model);
    if (im) for (const m of D.models) {
      const p = im.predictions[m];
      if (p) row('model ' + m, 'predicts ' + p.predicted + ', p(' + D.target + ') = ' + p.targetProbability.toFixed(3) + (p.outcome ? ', ' + p.outcome : ''));
    }
    row('distance to centroid', s.distance.toFixed(3));
    if (im) for (const k of Object.keys(im.annotations).sort()) row(k, im.annotations[k]);
    panel.append(dl);
    panel.hidden = false;
    document.getElementById('side-hint').hidden = true;
  }
  function closePanel() {
    const back = state.pinned != null ? state.lastTile : null;
    state.pinned = null;
    panel.hidden = true;
    document.getElementById('side-hint').hidden = false;
    if (back && back.isConnected && panel.contains(document.activeElement)) back.focus();
  }
  const tileOf = (e) => (e.target instanceof Element ? e.target.closest('.tile, .otile, .ftile') : null);
  document.addEventListener('mouseover', (e) => { const t = tileOf(e); if (t && state.pinned == null) showPanel(Number(t.dataset.segment)); });
  document.addEventListener('mouseout', (e) => {
    const t = tileOf(e);
    if (t && state.pinned == null && !(e.relatedTarget instanceof Element && t.contains(e.relatedTarget))) closePanel();
  });
  function pinTile(t) {
    const id = Number(t.dataset.segment);
    state.pinned = state.pinned === id ? null : id;
    state.lastTile = t;
    showPanel(id);
  }
  document.addEventListener('click', (e) => { const t = tileOf(e); if (t) pinTile(t); });
  // keyboard: Enter (or Space) on a tile opens its panel, Escape closes it
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden) { e.preventDefault(); closePanel(); return; }
    const t = tileOf(e);
    if (t && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); state.pinned = null; pinTile(t); }
  });

  // ---------- views, tabs and controls ----------
  const RENDER = { histogram: renderHistogram, concept: renderConcept, confusion: renderConfusion, location: renderLocation };
  function render() {
    for (const v of VIEWS) {
      document.getElementById('view-' + v).hidden = v !== state.view;
      const tab = document.getElementById('tab-' + v);
      tab.setAttribute('aria-selected', String(v === state.view));
      tab.tabIndex = v === state.view ? 0 : -1; // one tab stop; arrows move between tabs
    }
    document.body.setAttribute('data-view', state.view);
    document.getElementById('controls').hidden = state.view === 'run';
    placeSide();
    if (RENDER[state.view] && dirty.has(state.view)) {
      const C = compute();
      const view = document.getElementById('view-' + state.view);
      view.replaceChildren();
      if (C.shown === 0) // the filters leave nothing: say so, rather than empty frames
        view.append(el('p', { class: 'empty-state', role: 'status', text: 'no segments match the filters (outcome, model, disagreement \u2265 '
          + state.disagree + '); loosen them to see segments' }));
      else RENDER[state.view](view, C);
      dirty.delete(state.view);
      document.getElementById('filter-status').textContent = 'showing ' + C.shown + ' of ' + D.segs.length + ' segments'
        + (state.reclustered ? ' \u00b7 clusters for k = ' + state.reclustered + ' (as compare --clusters ' + state.reclustered + ')' : '');
    }
  }
  function controlChanged() {
    state.clusterSort = document.getElementById('sort-clusters').value;
    state.tileSort = document.getElementById('sort-tiles').value;
    state.outcome = document.getElementById('filter-outcome').value;
    state.model = document.getElementById('filter-model').value;
    const t = parseFloat(document.getElementById('filter-disagree').value);
    state.disagree = isFinite(t) ? Math.min(1, Math.max(0, t)) : 0; // |p_A - p_B| lies in [0, 1]
    VIEWS.forEach((v) => dirty.add(v));
    renderFindings();
    render();
  }
  ['sort-clusters', 'sort-tiles', 'filter-outcome', 'filter-model']
    .forEach((id) => document.getElementById(id).addEventListener('change', controlChanged));
  // the disagreement threshold applies while typing; when done, the field shows the clamped value
  const disagreeInput = document.getElementById('filter-disagree');
  let disagreeTimer = null;
  disagreeInput.addEventListener('input', () => { clearTimeout(disagreeTimer); disagreeTimer = setTimeout(controlChanged, 120); });
  disagreeInput.addEventListener('change', () => {
    clearTimeout(disagreeTimer);
    controlChanged();
    if (String(state.disagree) !== disagreeInput.value) disagreeInput.value = String(state.disagree);
  });
  function selectView(v) {
    state.view = v;
    history.replaceState(null, '', '#view=' + state.view);
    render();
  }
  const tabs = document.getElementById('tabs');
  tabs.addEventListener('click', (e) => {
    const b = e.target instanceof Element ? e.target.closest('button[data-view]') : null;
    if (b) selectView(b.dataset.view);
  });
  // WAI-ARIA tabs: Left/Right (and Home/End) move to the neighbouring tab and show it
  tabs.addEventListener('keydown', (e) => {
    const i = VIEWS.indexOf(state.view);
    const next = { ArrowRight: (i + 1) % VIEWS.length, ArrowLeft: (i + VIEWS.length - 1) % VIEWS.length, Home: 0, End: VIEWS.length - 1 }[e.key];
    if (next == null) return;
    e.preventDefault();
    selectView(VIEWS[next]);
    document.getElementById('tab-' + VIEWS[next]).focus();
  });

  // the source image panel has its own column, below the sticky controls: it never covers controls or plots
  const side = document.getElementById('side');
  function placeSide() {
    const controls = document.getElementById('controls');
    const top = state.view === 'run' ? 0 : Math.ceil(controls.getBoundingClientRect().height) + 8;
    side.style.top = top + 'px';
    side.style.maxHeight = 'calc(100vh - ' + (top + 8) + 'px)';
  }
  window.addEventListener('resize', placeSide);

  // ---------- another k (spec 3) ----------
  // compare clustered the segments with every k the page offers, exactly as --clusters k would; the page only
  // switches between those clusterings, so it never disagrees with the CLI. Clusters keep compare's ids.
  const byK = new Map((D.clusterings || []).map((x) => [x.k, x]));
  let summaries = D.clusters;
  function recluster(k) {
    const alt = byK.get(k);
    D.segs.forEach((s, j) => { s.cluster = alt.clusterOfSegment[j]; s.distance = alt.distanceOfSegment[j]; });
    clusterIds = alt.clusters.map((c) => c.id);
    summaries = alt.clusters;
    state.reclustered = k;
  }
  function resetClusters() {
    D.segs.forEach((s, j) => { s.cluster = runClusters.clusterOfSegment[j]; s.distance = runClusters.distanceOfSegment[j]; });
    clusterIds = runClusters.ids.slice();
    summaries = D.clusters;
    state.reclustered = null;
  }
  const kInput = document.getElementById('recluster-k');
  const runK = runClusters.ids.length;
  const offered = [runK, ...byK.keys()].sort((x, y) => x - y);
  kInput.value = String(runK);
  kInput.min = String(offered[0]);
  kInput.max = String(offered[offered.length - 1]);
  if (!byK.size) { // a result written before compare stored other ks
    kInput.disabled = true; document.getElementById('recluster').disabled = true;
  }
  // Enter in the k field shows that k, like the Show button
  kInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); document.getElementById('recluster').click(); }
  });
  document.getElementById('recluster').addEventListener('click', () => {
    const k = parseInt(kInput.value, 10);
    if (k !== runK && !byK.has(k)) { kInput.setCustomValidity('compare clustered k = ' + offered.join(', ')); kInput.reportValidity(); return; }
    kInput.setCustomValidity('');
    if (k === runK) {
      if (state.reclustered == null) return;
      resetClusters();
      document.getElementById('recluster-reset').hidden = true;
    } else {
      recluster(k);
      document.getElementById('recluster-reset').hidden = false;
    }
    controlChanged();
  });
  document.getElementById('recluster-reset').addEventListener('click', () => {
    resetClusters();
    kInput.value = String(runClusters.ids.length);
    document.getElementById('recluster-reset').hidden = true;
    controlChanged();
  });

  // ---------- the findings in words (compare's FindingWriter), above the tabs ----------
  // One sentence per cluster whose difference holds, with typical tiles and a link into the Concept view. They are
  // the run's (its k, all segments): under another k or a filter they say so rather than change.
  const FIRST_FINDINGS = 3;
  function renderFindings() {
    const box = document.getElementById('findings');
    if (!box) return;
    box.replaceChildren(el('h2', { id: 'findings-title', text: 'Findings' }));
    if (state.reclustered) box.append(el('p', { class: 'note stale', text: 'For the run\'s k = ' + runClusters.ids.length
      + ' and all segments; the views show k = ' + state.reclustered + '.' }));
    else if (filtered()) box.append(el('p', { class: 'note stale', text: 'Over all segments; the views below are filtered.' }));
    const findings = D.findings || [];
    if (!findings.length) { box.append(el('p', { class: 'finding none', text: D.findingsNone || 'No cluster\'s difference holds.' })); return; }
    // the first FIRST_FINDINGS on the first screen, the rest one click away, so the views stay in sight
    const list = el('ol', { class: 'findings' }), rest = el('ol', { class: 'findings', start: String(FIRST_FINDINGS + 1) });
    findings.forEach((f, i) => {
      const go = el('button', { type: 'button', class: 'fgo', 'data-cluster': f.cluster, text: 'show cluster ' + f.cluster });
      go.addEventListener('click', () => {
        if (state.reclustered) { resetClusters(); kInput.value = String(runK); document.getElementById('recluster-reset').hidden = true; }
        state.view = 'concept';
        history.replaceState(null, '', '#view=concept');
        controlChanged();
        scrollToCluster(f.cluster);
      });
      const tiles = el('div', { class: 'ftiles', 'aria-label': 'typical segments of model ' + f.more + ' in cluster ' + f.cluster });
      for (const id of f.tiles) { const sg = segById.get(id); if (sg) tiles.append(tile(sg, 28, false, 'ftile')); }
      (i < FIRST_FINDINGS ? list : rest).append(el('li', { class: 'finding', 'data-cluster': f.cluster, 'data-more': f.more },
        el('span', { class: 'ftext', text: f.text }), tiles, go));
    });
    box.append(list);
    if (findings.length > FIRST_FINDINGS)
      box.append(el('details', { class: 'more-findings' }, el('summary', { text: (findings.length - FIRST_FINDINGS) + ' more finding'
        + (findings.length - FIRST_FINDINGS > 1 ? 's' : '') }), rest));
  }

  // #view=NAME selects the first view; &export=1 hides the chrome for figure export
  const hash = new URLSearchParams(location.hash.slice(1));
  if (VIEWS.includes(hash.get('view'))) state.view = hash.get('view');
  if (hash.get('export')) document.body.classList.add('export');
  legend();
  controlChanged(); // honours control values a reload may have restored; renders the first view
  const root = document.documentElement;
  // the content's own height (not the window's), for figure export
  root.setAttribute('data-export-height', String(Math.ceil(document.body.getBoundingClientRect().height)));
  root.setAttribute('data-ready', '1');
  window.__imacs = { ready: true, renderMs: performance.now() - t0 };
})();
