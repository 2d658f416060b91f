// Pages the projector's lists so the screen never scrolls. A box (.dk-paged) shows as many of its
// items (.dk-pitem) as fit, measured in the browser at the beamer's real size, and turns to the next
// page by itself after a calm pause; PageDown/PageUp (and ↓/↑) turn it at once. Page numbers go to
// the .dk-pager-info element, worded by the box's data-page-text ("{page}", "{pages}", "{more}").
(() => {
  const TURN_MS = 12000;
  const state = new WeakMap();
  let pending = null;

  const boxes = () => [...document.querySelectorAll('.dk-paged')].filter((box) => box.offsetParent !== null);
  const itemsOf = (box) => [...box.querySelectorAll('.dk-pitem')];

  // One layout for the items from ``from`` on: the grid places them in the same rows on any page (a page
  // starts at a row), so with the earlier items hidden they start at the box's top and pages are runs
  // of whole rows that fit its height. A row taller than the box gets a page of its own (clipped)
  // rather than stopping the pager.
  function pageStarts(box, items, from) {
    if (items.length <= from) return from ? [] : [0];
    items.forEach((item, index) => item.classList.toggle('dk-off', index < from));
    const bottom = box.getBoundingClientRect().bottom;
    const rows = [];
    for (let index = from; index < items.length; index += 1) {
      const rect = items[index].getBoundingClientRect();
      const last = rows[rows.length - 1];
      if (last && Math.abs(rect.top - last.top) < 1) last.bottom = Math.max(last.bottom, rect.bottom);
      else rows.push({ start: index, top: rect.top, bottom: rect.bottom });
    }
    const room = bottom - rows[0].top;
    const starts = [];
    let pageTop = null;
    rows.forEach((row) => {
      if (pageTop === null || row.bottom - pageTop > room + 1) {
        starts.push(row.start);
        pageTop = row.top;
      }
    });
    return starts;
  }

  function show(box, st) {
    const { items, starts } = st;
    st.page = Math.min(st.page, Math.max(starts.length - 1, 0));
    const from = starts[st.page] ?? 0;
    const to = starts[st.page + 1] ?? items.length;
    items.forEach((item, i) => item.classList.toggle('dk-off', i < from || i >= to));
    box.dataset.page = String(st.page + 1);
    box.dataset.pages = String(Math.max(starts.length, 1));
    box.dataset.shown = String(to - from);
    const info = document.querySelector('.dk-pager-info');
    if (info && box === current()) {
      const template = box.dataset.pageText || '';
      const text = starts.length > 1
        ? template.replace('{page}', st.page + 1).replace('{pages}', starts.length)
          .replace('{more}', items.length - (to - from))
        : '';
      if (info.textContent !== text) info.textContent = text;
    }
  }

  function current() {
    return boxes()[0] || null;
  }

  // Only new items at the end (a live wall): measure from the last page on, not every card again.
  function appended(st, items, size) {
    const before = st.items || [];
    return !full && st.size === size && before.length > 0 && items.length >= before.length
      && items[0] === before[0] && items[before.length - 1] === before[before.length - 1];
  }

  function layout(box) {
    const items = itemsOf(box);
    const previous = state.get(box);
    const epoch = box.dataset.epoch || '';
    const size = `${box.clientWidth}x${box.clientHeight}`;
    const st = previous && previous.epoch === epoch ? previous : { page: 0, epoch, turned: Date.now() };
    if (st !== previous || !appended(st, items, size)) {
      st.starts = pageStarts(box, items, 0);
    } else {
      const kept = st.starts.slice(0, -1);
      st.starts = kept.concat(pageStarts(box, items, st.starts[st.starts.length - 1] ?? 0));
    }
    st.items = items;
    st.size = size;
    state.set(box, st);
    show(box, st);
  }

  let full = true;
  function layoutAll() {
    pending = null;
    const info = document.querySelector('.dk-pager-info');
    if (info && !current() && info.textContent) info.textContent = '';
    boxes().forEach(layout);
    full = false;
  }

  // A burst of arrivals lays the list out at most once a second: measuring hundreds of cards on every
  // new one would keep the browser too busy to show them. A changed view (another step, group or
  // sort) is laid out on the next frame, so the room never sees it unpaged.
  let laidOut = 0;
  let due = 0;
  function soon(urgent = false) {
    const now = performance.now();
    const wait = urgent || !laidOut ? 0 : Math.max(120, 1000 - (now - laidOut));
    if (pending !== null) {
      if (now + wait >= due) return;
      clearTimeout(pending);
    }
    due = now + wait;
    pending = setTimeout(() => { laidOut = performance.now(); layoutAll(); }, wait);
  }

  function turn(delta) {
    boxes().forEach((box) => {
      const st = state.get(box);
      if (!st || st.starts.length < 2) return;
      st.page = (st.page + delta + st.starts.length) % st.starts.length;
      st.turned = Date.now();
      show(box, st);
    });
  }

  // A new item plays its arrival once; showing it again on its page must not replay it. An attribute,
  // not a class: the page's Tailwind collects the classes of the whole page again on every class change.
  function arrived(node) {
    if (!(node instanceof Element)) return;
    const fresh = node.classList.contains('dk-pitem') ? [node] : [...node.querySelectorAll('.dk-pitem')];
    fresh.forEach((item) => item.setAttribute('data-new', ''));
    if (fresh.length) setTimeout(() => fresh.forEach((item) => item.removeAttribute('data-new')), 900);
  }

  const nodeOf = (r) => (r.target.nodeType === Node.TEXT_NODE ? r.target.parentElement : r.target);
  const holdsItem = (n) => n instanceof Element && (n.matches('.dk-pitem') || n.querySelector('.dk-pitem') !== null);
  // Whether a change can move items already measured: an item's text, the box's size class, an item
  // removed or something else put between them. Not: items appended, a count or the page line changing.
  function moves(r) {
    const node = nodeOf(r);
    if (!node?.closest?.('.dk-paged')) return false;
    if (node.closest('.dk-pitem')) return true;
    if (r.type === 'attributes') return node.classList.contains('dk-paged');
    if (r.type !== 'childList') return false;
    return [...r.removedNodes].some(holdsItem)
      || [...r.addedNodes].some((n) => n instanceof Element && !holdsItem(n));
  }
  // The pager's own writes (page classes on items, the page line) must not set it off again.
  const own = (r) => (r.type === 'attributes' && r.target.classList.contains('dk-pitem'))
    || (r.target.nodeType === Node.TEXT_NODE ? r.target.parentElement : r.target)?.closest?.('.dk-pager-info');

  new MutationObserver((all) => {
    const records = all.filter((r) => !own(r));
    if (!records.length) return;
    records.forEach((r) => r.addedNodes.forEach(arrived));
    // What moves measured items means measuring all again; new items alone need not, nor changes
    // outside the boxes (counts, the timer): a box they resize is measured again as its size changed.
    if (records.some(moves)) full = true;
    // Only a box's own attributes or its container's (shown, hidden, a new epoch) change the view.
    soon(records.some((r) => r.type === 'attributes'
      && (r.target.classList?.contains('dk-paged') || r.target.querySelector?.('.dk-paged'))));
  }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true,
    attributeFilter: ['class', 'style', 'data-epoch'] });
  window.addEventListener('resize', () => soon(true));
  document.fonts?.ready.then(() => soon(true));
  setInterval(() => {
    boxes().forEach((box) => {
      const st = state.get(box);
      if (st && st.starts.length > 1 && Date.now() - st.turned >= TURN_MS) {
        st.page = (st.page + 1) % st.starts.length;
        st.turned = Date.now();
        show(box, st);
      }
    });
  }, 1000);
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
    if (e.key === 'PageDown' || e.key === 'ArrowDown') { turn(1); e.preventDefault(); }
    if (e.key === 'PageUp' || e.key === 'ArrowUp') { turn(-1); e.preventDefault(); }
  });
  window.dkPager = { layout: layoutAll, turn };
  soon(true);
})();
