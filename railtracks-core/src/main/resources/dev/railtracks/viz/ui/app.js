// Railtracks visualiser: reads api/sessions and api/sessions/{id} relative to this page, so the same files work
// under the command-line server (/) and under a Spring Boot application (railtracks.viz.path); with durable flows,
// also api/durable/runs (absent elsewhere: the durable runs' section stays hidden).
'use strict';

(function () {
  const POLL_MS = 2000;
  // Listing durable runs reads every run's checkpoints on the server: less often than the sessions.
  const DURABLE_POLL_MS = 10000;
  const MASK = '******';
  // World units of the layout: a node box, a row, a column.
  const W = 170, H = 28, ROW = 38, COL = 220;
  // Runs of more leaf children than this are packed into several columns, so a 10 000-way fan-out stays compact.
  const MAX_LEAF_ROWS = 24;

  const $ = (id) => document.getElementById(id);
  const canvas = $('canvas');
  const ctx = canvas.getContext('2d');

  const state = {
    summaries: [], durableRuns: [], durableOperations: false, currentId: null, revision: null, graph: null, stepIndex: 0, following: true,
    selected: null, view: { scale: 1, tx: 20, ty: 20 }, playing: null, loadStarted: 0, timingLoad: false,
  };

  // ---- the API -------------------------------------------------------------------------------------------------

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    let body = null;
    try { body = await response.json(); } catch (e) { /* reported below */ }
    if (!response.ok) {
      throw new Error((body && body.error) ? body.error : (response.status + ' ' + response.statusText + ' for ' + url));
    }
    if (body === null) throw new Error('The server sent something that is not JSON for ' + url);
    return body;
  }

  function showError(message) {
    const error = $('error');
    error.textContent = message || '';
    error.title = message || '';
    error.hidden = !message;
  }

  // ---- session list --------------------------------------------------------------------------------------------

  // The original's server lists whole session files; ours lists summaries with a source. Both become this shape.
  function summarise(item) {
    const runs = Array.isArray(item.runs) ? item.runs : [];
    const nodeCount = (typeof item.node_count === 'number') ? item.node_count
      : runs.reduce((n, run) => n + (Array.isArray(run.nodes) ? run.nodes.length : 0), 0);
    const statuses = runs.map((run) => run.status);
    const source = item.source || 'saved';
    // Only a session the server is running runs: a saved or closed one that left a run open (the original leaves
    // them open after a timeout) never finished it.
    const status = item.error ? 'unreadable' : source === 'running' ? 'running'
      : statuses.includes('Open') ? 'unfinished' : statuses.includes('Failed') ? 'failed' : 'completed';
    // A flow's sessions go by the flow's name, as their files do.
    const name = item.flow_name || item.session_name || (runs.length === 1 ? runs[0].name : runs.length + ' runs');
    return { id: item.session_id, name: name || item.file || 'session', source, flow: item.flow_name || null,
      start: item.start_time, runs: runs.length, nodeCount, status, file: item.file, error: item.error,
      revision: item.revision };
  }

  async function refreshList() {
    let items;
    try {
      items = await getJson('api/sessions');
    } catch (e) {
      showError('Could not list sessions: ' + e.message);
      return;
    }
    if (!Array.isArray(items)) { showError('api/sessions did not return a list'); return; }
    state.summaries = items.map(summarise);
    renderList();
    const current = state.summaries.find((s) => s.id === state.currentId && !s.error);
    $('live').hidden = !(current && current.status === 'running');
    if (current && current.revision && state.revision && current.revision !== state.revision) {
      state.revision = current.revision; // one reload per change, however long it takes
      loadSession(current.id, true);
    }
  }

  function renderList() {
    const groups = [['running', 'Running'], ['closed', 'Recently closed'], ['saved', 'Saved files']];
    const box = $('sessions');
    box.textContent = '';
    $('session-count').textContent = '(' + state.summaries.length + ')';
    if (state.summaries.length === 0) {
      box.innerHTML = '<p class="empty">No sessions yet. Run a session (it saves its state when it closes), ' +
        'then it appears here.</p>';
      return;
    }
    for (const [source, title] of groups) {
      const members = state.summaries.filter((s) => s.source === source);
      if (members.length === 0) continue;
      const heading = document.createElement('h3');
      heading.textContent = title;
      const list = document.createElement('ul');
      list.dataset.group = source;
      for (const s of members) list.appendChild(sessionItem(s));
      box.append(heading, list);
    }
  }

  function sessionItem(s) {
    const li = document.createElement('li');
    li.className = 'session' + (s.error ? ' unreadable' : '') + (s.id && s.id === state.currentId ? ' selected' : '');
    if (s.error) {
      li.dataset.file = s.file || '';
      li.innerHTML = '<div class="name"></div><div class="meta"></div>';
      li.querySelector('.name').textContent = s.file || 'unreadable file';
      li.querySelector('.meta').textContent = s.error;
      return li;
    }
    li.dataset.sessionId = s.id;
    li.dataset.status = s.status;
    if (s.flow) li.dataset.flow = s.flow;
    li.innerHTML = '<span class="state"></span><div class="name"></div><div class="meta"></div>';
    li.querySelector('.state').textContent = s.status;
    li.querySelector('.state').className = 'state state-' + s.status;
    li.querySelector('.name').textContent = s.name;
    li.querySelector('.meta').textContent = formatTime(s.start) + ' · ' + s.nodeCount + ' nodes · ' + s.id;
    li.addEventListener('click', () => { location.hash = 'session=' + encodeURIComponent(s.id); });
    return li;
  }

  // ---- durable runs (only an application with durable flows serves api/durable/runs) ------------------------------

  async function refreshDurable() {
    let body = null;
    try {
      const response = await fetch('api/durable/runs', { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if ([401, 403, 404].includes(response.status)) { $('durable').hidden = true; return; } // not served here, or not to this user
      try { body = await response.json(); } catch (e) { /* reported below */ }
      if (!response.ok || !body || !Array.isArray(body.runs)) {
        throw new Error((body && body.error) ? body.error : response.status + ' ' + response.statusText);
      }
    } catch (e) {
      showError('Could not list durable runs: ' + e.message);
      return;
    }
    state.durableRuns = body.runs;
    state.durableOperations = body.operations === true;
    renderDurable();
  }

  function renderDurable() {
    const box = $('durable-runs');
    box.textContent = '';
    $('durable').hidden = false;
    $('durable-count').textContent = '(' + state.durableRuns.length + ')';
    for (const run of state.durableRuns) {
      const li = el('li', { class: run.id === state.currentId ? 'selected' : '' },
        el('span', { class: 'state' }, run.status), el('div', { class: 'name' }, run.flow + ' · ' + run.id),
        el('div', { class: 'meta' }, run.steps + ' steps · ' + (run.executorId || 'no executor')
          + (run.forkedFrom ? ' · forked from ' + run.forkedFrom : '') + (run.error ? ' · ' + run.error : '')));
      li.dataset.runId = run.id;
      li.dataset.status = run.status;
      if (state.durableOperations && ['PENDING', 'ENQUEUED', 'DELAYED'].includes(run.status)) {
        li.append(el('button', { type: 'button', class: 'cancel', onclick: (e) => { e.stopPropagation(); operate(run.id, 'cancel'); } }, 'Cancel'));
      }
      if (state.durableOperations && ['CANCELLED', 'MAX_RECOVERY_ATTEMPTS_EXCEEDED'].includes(run.status)) {
        li.append(el('button', { type: 'button', class: 'resume', onclick: (e) => { e.stopPropagation(); operate(run.id, 'resume'); } }, 'Resume'));
      }
      li.addEventListener('click', () => { location.hash = 'session=' + encodeURIComponent(run.id); });
      box.append(li);
    }
  }

  // A write: JSON only, with Spring Security's CSRF token when the application keeps it in the XSRF-TOKEN cookie.
  async function operate(runId, operation, body) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    const token = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
    if (token) headers['X-XSRF-TOKEN'] = decodeURIComponent(token.slice('XSRF-TOKEN='.length));
    try {
      const response = await fetch('api/durable/runs/' + encodeURIComponent(runId) + '/' + operation,
        { method: 'POST', headers, body: JSON.stringify(body || {}) });
      let answer = null;
      try { answer = await response.json(); } catch (e) { /* reported below */ }
      if (!response.ok) throw new Error((answer && answer.error) ? answer.error : response.status + ' ' + response.statusText);
      showError('');
      await refreshDurable();
      return answer;
    } catch (e) {
      showError('Could not ' + operation + ' durable run ' + runId + ': ' + e.message);
      return null;
    }
  }

  // ---- one session -----------------------------------------------------------------------------------------------

  async function loadSession(id, refresh) {
    if (!refresh) {
      state.loadStarted = performance.now();
      delete canvas.dataset.loadMs;
      state.currentId = id;
      state.selected = null;
      state.following = true;
      stopPlaying();
      renderList();
      renderDetails();
    }
    let doc;
    try {
      doc = await getJson('api/sessions/' + encodeURIComponent(id));
    } catch (e) {
      if (state.currentId === id) showError('Could not open session ' + id + ': ' + e.message);
      return;
    }
    if (state.currentId !== id) return;
    showError('');
    const summary = state.summaries.find((s) => s.id === id);
    state.revision = summary ? summary.revision : null;
    const previous = state.graph;
    // The document says where it comes from; the original's server does not, and serves saved files only.
    state.graph = buildGraph(doc, (doc.source || (summary && summary.source)) === 'running');
    layout(state.graph);
    const last = state.graph.steps.length - 1;
    state.stepIndex = (refresh && !state.following) ? Math.min(state.stepIndex, last) : last;
    if (state.selected && !state.graph.nodes.has(state.selected)) state.selected = null;
    const slider = $('step');
    slider.max = String(Math.max(0, last));
    slider.value = String(state.stepIndex);
    slider.disabled = last < 1;
    $('play').disabled = last < 1;
    $('session-title').textContent = (summary && summary.name) || doc.session_name || id;
    $('canvas-hint').hidden = true;
    if (!refresh || !previous) fit();
    draw();
    renderDetails();
    if (!refresh) state.timingLoad = true;
  }

  // Nodes and edges keep every version (oldest first); the layout is for the whole run so the slider never moves them.
  function buildGraph(doc, live) {
    const runs = Array.isArray(doc.runs) ? doc.runs : [doc];
    const nodes = new Map();
    const edges = [];
    const stamps = new Map();
    const addStamp = (stamp) => { if (stamp && !stamps.has(stamp.step)) stamps.set(stamp.step, stamp); };
    const versions = (head) => {
      const list = [];
      for (let v = head; v; v = v.parent) { list.push(v); addStamp(v.stamp); }
      return list.reverse();
    };
    for (const run of runs) {
      for (const head of (run.nodes || [])) {
        const vs = versions(head);
        nodes.set(head.identifier, { id: head.identifier, name: head.name, type: head.node_type || 'Other',
          versions: vs, created: step(vs[0]), inEdge: null, out: [], x: 0, y: 0 });
      }
      for (const stamp of (run.steps || [])) addStamp(stamp);
    }
    for (const run of runs) {
      for (const head of (run.edges || [])) {
        const vs = versions(head);
        const edge = { id: head.identifier, source: head.source, target: head.target, versions: vs, created: step(vs[0]) };
        edges.push(edge);
        const target = nodes.get(edge.target);
        if (target && (!target.inEdge || edge.created < target.inEdge.created)) target.inEdge = edge;
        const source = edge.source != null ? nodes.get(edge.source) : null;
        if (source) source.out.push(edge);
      }
    }
    for (const node of nodes.values()) node.out.sort((a, b) => a.created - b.created);
    for (const edge of edges) {
      const last = edge.versions[edge.versions.length - 1];
      edge.finished = !(last && last.details && last.details.status === 'Open');
    }
    const steps = [...stamps.values()].sort((a, b) => a.step - b.step);
    if (steps.length === 0) steps.push({ step: 0, time: doc.start_time || 0, identifier: 'empty session' });
    return { doc, live, nodes, edges, steps, maskedValues: doc.values_shown === false };
  }

  function step(version) { return (version && version.stamp) ? version.stamp.step : 0; }

  function versionAt(entity, s) {
    let found = null;
    for (const v of entity.versions) { if (step(v) <= s) found = v; else break; }
    return found;
  }

  function statusAt(node, s) {
    return node.inEdge ? edgeStatusAt(node.inEdge, s) : 'Completed';
  }

  // Completed, Failed, Running (at this step, or now in a running session) or Unfinished: open in a session that
  // is over, so it never finished (the original leaves requests open after a timeout).
  function edgeStatusAt(edge, s) {
    const v = versionAt(edge, s);
    const status = (v && v.details && v.details.status) || 'Completed';
    if (status !== 'Open') return status;
    return state.graph.live || edge.finished ? 'Running' : 'Unfinished';
  }

  // Left to right: depth is the column; leaves take rows in call order and a parent sits between its first and last
  // child. Iterative, so a 10 000-deep recursion draws too.
  function layout(graph) {
    const roots = [...graph.nodes.values()].filter((n) => !n.inEdge || n.inEdge.source == null || !graph.nodes.has(n.inEdge.source))
      .sort((a, b) => a.created - b.created);
    let row = 0;
    const children = (n) => n.out.map((e) => graph.nodes.get(e.target)).filter((c) => c && c.inEdge && c.inEdge.source === n.id);
    const stack = roots.reverse().map((n) => ({ node: n, depth: 0, kids: null, i: 0, minY: Infinity, maxY: -Infinity }));
    const finish = (frame) => {
      const n = frame.node;
      n.x = frame.depth * COL;
      n.y = (frame.minY === Infinity) ? (row++) * ROW : (frame.minY + frame.maxY) / 2;
      n.bus = null;
      return n.y;
    };
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.kids === null) frame.kids = children(frame.node);
      const kids = frame.kids;
      if (frame.i >= kids.length) {
        stack.pop();
        const y = finish(frame);
        const parent = stack[stack.length - 1];
        if (parent && frame.node.col0 !== false) { parent.minY = Math.min(parent.minY, y); parent.maxY = Math.max(parent.maxY, y); }
        continue;
      }
      // A long run of leaf children becomes a block of columns under a trunk row.
      let end = frame.i;
      while (end < kids.length && kids[end].out.length === 0) end++;
      if (end - frame.i > MAX_LEAF_ROWS) {
        const leaves = kids.slice(frame.i, end);
        const rows = Math.max(MAX_LEAF_ROWS, Math.ceil(Math.sqrt(leaves.length * 2)));
        const trunkY = (row++) * ROW;
        leaves.forEach((leaf, k) => {
          const col = Math.floor(k / rows);
          leaf.x = (frame.depth + 1 + col) * COL;
          leaf.y = (row + (k % rows)) * ROW;
          leaf.col0 = col === 0;
          leaf.bus = col === 0 ? null : trunkY;
          if (col === 0) { frame.minY = Math.min(frame.minY, leaf.y); frame.maxY = Math.max(frame.maxY, leaf.y); }
        });
        row += Math.min(rows, leaves.length);
        frame.i = end;
        continue;
      }
      const child = kids[frame.i++];
      child.col0 = true;
      stack.push({ node: child, depth: frame.depth + 1, kids: null, i: 0, minY: Infinity, maxY: -Infinity });
    }
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const n of graph.nodes.values()) {
      minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x + W); minY = Math.min(minY, n.y - H / 2); maxY = Math.max(maxY, n.y + H / 2);
    }
    graph.bounds = (minX === Infinity) ? { minX: 0, minY: 0, maxX: W, maxY: H } : { minX, minY, maxX, maxY };
  }

  // ---- drawing ---------------------------------------------------------------------------------------------------

  function currentStep() {
    const g = state.graph;
    return g ? g.steps[Math.min(state.stepIndex, g.steps.length - 1)].step : 0;
  }

  function resize() {
    const ratio = window.devicePixelRatio || 1;
    const box = canvas.parentElement.getBoundingClientRect();
    canvas.width = Math.max(1, Math.round(box.width * ratio));
    canvas.height = Math.max(1, Math.round(box.height * ratio));
    draw();
  }

  function fit() {
    const g = state.graph;
    if (!g) return;
    const box = canvas.getBoundingClientRect();
    const b = g.bounds, margin = 30;
    const scale = Math.min((box.width - 2 * margin) / (b.maxX - b.minX), (box.height - 2 * margin) / (b.maxY - b.minY), 1.4);
    state.view.scale = Math.max(scale, 0.0005);
    state.view.tx = margin - b.minX * state.view.scale + Math.max(0, (box.width - 2 * margin - (b.maxX - b.minX) * state.view.scale) / 2);
    state.view.ty = margin - b.minY * state.view.scale + Math.max(0, (box.height - 2 * margin - (b.maxY - b.minY) * state.view.scale) / 2);
    draw();
  }

  const TYPE_COLORS = { Agent: '#7c3aed', Tool: '#0d9488', Other: '#475569' };
  const FILL = { Failed: '#fee2e2', Running: '#fef3c7', Unfinished: '#e2e8f0' };
  const STROKE = { Failed: '#dc2626', Running: '#f59e0b', Unfinished: '#64748b' };

  let drawQueued = false;
  function draw() {
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(() => { drawQueued = false; drawNow(); });
  }

  function drawNow() {
    const ratio = window.devicePixelRatio || 1;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const g = state.graph;
    if (!g) { canvas.dataset.nodes = '0'; canvas.dataset.edges = '0'; return; }
    const s = currentStep();
    const { scale, tx, ty } = state.view;
    ctx.setTransform(scale * ratio, 0, 0, scale * ratio, tx * ratio, ty * ratio);
    // The visible part of the world, to skip what is off screen.
    const vx0 = -tx / scale, vy0 = -ty / scale;
    const vx1 = vx0 + canvas.width / ratio / scale, vy1 = vy0 + canvas.height / ratio / scale;
    const onScreen = (x0, y0, x1, y1) => x1 >= vx0 && x0 <= vx1 && y1 >= vy0 && y0 <= vy1;

    let edgeCount = 0;
    const paths = { Completed: new Path2D(), Failed: new Path2D(), Running: new Path2D(), Unfinished: new Path2D() };
    for (const e of g.edges) {
      if (e.created > s) continue;
      const source = e.source != null ? g.nodes.get(e.source) : null;
      const target = g.nodes.get(e.target);
      // A top-level request comes from the user, not from a node: it has no line to draw.
      if (!source || !target) continue;
      edgeCount++;
      const x0 = source.x + W, y0 = source.y, busX = (source.x + W + source.x + COL) / 2;
      const colX = target.x - (COL - W) / 2;
      if (!onScreen(Math.min(x0, colX), Math.min(y0, target.y, target.bus ?? y0), target.x, Math.max(y0, target.y))) continue;
      const path = paths[edgeStatusAt(e, s)] || paths.Completed;
      path.moveTo(x0, y0);
      path.lineTo(busX, y0);
      if (target.bus != null) { path.lineTo(busX, target.bus); path.lineTo(colX, target.bus); }
      path.lineTo(colX, target.y);
      path.lineTo(target.x, target.y);
    }
    ctx.lineWidth = Math.max(1 / scale, 1);
    ctx.strokeStyle = '#94a3b8'; ctx.stroke(paths.Completed);
    ctx.strokeStyle = '#dc2626'; ctx.stroke(paths.Failed);
    ctx.strokeStyle = '#f59e0b'; ctx.stroke(paths.Running);
    ctx.setLineDash([6 / scale, 4 / scale]);
    ctx.strokeStyle = '#64748b'; ctx.stroke(paths.Unfinished);
    ctx.setLineDash([]);

    let nodeCount = 0;
    const labels = scale * H >= 11;
    const minW = Math.max(W, 2 / scale), minH = Math.max(H, 2 / scale);
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (const n of g.nodes.values()) {
      if (n.created > s) continue;
      nodeCount++;
      if (!onScreen(n.x, n.y - H / 2, n.x + W, n.y + H / 2)) continue;
      const status = statusAt(n, s);
      const y = n.y - minH / 2;
      ctx.fillStyle = FILL[status] || '#ffffff';
      ctx.fillRect(n.x, y, minW, minH);
      ctx.fillStyle = TYPE_COLORS[n.type] || TYPE_COLORS.Other;
      ctx.fillRect(n.x, y, Math.max(6, 2 / scale), minH);
      const selected = n.id === state.selected;
      if (selected || status !== 'Completed' || labels) {
        ctx.lineWidth = (selected || status !== 'Completed' ? 3 : 1) / Math.min(scale, 1);
        ctx.strokeStyle = selected ? '#2563eb' : STROKE[status] || '#cbd5e1';
        ctx.strokeRect(n.x, y, minW, minH);
      }
      if (labels) {
        ctx.fillStyle = '#0f172a';
        ctx.fillText(fitText(n.name, W - 18), n.x + 11, n.y);
      }
    }
    if (state.timingLoad) {
      // From choosing the session to its first drawing: fetch, parse, layout and draw.
      state.timingLoad = false;
      canvas.dataset.loadMs = String(Math.round(performance.now() - state.loadStarted));
    }
    canvas.dataset.nodes = String(nodeCount);
    canvas.dataset.edges = String(edgeCount);
    canvas.dataset.step = String(s);
    const total = g.steps.length;
    const stamp = g.steps[Math.min(state.stepIndex, total - 1)];
    $('step-label').textContent = 'Step ' + stamp.step + ' (' + (state.stepIndex + 1) + '/' + total + '): ' + stamp.identifier;
    const counts = { Completed: 0, Failed: 0, Running: 0, Unfinished: 0 };
    for (const n of g.nodes.values()) if (n.created <= s) counts[statusAt(n, s)]++;
    $('session-summary').textContent = nodeCount + ' nodes · ' + edgeCount + ' calls' +
      (counts.Running ? ' · ' + counts.Running + ' running' : '') +
      (counts.Unfinished ? ' · ' + counts.Unfinished + ' unfinished' : '') +
      (counts.Failed ? ' · ' + counts.Failed + ' failed' : '') +
      (g.maskedValues ? ' · values hidden by the server' : '');
  }

  const textCache = new Map();
  function fitText(text, width) {
    const key = text + '|' + width;
    let fitted = textCache.get(key);
    if (fitted === undefined) {
      fitted = String(text);
      if (ctx.measureText(fitted).width > width) {
        while (fitted.length > 1 && ctx.measureText(fitted + '…').width > width) fitted = fitted.slice(0, -1);
        fitted += '…';
      }
      if (textCache.size > 20000) textCache.clear();
      textCache.set(key, fitted);
    }
    return fitted;
  }

  // ---- interaction ----------------------------------------------------------------------------------------------

  function nodeAt(clientX, clientY) {
    const g = state.graph;
    if (!g) return null;
    const box = canvas.getBoundingClientRect();
    const { scale, tx, ty } = state.view;
    const wx = (clientX - box.left - tx) / scale, wy = (clientY - box.top - ty) / scale;
    const slack = Math.max(0, 3 / scale - H / 2);
    const s = currentStep();
    for (const n of g.nodes.values()) {
      if (n.created <= s && wx >= n.x && wx <= n.x + Math.max(W, 2 / scale) && Math.abs(wy - n.y) <= H / 2 + slack) return n;
    }
    return null;
  }

  let drag = null;
  canvas.addEventListener('mousedown', (e) => { drag = { x: e.clientX, y: e.clientY, moved: false }; });
  window.addEventListener('mousemove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (drag.moved) {
      state.view.tx += dx; state.view.ty += dy; drag.x = e.clientX; drag.y = e.clientY; draw();
    }
  });
  window.addEventListener('mouseup', (e) => {
    if (drag && !drag.moved && e.target === canvas) select(nodeAt(e.clientX, e.clientY));
    drag = null;
  });
  canvas.addEventListener('wheel', (e) => {
    e.preventDefault();
    const box = canvas.getBoundingClientRect();
    const factor = Math.exp(-e.deltaY * 0.0015);
    const px = e.clientX - box.left, py = e.clientY - box.top;
    const v = state.view;
    const scale = Math.min(4, Math.max(0.0005, v.scale * factor));
    v.tx = px - (px - v.tx) * scale / v.scale;
    v.ty = py - (py - v.ty) * scale / v.scale;
    v.scale = scale;
    draw();
  }, { passive: false });

  function select(node) {
    state.selected = node ? node.id : null;
    draw();
    renderDetails();
  }

  function centerOn(node) {
    const box = canvas.getBoundingClientRect();
    const v = state.view;
    if (v.scale < 0.6) v.scale = 0.9;
    v.tx = box.width / 2 - (node.x + W / 2) * v.scale;
    v.ty = box.height / 2 - node.y * v.scale;
  }

  $('step').addEventListener('input', (e) => {
    state.stepIndex = Number(e.target.value);
    state.following = state.stepIndex >= state.graph.steps.length - 1;
    draw();
    renderDetails();
  });
  $('fit').addEventListener('click', fit);
  $('find').addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !state.graph) return;
    const q = e.target.value.trim().toLowerCase();
    const s = currentStep();
    const found = [...state.graph.nodes.values()].find((n) => n.created <= s && (n.name.toLowerCase().includes(q) || n.id === q));
    if (found) { centerOn(found); select(found); }
  });
  $('play').addEventListener('click', () => {
    if (state.playing) { stopPlaying(); return; }
    const slider = $('step');
    const last = Number(slider.max);
    if (state.stepIndex >= last) state.stepIndex = 0;
    const stride = Math.max(1, Math.ceil(last / 150));
    $('play').textContent = '❚❚';
    state.playing = setInterval(() => {
      state.stepIndex = Math.min(last, state.stepIndex + stride);
      slider.value = String(state.stepIndex);
      state.following = state.stepIndex >= last;
      draw();
      if (state.stepIndex >= last) stopPlaying();
    }, 120);
  });
  function stopPlaying() {
    if (state.playing) clearInterval(state.playing);
    state.playing = null;
    $('play').textContent = '▶';
    renderDetails();
  }
  window.addEventListener('resize', resize);
  window.addEventListener('hashchange', route);

  function route() {
    const match = /session=([^&]+)/.exec(location.hash);
    const id = match ? decodeURIComponent(match[1]) : null;
    if (id && id !== state.currentId) loadSession(id, false);
  }

  // ---- details ---------------------------------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  function value(v, id) {
    if (v === MASK) return el('pre', { class: 'masked', id }, MASK + '  (hidden by the server)');
    if (typeof v === 'string') return el('pre', { id }, v);
    return el('pre', { id }, JSON.stringify(v, null, 2));
  }

  function formatTime(seconds) {
    if (typeof seconds !== 'number') return '—';
    const d = new Date(seconds * 1000);
    return d.toLocaleString(undefined, { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
  }

  function renderDetails() {
    const box = $('details');
    box.textContent = '';
    const g = state.graph;
    const node = g && state.selected ? g.nodes.get(state.selected) : null;
    const s = currentStep();
    if (!node) {
      box.append(el('p', { class: 'empty' }, g ? 'Click a node to see its arguments, result, error, latency and LLM calls.'
        : 'Choose a session on the left.'));
      return;
    }
    if (node.created > s) {
      box.append(el('h2', {}, node.name), el('p', { class: 'note' }, 'Not created yet at step ' + s + '.'));
      return;
    }
    const version = versionAt(node, s);
    const request = node.inEdge ? versionAt(node.inEdge, s) : null;
    const status = statusAt(node, s);
    const internals = (version.details && version.details.internals) || {};
    const caller = node.inEdge && node.inEdge.source != null ? g.nodes.get(node.inEdge.source) : null;
    const latency = internals.latency && typeof internals.latency === 'object' ? internals.latency.total_time : undefined;
    box.append(el('h2', { id: 'detail-name' }, node.name),
      el('div', {}, el('span', { class: 'badge ' + node.type }, node.type), el('span', { class: 'badge ' + status, id: 'detail-status' }, status)));
    const facts = el('dl', {});
    const fact = (k, v) => facts.append(el('dt', {}, k), el('dd', {}, v));
    fact('Node', node.id);
    if (node.inEdge) fact('Request', node.inEdge.id);
    fact('Called by', caller ? el('a', { class: 'node-link', onclick: () => select(caller) }, caller.name) : 'the user (top level)');
    fact('Created', 'step ' + node.created + ' · ' + formatTime(node.versions[0].stamp && node.versions[0].stamp.time));
    if (request && request.details && request.details.status !== 'Open') {
      fact('Finished', 'step ' + step(request) + ' · ' + formatTime(request.stamp && request.stamp.time));
    }
    fact('Latency', typeof latency === 'number' ? (latency * 1000).toFixed(latency < 0.01 ? 3 : 1) + ' ms' : '—');
    box.append(facts);

    if (request && request.details) {
      const d = request.details;
      box.append(el('h3', {}, 'Arguments'));
      const kwargs = d.input_kwargs && typeof d.input_kwargs === 'object' && Object.keys(d.input_kwargs).length ? d.input_kwargs : null;
      box.append(value(d.input_args, 'detail-args'));
      if (kwargs || d.input_kwargs === MASK) box.append(value(d.input_kwargs, 'detail-kwargs'));
      if (status === 'Failed' && d.output && typeof d.output === 'object' && 'type' in d.output) {
        box.append(el('h3', {}, 'Error'), el('pre', { id: 'detail-error' }, d.output.type + (d.output.message != null ? ': ' + d.output.message : '')));
        if (d.output.traceback) box.append(el('pre', { class: 'traceback', id: 'detail-traceback' }, d.output.traceback));
      } else if (status === 'Failed') {
        box.append(el('h3', {}, 'Error'), value(d.output, 'detail-error'));
      } else if (status === 'Running') {
        box.append(el('h3', {}, 'Result'), el('p', { class: 'note', id: 'detail-output' }, 'Still running at this step.'));
      } else if (status === 'Unfinished') {
        box.append(el('h3', {}, 'Result'), el('p', { class: 'note', id: 'detail-output' },
          'Never finished: the session ended while this request was open (for example, it timed out), so it has no result.'));
      } else {
        box.append(el('h3', {}, 'Result'), value(d.output, 'detail-output'));
      }
    }
    // A durable run's call: fork the run from it (the new run runs it and what came after again, with today's code).
    if (state.durableOperations && typeof internals.call_path === 'string' && state.durableRuns.some((r) => r.id === state.currentId)) {
      const path = internals.call_path;
      box.append(el('button', { type: 'button', id: 'detail-fork', onclick: () => operate(state.currentId, 'fork', { position: path }) },
        'Fork the run from this node (' + path + ')'));
    }
    renderLlm(box, internals.llm_details);
    const other = Object.keys(internals).filter((k) => k !== 'latency' && k !== 'llm_details');
    if (other.length) {
      const rest = {};
      for (const k of other) rest[k] = internals[k];
      box.append(el('h3', {}, 'Internals'), value(rest, 'detail-internals'));
    }
    const calls = node.out.filter((e) => e.created <= s).map((e) => g.nodes.get(e.target)).filter(Boolean);
    if (calls.length) {
      const list = el('ul', { class: 'plain' });
      for (const c of calls.slice(0, 200)) {
        list.append(el('li', {}, el('a', { class: 'node-link', onclick: () => { centerOn(c); select(c); } }, c.name), ' ', el('span', { class: 'muted' }, statusAt(c, s))));
      }
      if (calls.length > 200) list.append(el('li', { class: 'muted' }, '… and ' + (calls.length - 200) + ' more'));
      box.append(el('h3', {}, 'Calls (' + calls.length + ')'), list);
    }
    const history = el('ul', { class: 'plain' });
    const entries = [...node.versions, ...(node.inEdge ? node.inEdge.versions : [])]
      .map((v) => v.stamp).filter((st, i, all) => st && all.findIndex((o) => o && o.step === st.step) === i)
      .sort((a, b) => a.step - b.step);
    for (const st of entries) history.append(el('li', { class: st.step > s ? 'muted' : '' }, 'step ' + st.step + ': ' + st.identifier));
    box.append(el('h3', {}, 'History'), history);
  }

  // One entry per model round, with the fields of the original's RequestDetails.
  function renderLlm(box, rounds) {
    if (rounds === undefined) return;
    box.append(el('h3', {}, 'LLM calls'));
    const section = el('div', { id: 'detail-llm' });
    box.append(section);
    if (rounds === MASK || !Array.isArray(rounds)) { section.append(value(rounds)); return; }
    let inTokens = 0, outTokens = 0, cost = 0;
    rounds.forEach((r, i) => {
      inTokens += r.input_tokens || 0; outTokens += r.output_tokens || 0; cost += r.total_cost || 0;
      const facts = [r.model_provider, r.model_name].filter(Boolean).join(' / ') || 'model';
      const numbers = ['tokens in ' + (r.input_tokens ?? '—'), 'out ' + (r.output_tokens ?? '—')];
      if (r.total_cost != null) numbers.push('cost ' + r.total_cost);
      if (r.latency != null) numbers.push((r.latency * 1000).toFixed(0) + ' ms');
      const round = el('div', { class: 'round' }, el('div', { class: 'round-head' }, 'Round ' + (i + 1) + ': ' + facts),
        el('div', { class: 'note' }, numbers.join(' · ')));
      for (const m of (Array.isArray(r.input) ? r.input : [])) round.append(message(m, false));
      round.append(r.output ? message(r.output, true) : el('div', { class: 'note' }, 'No output (the call failed).'));
      section.append(round);
    });
    section.prepend(el('div', { class: 'note', id: 'detail-tokens' }, rounds.length + ' round(s) · ' + inTokens + ' input tokens · ' + outTokens + ' output tokens' + (cost ? ' · cost ' + cost.toFixed(6) : '')));
  }

  function message(m, isOutput) {
    const role = (m && m.role) || '?';
    const box = el('div', { class: 'msg ' + role + (isOutput ? ' output' : '') }, el('div', { class: 'role' }, role + (isOutput ? ' (output)' : '')));
    const content = m ? m.content : m;
    if (Array.isArray(content) && content.every((c) => c && typeof c === 'object' && 'name' in c && 'arguments' in c)) {
      for (const call of content) box.append(el('div', { class: 'tool-call' }, '→ ' + call.name + '(' + (typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments)) + ')' + (call.identifier ? '  #' + call.identifier : '')));
    } else if (content && typeof content === 'object' && 'result' in content && 'name' in content) {
      box.append(el('div', { class: 'tool-call' }, '← ' + content.name + (content.identifier ? ' #' + content.identifier : '') + ': '), value(content.result));
    } else if (typeof content === 'string' && content !== MASK) {
      box.append(el('div', {}, content));
    } else {
      box.append(value(content));
    }
    return box;
  }

  // A small scripting surface for tests and embedding: where a node is drawn, in CSS pixels of the canvas.
  window.railtracksViz = {
    nodePosition(nameOrId) {
      const g = state.graph;
      if (!g) return null;
      const n = g.nodes.get(nameOrId) || [...g.nodes.values()].find((x) => x.name === nameOrId);
      if (!n) return null;
      const v = state.view;
      return { x: Math.round((n.x + Math.min(W, 40)) * v.scale + v.tx), y: Math.round(n.y * v.scale + v.ty) };
    },
    focus(nameOrId) {
      const g = state.graph;
      const n = g && (g.nodes.get(nameOrId) || [...g.nodes.values()].find((x) => x.name === nameOrId));
      if (n) { centerOn(n); drawNow(); }
      return !!n;
    },
  };

  resize();
  refreshList().then(route).then(refreshDurable);
  setInterval(refreshList, POLL_MS);
  setInterval(refreshDurable, DURABLE_POLL_MS);
})();
