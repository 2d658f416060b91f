// Lays out the projector's lists so they fill the screen and the screen never scrolls. A box
// (.dk-paged) places its items (.dk-pitem) itself, measured in the browser at the beamer's real size:
// it chooses the type size (from the box's data-fit ladder, in vw, largest first) and the number of
// columns that show the most at once, puts each item in the column where it starts highest, gives an
// item too tall for one column the width of several, and turns to the next page by itself after a calm
// pause; PageDown/PageUp (and ↓/↑) turn it at once. The page line goes to the .dk-pager-info element,
// worded by the box's data-page-text ("{page}", "{pages}", "{first}", "{last}", "{total}"), or by
// data-page-text-one when a page holds a single item.
(() => {
  const TURN_MS = 12000;
  const MAX_COLUMNS = 8;
  const state = new WeakMap();
  const heights = new WeakMap(); // item -> Map("font|width" -> height in px): measured once per size
  let pending = null;

  const boxes = () => [...document.querySelectorAll('.dk-paged')].filter((box) => box.offsetParent !== null);
  const itemsOf = (box) => [...box.querySelectorAll('.dk-pitem')];

  function settings(box) {
    const ladder = (box.dataset.fit || '1.5').split(',').map(Number).filter((size) => size > 0);
    return { ladder, minEm: Number(box.dataset.minEm || 8), maxEm: Number(box.dataset.maxEm || 36) };
  }

  // The room the items have: the box less anything else it holds above them (the "earlier" line).
  function room(box) {
    const style = getComputedStyle(box);
    const gap = parseFloat(style.rowGap) || 0;
    const top = box.getBoundingClientRect().top;
    let reserved = 0;
    [...box.children].forEach((child) => {
      if (child.classList.contains('dk-pitem') || child.offsetParent === null) return;
      if (getComputedStyle(child).display === 'contents') return;
      reserved = Math.max(reserved, child.getBoundingClientRect().bottom - top + gap);
    });
    return { width: box.clientWidth, height: box.clientHeight - reserved, top: reserved, gap };
  }

  // Heights of ``items`` at ``font`` px in columns ``width`` px wide (``alone``: set on the items themselves,
  // for an item wider than one column); only items not measured at that size are laid out.
  function measure(box, items, font, width, alone = false) {
    const key = `${font.toFixed(2)}|${width.toFixed(1)}`;
    const missing = items.filter((item) => !heights.get(item)?.has(key));
    if (missing.length) {
      box.style.setProperty('--fit', `${font}px`);
      box.style.setProperty('--fit-w', `${width}px`);
      const hidden = missing.filter((item) => item.classList.contains('dk-off'));
      hidden.forEach((item) => item.classList.remove('dk-off'));
      const widths = missing.map((item) => item.style.width);
      missing.forEach((item) => { item.style.width = alone ? `${width}px` : ''; });
      const read = missing.map((item) => item.offsetHeight);
      missing.forEach((item, i) => {
        if (!heights.has(item)) heights.set(item, new Map());
        heights.get(item).set(key, read[i]);
        item.style.width = widths[i];
      });
      hidden.forEach((item) => item.classList.add('dk-off'));
    }
    return items.map((item) => heights.get(item).get(key));
  }

  function highest(tops, span) {
    let best = null;
    for (let col = 0; col + span <= tops.length; col += 1) {
      const top = Math.max(...tops.slice(col, col + span));
      if (!best || top < best.top - 0.5) best = { col, top };
    }
    return best;
  }

  // Pages of items with these heights and spans in ``columns`` columns, each item where it starts highest.
  function pack(sizes, columns, area) {
    const starts = [0];
    const places = [];
    let tops = new Array(columns).fill(0);
    sizes.forEach(({ height, span }, index) => {
      let place = highest(tops, span);
      if (place.top + height > area.height + 1 && index > starts[starts.length - 1]) {
        starts.push(index);
        tops = new Array(columns).fill(0);
        place = highest(tops, span);
      }
      places.push({ col: place.col, top: place.top, span });
      for (let col = place.col; col < place.col + span; col += 1) tops[col] = place.top + height + area.gap;
    });
    return { starts, places };
  }

  function attempt(box, items, area, font, columns) {
    const width = (area.width - (columns - 1) * area.gap) / columns;
    const sizes = measure(box, items, font, width).map((height) => ({ height, span: 1 }));
    let overflow = false;
    sizes.forEach((size, index) => {
      for (let span = 2; size.height > area.height && span <= columns; span += 1) {
        const wide = span * width + (span - 1) * area.gap;
        size.height = measure(box, [items[index]], font, wide, true)[0];
        size.span = span;
      }
      overflow = overflow || size.height > area.height + 1;
    });
    const packed = pack(sizes, columns, area);
    const first = packed.starts[1] ?? items.length;
    return { ...packed, font, columns, width, overflow, pages: packed.starts.length, first };
  }

  // Fewer pages first; then more items on the first page; then fewer, wider columns.
  const better = (a, b) => a.pages - b.pages || b.first - a.first || a.columns - b.columns;

  function columnsFor(area, font, settings_) {
    const fits = (columns) => (area.width - (columns - 1) * area.gap) / columns;
    const options = [];
    for (let columns = 1; columns <= MAX_COLUMNS; columns += 1) {
      const width = fits(columns);
      if (width < settings_.minEm * font) break;
      if (width <= settings_.maxEm * font) options.push(columns);
    }
    if (options.length) return options;
    let columns = 1;
    while (columns < MAX_COLUMNS && fits(columns) > settings_.maxEm * font) columns += 1;
    return [columns];
  }

  // The largest type at which everything fits on one page; else the smallest type, in as few pages as it takes.
  function plan(box, items, area) {
    const config = settings(box);
    const fonts = config.ladder.map((size) => (size * window.innerWidth) / 100);
    const smallest = fonts[fonts.length - 1];
    let best = null;
    columnsFor(area, smallest, config).forEach((columns) => {
      const tried = attempt(box, items, area, smallest, columns);
      if (!best || better(tried, best) < 0) best = tried;
    });
    if (best.pages > 1) return best;
    for (const font of fonts.slice(0, -1)) {
      for (const columns of columnsFor(area, font, config)) {
        const tried = attempt(box, items, area, font, columns);
        if (tried.pages === 1 && !tried.overflow) return tried;
      }
    }
    return best;
  }

  function setStyle(element, name, value) {
    if (element.style.getPropertyValue(name) !== value) element.style.setProperty(name, value);
  }

  function show(box, st) {
    const { items, layout, area } = st;
    const starts = layout ? layout.starts : [0];
    st.page = Math.min(st.page, Math.max(starts.length - 1, 0));
    const from = starts[st.page] ?? 0;
    const to = starts[st.page + 1] ?? items.length;
    if (layout) {
      setStyle(box, '--fit', `${layout.font}px`);
      setStyle(box, '--fit-w', `${layout.width}px`);
    }
    items.forEach((item, i) => {
      const on = i >= from && i < to;
      item.classList.toggle('dk-off', !on);
      if (!on || !layout) return;
      const place = layout.places[i];
      setStyle(item, 'left', `${place.col * (layout.width + area.gap)}px`);
      setStyle(item, 'top', `${area.top + place.top}px`);
      setStyle(item, 'width', place.span > 1 ? `${place.span * layout.width + (place.span - 1) * area.gap}px` : '');
    });
    box.dataset.page = String(st.page + 1);
    box.dataset.pages = String(Math.max(starts.length, 1));
    box.dataset.shown = String(to - from);
    const info = document.querySelector('.dk-pager-info');
    if (info && box === current()) {
      const text = pageLine(box, st, st.page);
      if (info.textContent !== text) info.textContent = text;
    }
  }

  // The status line's words for ``page``: "Pagina 2 van 3 · bijdragen 13–24 van 30" (empty for one page).
  function pageLine(box, st, page) {
    const starts = st.layout ? st.layout.starts : [0];
    if (starts.length < 2) return '';
    const from = starts[page];
    const to = starts[page + 1] ?? st.items.length;
    const template = (to - from === 1 && box.dataset.pageTextOne ? box.dataset.pageTextOne : box.dataset.pageText) || '';
    return template.replace('{page}', page + 1).replace('{pages}', starts.length).replace('{first}', from + 1)
      .replace('{last}', to).replace('{total}', st.items.length);
  }

  // The page line keeps the width of its longest page, so turning a page never rewraps the status line
  // (which would resize the list and lay it out again, differently).
  function holdLineWidth(box, st) {
    const info = document.querySelector('.dk-pager-info');
    if (!info) return;
    info.style.minWidth = '';
    const pages = st.layout ? st.layout.starts.length : 1;
    let widest = 0;
    for (let page = 0; pages > 1 && page < pages; page += 1) {
      info.textContent = pageLine(box, st, page);
      widest = Math.max(widest, info.scrollWidth);
    }
    info.style.minWidth = widest ? `${Math.ceil(widest)}px` : '';
  }

  function current() {
    return boxes()[0] || null;
  }

  const resized = new ResizeObserver(() => soon(true));
  const sizeOf = (box) => `${box.clientWidth}x${box.clientHeight}`;
  const watched = new WeakSet();

  function layout(box) {
    if (!watched.has(box)) {
      watched.add(box);
      resized.observe(box);
    }
    const items = itemsOf(box);
    const previous = state.get(box);
    const epoch = box.dataset.epoch || '';
    const st = previous && previous.epoch === epoch ? previous : { page: 0, epoch, turned: Date.now() };
    st.area = room(box);
    st.size = sizeOf(box);
    st.items = items;
    st.layout = items.length && st.area.height > 0 ? plan(box, items, st.area) : null;
    state.set(box, st);
    if (box === current()) holdLineWidth(box, st);
    show(box, st);
  }

  function layoutAll() {
    pending = null;
    const info = document.querySelector('.dk-pager-info');
    if (info && !current() && info.textContent) {
      info.textContent = '';
      info.style.minWidth = '';
    }
    boxes().forEach(layout);
  }

  // A burst of arrivals lays the list out at most once a second: measuring on every new card would keep
  // the browser too busy to show them. A changed view (another step, group or sort) is laid out on the
  // next frame, so the room never sees it unpaged.
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
      if (!st || !st.layout || st.layout.starts.length < 2) return;
      st.page = (st.page + delta + st.layout.starts.length) % st.layout.starts.length;
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
  const withoutOff = (classes) => (classes || '').split(/\s+/).filter((name) => name && name !== 'dk-off').join(' ');
  // The pager's own writes (page classes and places of items, the type size of a box, the page line).
  function own(r) {
    const node = nodeOf(r);
    if (node?.closest?.('.dk-pager-info')) return true;
    if (r.type !== 'attributes' || !(node.classList.contains('dk-pitem') || node.classList.contains('dk-paged'))) {
      return false;
    }
    return r.attributeName === 'style' || withoutOff(r.oldValue) === withoutOff(node.getAttribute('class'));
  }

  new MutationObserver((all) => {
    const records = all.filter((r) => !own(r));
    if (!records.length) return;
    records.forEach((r) => {
      r.addedNodes.forEach(arrived);
      const item = nodeOf(r)?.closest?.('.dk-pitem');
      if (item) heights.delete(item); // its text or look changed: measure it again
    });
    // Only a box's own attributes or its container's (shown, hidden, a new epoch) change the view.
    soon(records.some((r) => r.type === 'attributes'
      && (r.target.classList?.contains('dk-paged') || r.target.querySelector?.('.dk-paged'))));
  }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true,
    attributeOldValue: true, attributeFilter: ['class', 'style', 'data-epoch'] });
  window.addEventListener('resize', () => soon(true));
  document.fonts?.ready.then(() => {
    boxes().forEach((box) => itemsOf(box).forEach((item) => heights.delete(item)));
    soon(true);
  });
  setInterval(() => {
    boxes().forEach((box) => {
      const st = state.get(box);
      if (st && st.layout && st.layout.starts.length > 1 && Date.now() - st.turned >= TURN_MS) {
        st.page = (st.page + 1) % st.layout.starts.length;
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
  // ``settled``: nothing waits to be laid out, and every list was laid out at the size it has now (for tests
  // and benchmarks that look at a finished page).
  const settled = () => pending === null && boxes().every((box) => state.get(box)?.size === sizeOf(box));
  window.dkPager = { layout: layoutAll, turn, settled };
  soon(true);
})();
