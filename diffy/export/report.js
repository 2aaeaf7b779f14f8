// diffy's comparison report: keys, filters and search over the page diffy wrote.
// Document text is only ever read as text (textContent, text nodes) and never parsed as markup.
(function () {
  "use strict";
  const body = document.body;
  body.classList.add("js");
  const items = Array.from(document.querySelectorAll("#pairs li"));
  const pairs = new Map(items.map((li) => [li.dataset.pair, { li, sec: document.getElementById("pair-" + li.dataset.pair) }]));
  const $ = (id) => document.getElementById(id);
  const statusLine = $("status");
  const search = $("search");
  const searchCount = $("search-count");
  const help = $("help");
  const fRel = $("f-rel"), fTag = $("f-tag"), fSig = $("f-sig"), fChg = $("f-chg");
  let current = null; // the pair number shown
  let change = null; // the current change's id
  let mode = new URLSearchParams(location.search).get("view") === "inline" ? "inl" : "sbs";
  let message = "";
  let hits = []; // each match: its <mark> elements, in page order
  let hit = -1;
  let searched = ""; // the query the marks are for

  // ------------------------------------------------------------------ pairs
  const visible = () => items.filter((li) => !li.classList.contains("hidden")).map((li) => li.dataset.pair);
  const viewOf = (num) => pairs.get(num).sec.querySelector(".view." + mode);

  function changeIds(num) {
    const seen = [];
    for (const el of viewOf(num).querySelectorAll(".chg[data-c]")) {
      if (!seen.includes(el.dataset.c)) seen.push(el.dataset.c);
    }
    return seen;
  }

  function openFolds(el) {
    for (let d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
  }

  function revealInOutline(li) { // scrolls the outline only, never the page
    const nav = $("outline");
    const r = li.getBoundingClientRect(), box = nav.getBoundingClientRect();
    if (r.top < box.top) nav.scrollTop -= box.top - r.top;
    else if (r.bottom > box.bottom) nav.scrollTop += r.bottom - box.bottom;
  }

  function selectPair(num, scroll) {
    if (current !== null && pairs.has(current)) {
      pairs.get(current).li.classList.remove("current");
      pairs.get(current).sec.classList.remove("current");
    }
    current = num;
    if (num !== null) {
      const p = pairs.get(num);
      p.li.classList.add("current");
      p.sec.classList.add("current");
      revealInOutline(p.li);
      if (scroll) p.sec.scrollIntoView({ block: "start" });
    }
    status();
  }

  function markChange(on) {
    if (change === null || current === null) return [];
    const els = Array.from(viewOf(current).querySelectorAll('[data-c="' + CSS.escape(change) + '"]'));
    els.forEach((el) => el.classList.toggle("current", on));
    return els;
  }

  function goChange(num, cid) {
    markChange(false);
    selectPair(num, false);
    change = cid;
    const els = markChange(true);
    if (els.length) {
      openFolds(els[0]);
      els[0].scrollIntoView({ block: "center" });
    }
    status();
  }

  function stepChange(forward) {
    const vis = visible();
    const p = vis.indexOf(current);
    if (p >= 0) {
      const ids = changeIds(current);
      let i = ids.indexOf(change);
      if (i < 0) i = forward ? -1 : ids.length;
      const j = i + (forward ? 1 : -1);
      if (j >= 0 && j < ids.length) return goChange(current, ids[j]);
    }
    for (let q = p + (forward ? 1 : -1); q >= 0 && q < vis.length; q += forward ? 1 : -1) {
      const ids = changeIds(vis[q]);
      if (ids.length) return goChange(vis[q], forward ? ids[0] : ids[ids.length - 1]);
    }
    say(forward ? "No more changes." : "No earlier changes.");
  }

  function stepPair(forward, wanted) {
    const vis = visible();
    const p = vis.indexOf(current);
    const order = forward ? vis.slice(p + 1) : vis.slice(0, Math.max(p, 0)).reverse();
    const next = order.find((num) => !wanted || wanted(pairs.get(num).li));
    if (next === undefined) return say(forward ? "No more sections." : "No earlier sections.");
    markChange(false);
    change = null;
    selectPair(next, true);
  }

  function firstOrLast(last) {
    const vis = visible();
    if (!vis.length) return;
    markChange(false);
    change = null;
    selectPair(last ? vis[vis.length - 1] : vis[0], true);
  }

  // ------------------------------------------------------------------ modes and folds
  function setMode(m) {
    markChange(false);
    mode = m;
    body.classList.toggle("sbs", m === "sbs");
    body.classList.toggle("inl", m === "inl");
    $("b-mode").textContent = m === "sbs" ? "inline" : "side by side";
    const els = markChange(true);
    runSearch(false);
    if (els.length) {
      openFolds(els[0]);
      els[0].scrollIntoView({ block: "center" });
    }
    status();
  }

  function toggleFolds() {
    const folds = Array.from(document.querySelectorAll("details.fold"));
    const open = !folds.every((d) => d.open);
    folds.forEach((d) => { d.open = open; });
    $("b-fold").textContent = open ? "fold unchanged" : "unfold all";
  }

  // ------------------------------------------------------------------ filters
  function applyFilters() {
    const rel = fRel.value, tag = fTag.value, sig = fSig.checked, chg = fChg.checked;
    for (const li of items) {
      const d = li.dataset;
      const keep = (!rel || d.rel === rel) && (!tag || (d.tags || "").split(" ").includes(tag)) &&
        (!sig || d.sig === "1") && (!chg || d.changed === "1");
      li.classList.toggle("hidden", !keep);
      pairs.get(d.pair).sec.classList.toggle("hidden", !keep);
    }
    const vis = visible();
    if (!vis.includes(current)) {
      markChange(false);
      change = null;
      selectPair(vis.length ? vis[0] : null, false);
    }
    if (!vis.length) say("No section matches the filters; x clears them.");
    runSearch(false);
    status();
  }

  function describeFilters() {
    const parts = [];
    if (fRel.value) parts.push("relation: " + fRel.value);
    if (fTag.value) parts.push("tag: " + fTag.options[fTag.selectedIndex].text.replace(/ \(\d+\)$/, ""));
    if (fSig.checked) parts.push("significant only");
    if (fChg.checked) parts.push("changed only");
    return parts.join(" · ");
  }

  function clearAll() {
    fRel.value = "";
    fTag.value = "";
    fSig.checked = false;
    fChg.checked = false;
    search.value = "";
    applyFilters();
  }

  // ------------------------------------------------------------------ search
  // case and quote style ignored, as in diffy's own search: every character keeps its place
  const FOLD = { "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u2032": "'", "\u201c": "\"", "\u201d": "\"",
    "\u201e": "\"", "\u2033": "\"", "\u2010": "-", "\u2011": "-" };
  function key(s) {
    let out = "";
    for (let i = 0; i < s.length; i++) {
      const c = FOLD[s[i]] || s[i];
      const low = c.toLowerCase();
      out += low.length === 1 ? low : c;
    }
    return out;
  }

  function clearMarks() {
    for (const m of document.querySelectorAll("mark")) {
      const parent = m.parentNode;
      parent.replaceChild(document.createTextNode(m.textContent), m);
      parent.normalize();
    }
    items.forEach((li) => li.classList.remove("hit"));
    hits = [];
    hit = -1;
  }

  function textNodes(block) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement.closest(".cite, .why") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const out = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n);
    return out;
  }

  function markBlock(block, needle) {
    const nodes = textNodes(block);
    const starts = [];
    let text = "";
    for (const n of nodes) {
      starts.push(text.length);
      text += key(n.data);
    }
    const found = [];
    for (let at = text.indexOf(needle); at >= 0 && found.length < 2000; at = text.indexOf(needle, at + needle.length)) {
      found.push(at);
    }
    const groups = [];
    for (let f = found.length - 1; f >= 0; f--) { // from the end, so earlier offsets stay valid
      const a = found[f], b = a + needle.length;
      const group = [];
      for (let k = nodes.length - 1; k >= 0; k--) {
        const s = starts[k], e = s + nodes[k].data.length;
        if (e <= a || s >= b) continue;
        const range = document.createRange();
        range.setStart(nodes[k], Math.max(a - s, 0));
        range.setEnd(nodes[k], Math.min(b, e) - s);
        const m = document.createElement("mark");
        range.surroundContents(m);
        group.unshift(m);
      }
      groups.unshift(group);
    }
    return groups;
  }

  function runSearch(jump) {
    clearMarks();
    searched = search.value;
    const needle = key(search.value.trim());
    if (needle) {
      for (const num of visible()) {
        const sec = pairs.get(num).sec;
        const blocks = [sec.querySelector("h2"), ...viewOf(num).querySelectorAll(".o p, .n p, .t p")];
        const before = hits.length;
        for (const b of blocks) hits.push(...markBlock(b, needle));
        if (hits.length > before) pairs.get(num).li.classList.add("hit");
      }
      searchCount.textContent = hits.length ? hits.length + (hits.length === 1 ? " match" : " matches") : "not found";
      if (jump && hits.length) stepMatch(true);
    } else {
      searchCount.textContent = "";
    }
    status();
  }

  function stepMatch(forward) {
    if (!hits.length) return say(search.value.trim() ? "Not found." : "No search; press / to search.");
    if (hit >= 0) hits[hit].forEach((m) => m.classList.remove("here"));
    hit = (hit + (forward ? 1 : -1) + hits.length) % hits.length;
    const first = hits[hit][0];
    hits[hit].forEach((m) => m.classList.add("here"));
    openFolds(first);
    const sec = first.closest("section.pair");
    if (sec) selectPair(sec.id.slice(5), false);
    first.scrollIntoView({ block: "center" });
    status();
  }

  // ------------------------------------------------------------------ status line
  function say(text) {
    message = text;
    status();
    message = "";
  }

  function status() {
    const parts = [];
    const vis = visible();
    if (current !== null && vis.includes(current)) parts.push("section " + (vis.indexOf(current) + 1) + "/" + vis.length);
    if (current !== null) {
      const ids = changeIds(current);
      const i = ids.indexOf(change);
      if (ids.length) parts.push(i >= 0 ? "change " + (i + 1) + "/" + ids.length : ids.length + (ids.length === 1 ? " change" : " changes"));
      if (i >= 0) {
        const cite = viewOf(current).querySelector('.cite[data-c="' + CSS.escape(change) + '"]');
        if (cite) parts.push(cite.textContent);
      }
    }
    parts.push(mode === "sbs" ? "side by side" : "inline");
    const filters = describeFilters();
    if (filters) parts.push("filter: " + filters);
    if (search.value.trim()) {
      parts.push("search \u201c" + search.value.trim() + "\u201d: " + (hit >= 0 ? (hit + 1) + "/" + hits.length : hits.length + " matches"));
    }
    if (message) parts.push(message);
    statusLine.textContent = parts.join(" \u00b7 ");
  }

  // ------------------------------------------------------------------ events
  const KEYS = {
    j: () => stepPair(true), k: () => stepPair(false), n: () => stepChange(true),
    p: () => stepChange(false), N: () => stepChange(false), "]": () => stepPair(true, (li) => li.dataset.changed === "1"),
    "[": () => stepPair(false, (li) => li.dataset.changed === "1"), g: () => firstOrLast(false),
    G: () => firstOrLast(true), v: () => setMode(mode === "sbs" ? "inl" : "sbs"), z: toggleFolds,
    x: clearAll, "/": () => { search.focus(); search.select(); }, "?": () => { help.hidden = !help.hidden; },
    Escape: () => { help.hidden = true; },
  };

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t === search) {
      if (e.key === "Enter") {
        e.preventDefault();
        if (search.value !== searched) {
          clearTimeout(timer);
          runSearch(true);
        } else {
          stepMatch(!e.shiftKey);
        }
      } else if (e.key === "Escape") {
        search.blur();
      }
      return;
    }
    if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) return;
    const act = KEYS[e.key];
    if (act) {
      e.preventDefault();
      act();
    }
  });

  for (const li of items) {
    li.querySelector("a").addEventListener("click", (e) => {
      e.preventDefault();
      markChange(false);
      change = null;
      selectPair(li.dataset.pair, true);
    });
  }
  for (const a of document.querySelectorAll(".ranked a[data-c]")) {
    a.addEventListener("click", (e) => {
      e.preventDefault();
      const num = a.getAttribute("href").slice(6);
      if (!visible().includes(num)) clearAll();
      goChange(num, a.dataset.c);
    });
  }
  document.querySelector("main").addEventListener("click", (e) => {
    const el = e.target instanceof Element ? e.target.closest(".chg[data-c]") : null;
    const sec = el && el.closest("section.pair");
    if (sec) goChange(sec.id.slice(5), el.dataset.c);
  });
  let timer = 0;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => runSearch(false), 150);
  });
  [fRel, fTag, fSig, fChg].forEach((f) => f.addEventListener("change", applyFilters));
  $("b-mode").addEventListener("click", () => setMode(mode === "sbs" ? "inl" : "sbs"));
  $("b-fold").addEventListener("click", toggleFolds);
  $("b-keys").addEventListener("click", () => { help.hidden = !help.hidden; });

  // as the reader scrolls, the section at the top of the window is current (while the current change is
  // in sight, its section stays current)
  const inSight = (el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  };
  let ticking = false;
  window.addEventListener("scroll", () => {
    if (ticking) return;
    ticking = true;
    requestAnimationFrame(() => {
      ticking = false;
      const shown = change !== null && current !== null ?
        viewOf(current).querySelector('.chg[data-c="' + CSS.escape(change) + '"]') : null;
      if (shown && inSight(shown)) return;
      let top = null;
      for (const num of visible()) {
        if (pairs.get(num).sec.getBoundingClientRect().top > 80) break;
        top = num;
      }
      if (top !== null && top !== current) {
        markChange(false);
        change = null;
        selectPair(top, false);
      }
    });
  }, { passive: true });

  setMode(mode);
  const start = /^#pair-(\d+)$/.exec(location.hash);
  if (start && pairs.has(start[1])) selectPair(start[1], true);
  else selectPair(items.length ? items[0].dataset.pair : null, false);
})();
