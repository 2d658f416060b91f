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

  // One layout for all items: the grid places them in the same rows on any page (a page starts at a
  // row), so pages are runs of whole rows that fit the box's height. A row taller than the box gets a
  // page of its own (clipped) rather than stopping the pager.
  function pageStarts(box, items) {
    if (!items.length) return [0];
    items.forEach((item) => item.classList.remove('dk-off'));
    const bottom = box.getBoundingClientRect().bottom;
    const rows = [];
    items.forEach((item, index) => {
      const rect = item.getBoundingClientRect();
      const last = rows[rows.length - 1];
      if (last && Math.abs(rect.top - last.top) < 1) last.bottom = Math.max(last.bottom, rect.bottom);
      else rows.push({ start: index, top: rect.top, bottom: rect.bottom });
    });
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
      info.textContent = starts.length > 1
        ? template.replace('{page}', st.page + 1).replace('{pages}', starts.length)
          .replace('{more}', items.length - (to - from))
        : '';
    }
  }

  function current() {
    return boxes()[0] || null;
  }

  function layout(box) {
    const items = itemsOf(box);
    const previous = state.get(box);
    const epoch = box.dataset.epoch || '';
    const st = previous && previous.epoch === epoch ? previous : { page: 0, epoch, turned: Date.now() };
    st.items = items;
    st.starts = pageStarts(box, items);
    state.set(box, st);
    show(box, st);
  }

  function layoutAll() {
    pending = null;
    const info = document.querySelector('.dk-pager-info');
    if (info && !current()) info.textContent = '';
    boxes().forEach(layout);
  }

  function soon() {
    if (pending === null) pending = setTimeout(layoutAll, 120);
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

  // A new item plays its arrival once; showing it again on its page must not replay it.
  function arrived(node) {
    if (!(node instanceof Element)) return;
    const fresh = node.classList.contains('dk-pitem') ? [node] : [...node.querySelectorAll('.dk-pitem')];
    fresh.forEach((item) => {
      item.classList.add('dk-new');
      setTimeout(() => item.classList.remove('dk-new'), 900);
    });
  }

  new MutationObserver((records) => {
    records.forEach((r) => r.addedNodes.forEach(arrived));
    // The pager's own page switches change item classes; they must not set it off again.
    if (records.some((r) => !(r.type === 'attributes' && r.target.classList.contains('dk-pitem')))) soon();
  }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true,
    attributeFilter: ['class', 'style', 'data-epoch'] });
  window.addEventListener('resize', soon);
  document.fonts?.ready.then(soon);
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
  soon();
})();
