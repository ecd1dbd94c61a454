"""What a reader would see wrong in a laid-out page, measured from its geometry in one call each.

``clipped(page, selector)`` lists the elements under ``selector`` whose content
does not fit them: cut off by ``overflow: hidden`` (a button's label, a tab's
title, a table cell), spilling out of a box that does not grow with it (text
wrapped to two lines in a row one line high), or scrolling where the page did
not mean it to (only ``scrolls`` may). An ellipsis (or a line clamp) is not a
fault where the whole text is a hover ``title`` away, except on a button.
``overlaps(page, selector)`` lists the pairs of things drawn over each other:
lines of text, form controls, pictures. ``too_many_lines(page, selector)``
lists the texts set on more lines than allowed. Each runs as one script in the
page and returns one readable line per finding (an empty list: all is well).
"""

from __future__ import annotations

_COMMON = r"""
const visible = (el) => {
  if (!el.getClientRects().length) return false;
  const cs = getComputedStyle(el);
  return cs.visibility !== 'hidden' && cs.display !== 'none';
};
const clips = (cs) => cs.overflowX !== 'visible' || cs.overflowY !== 'visible';
// the part of a rectangle (of an element, or of a text node's line) left visible by the ancestors
// up to ``stop`` that clip or scroll their content (the page's own scrolling is not the layout's
// business: only across, with ``across``)
const shown = (node, r, stop, across = false) => {
  let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
  for (let a = node.parentElement; a; a = a.parentElement) {
    if (a === stop?.parentElement && !across) break;
    const cs = getComputedStyle(a);
    if (!clips(cs)) continue;
    const b = a.getBoundingClientRect();
    const x0 = b.left + a.clientLeft, y0 = b.top + a.clientTop;
    if (cs.overflowX !== 'visible') { left = Math.max(left, x0); right = Math.min(right, x0 + a.clientWidth); }
    if (cs.overflowY !== 'visible' && !across) { top = Math.max(top, y0); bottom = Math.min(bottom, y0 + a.clientHeight); }
  }
  return right - left > 0.5 && bottom - top > 0.5 ? {left, top, right, bottom} : null;
};
const name = (el) => {
  const cls = [...el.classList].filter((c) => c.startsWith('sat-') || c.startsWith('lm-')).slice(0, 3);
  const text = (el.innerText || el.value || el.textContent || '').trim().replace(/\s+/g, ' ');
  return `<${el.tagName.toLowerCase()}${cls.length ? '.' + cls.join('.') : ''}> "${text.slice(0, 60)}"`;
};
const titled = (el, root) => {
  for (let a = el; a; a = a.parentElement) {
    if (a.getAttribute('title')) return true;
    if (a === root) break;
  }
  return false;
};
// every visible line of text under ``root`` outside ``skip``: [text node, its rectangle as shown]
const textLines = (root, skip) => {
  const found = [];
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = walk.nextNode(); t; t = walk.nextNode()) {
    const parent = t.parentElement;
    if (!t.data.trim() || !parent || parent.closest(skip) || !visible(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(t);
    for (const rect of range.getClientRects()) {
      const s = rect.width > 1 && shown(t, rect, root);
      if (s) found.push([t, s]);
    }
  }
  return found;
};
"""

_CLIPPED = (
    "([selector, scrolls]) => {"
    + _COMMON
    + r"""
  const out = [];
  for (const root of document.querySelectorAll(selector)) {
    if (!visible(root)) continue;
    const r = root.getBoundingClientRect(), s = shown(root, r, null, true);
    if (s && (s.right < r.right - 1 || s.left > r.left + 1))
      out.push(`${name(root)} is ${Math.round(r.width)} px wide, only ${Math.round(s.right - s.left)} px shown`);
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (!visible(el) || el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
      const tag = el.tagName.toLowerCase();
      if (['select', 'input', 'textarea', 'option', 'style', 'script'].includes(tag)) {
        if (tag === 'select' && el.selectedIndex >= 0) {  // the chosen option's words in the box
          const cs = getComputedStyle(el), ctx = document.createElement('canvas').getContext('2d');
          ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
          const text = el.options[el.selectedIndex].text;
          // the arrow: in the right padding of a styled select, beside it in a native one
          const arrow = cs.appearance === 'none' ? 0 : 20;
          const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - arrow;
          if (ctx.measureText(text).width > room + 1 && shown(el, el.getBoundingClientRect(), root))
            out.push(`${name(el)}: "${text}" is cut (${Math.round(ctx.measureText(text).width)} px in ${Math.round(room)})`);
        }
        continue;
      }
      if (!el.clientWidth && !el.clientHeight) continue;  // an inline box: its block answers
      const cs = getComputedStyle(el);
      if (cs.display.startsWith('table-') && cs.display !== 'table-cell') continue;  // sized by its table
      const dx = el.scrollWidth - el.clientWidth, dy = el.scrollHeight - el.clientHeight;
      if (dx <= 1 && dy <= 1) continue;
      if (!shown(el, el.getBoundingClientRect(), root)) continue;  // scrolled out of sight itself
      const axis = dx > 1 ? 'X' : 'Y', overflow = cs['overflow' + axis];
      const by = `${Math.round(Math.max(dx, dy))} px ${dx > 1 ? 'wider' : 'taller'}`;
      if (overflow === 'auto' || overflow === 'scroll') {
        // a page (or a panel) is read by scrolling down; only scrolling across is a fault
        if (dx > 1 && !(scrolls && el.matches(scrolls))) out.push(`${name(el)} scrolls across: its content is ${Math.round(dx)} px wider`);
      } else if (overflow === 'visible') {
        // a glyph's overhang (a heading's descenders, an italic) is not a spill: a line is
        if (dx > 2 || dy > 4) out.push(`${name(el)} spills: its content is ${by} than its box`);
      } else {
        const ellipsis = cs.textOverflow === 'ellipsis' || (cs.webkitLineClamp && cs.webkitLineClamp !== 'none');
        const button = el.closest('button, .lm-TabBar-tab');
        if (!(ellipsis && !button && titled(el, root))) out.push(`${name(el)} is cut: its content is ${by}`);
      }
    }
  }
  return out;
}"""
)

_OVERLAPS = (
    "([selector]) => {"
    + _COMMON
    + r"""
  const ATOMIC = 'button, select, input, textarea, img, svg, canvas';
  const items = [];
  for (const root of document.querySelectorAll(selector)) {
    if (!visible(root)) continue;
    for (const el of root.querySelectorAll(ATOMIC)) {
      if (!visible(el) || el.parentElement.closest(ATOMIC)) continue;
      const s = shown(el, el.getBoundingClientRect(), root);
      if (s) items.push({el, r: s, what: name(el)});
    }
    for (const [t, r] of textLines(root, ATOMIC + ', style, script, option'))
      items.push({el: t.parentElement, r, what: `${name(t.parentElement)} (text "${t.data.trim().slice(0, 40)}")`});
  }
  items.sort((a, b) => a.r.top - b.r.top);
  const out = [], seen = new Set();
  // a line of text may touch the next (tight line heights): overlap means more than this
  const SLACK = 3;
  for (let i = 0; i < items.length; i++) {
    const a = items[i];
    for (let j = i + 1; j < items.length && items[j].r.top < a.r.bottom - SLACK; j++) {
      const b = items[j];
      if (a.el === b.el) continue;  // the lines of one text, or one element's own texts
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (w > SLACK && h > SLACK) {
        const key = `${a.what} | ${b.what}`;
        if (!seen.has(key)) { seen.add(key); out.push(`${a.what} overlaps ${b.what} (${Math.round(w)} x ${Math.round(h)} px)`); }
      }
    }
  }
  return out;
}"""
)

_LINES = (
    "([selector, most]) => {"
    + _COMMON
    + r"""
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!visible(el)) continue;
    const tops = new Set();
    for (const [, r] of textLines(el, 'style, script, option'))
      tops.add(Math.round((r.top + r.bottom) / 2 / 4));
    // lines whose middles lie within a few pixels are one line (a bold word beside plain ones)
    const lines = [...tops].sort((a, b) => a - b).filter((v, k, all) => k === 0 || v - all[k - 1] > 1);
    if (lines.length > most) out.push(`${name(el)} is set on ${lines.length} lines`);
  }
  return out;
}"""
)


def clipped(page, selector: str, scrolls: str = "") -> list[str]:
    """Elements under ``selector`` whose content is cut off, spills out, or scrolls where only
    ``scrolls`` (a CSS selector) may: one line each."""
    return page.evaluate(_CLIPPED, [selector, scrolls])


def overlaps(page, selector: str) -> list[str]:
    """Pairs of visible things under ``selector`` drawn over each other (lines of text, form
    controls, pictures), each seen only as far as the boxes that scroll or clip it show it."""
    return page.evaluate(_OVERLAPS, [selector])


def too_many_lines(page, selector: str, most: int = 2) -> list[str]:
    """Elements matching ``selector`` whose visible text is set on more than ``most`` lines."""
    return page.evaluate(_LINES, [selector, most])
