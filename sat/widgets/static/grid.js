// The workbook's rating grid: one widget for the whole ACH matrix (sat.widgets.grid.RatingGrid).
//
// Each cell is a native <select> of the rating codes, coloured by its rating (the classes of
// sat.widgets.markup's stylesheet), so a rating is chosen by mouse or by keyboard (Tab to a
// cell; up and down step along the scale, left and right move along the row, Delete clears).
// The kernel is told of a choice by a message and answers by changing the synced ratings; a
// refused choice is put back. Every piece of case text is set as text (textContent, title),
// never parsed as markup, except an item's card, which the kernel escapes (evidence_card).

const el_ = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

const colour = (value, codes) =>
  "sat-rating-" + (value === "" ? "unrated" : codes.includes(value) ? value : "NA");

function render({ model, el }) {
  const root = el_("div", "sat-grid");
  root.setAttribute("data-lm-suppress-shortcuts", "true");  // keys here are not notebook commands
  el.appendChild(root);
  let cells = new Map();   // "e\u0000h" -> select
  let levels = new Map();  // "e\u0000field" -> select
  let rows = new Map();    // item id -> [label, credibility, relevance, ...cells] (wrappers)
  let heads = [];          // the hypotheses' heads
  let itemHeads = new Map();

  const template = (options) => {
    const s = document.createElement("select");
    for (const [label, value] of options) {
      const o = document.createElement("option");
      o.value = value;
      o.textContent = label;
      s.appendChild(o);
    }
    return s;
  };

  const setRating = (select, value) => {
    const codes = model.get("codes");
    const extra = select.querySelector("option[data-number]");
    if (value !== "" && !codes.includes(value)) {
      if (!extra || extra.value !== value) {
        if (extra) extra.remove();
        const o = el_("option", "", value);
        o.value = value;
        o.setAttribute("data-number", "1");
        select.appendChild(o);
      }
    } else if (extra) {
      extra.remove();
    }
    if (select.value !== value) select.value = value;
    const wrap = select.parentElement;
    const wanted = colour(value, codes);
    for (const c of [...wrap.classList]) {
      if (c.startsWith("sat-rating-") && c !== wanted) wrap.classList.remove(c);
    }
    wrap.classList.add(wanted);
  };

  // the keyboard: up and down step along the scale (as the list shows it), left and right move
  // to the next cell of the row, Delete (or Backspace) clears the rating
  const keys = (event, e, h) => {
    const s = event.target;
    if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      const k = s.selectedIndex + (event.key === "ArrowUp" ? -1 : 1);
      event.preventDefault();
      if (k >= 0 && k < s.options.length && !s.disabled) {
        s.selectedIndex = k;
        model.send({ event: "rate", evidence: e, hypothesis: h, value: s.value });
      }
    } else if ((event.key === "Delete" || event.key === "Backspace") && !s.disabled) {
      event.preventDefault();
      if (s.value !== "") {
        s.value = "";
        model.send({ event: "rate", evidence: e, hypothesis: h, value: "" });
      }
    } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      const hyps = model.get("hypotheses").map((x) => x.id);
      const next = cells.get(e + "\u0000" + hyps[hyps.indexOf(h) + (event.key === "ArrowLeft" ? -1 : 1)]);
      event.preventDefault();
      if (next) next.focus();
    }
  };

  const build = () => {
    const codes = model.get("codes");
    const editable = model.get("editable");
    const hyps = model.get("hypotheses");
    const items = model.get("items");
    const ratings = model.get("ratings");
    const lv = model.get("levels");
    const ratingTemplate = template([["", ""], ...codes.map((c) => [c, c])]);
    const levelTemplate = template(model.get("level_codes").map((c) => [c, c]));
    cells = new Map();
    levels = new Map();
    rows = new Map();
    itemHeads = new Map();
    heads = [el_("b", "", "Evidence"), el_("b", "", "Cred."), el_("b", "", "Rel.")].map((b) => {
      const d = el_("div", "sat-grid-side");
      d.appendChild(b);
      return d;
    });
    for (const h of hyps) {
      const head = el_("div", "sat-grid-head sat-head-" + h.id);
      const b = el_("b", "", h.id);
      b.title = h.statement;
      const small = el_("div", "sat-grid-small");
      const label = el_("div", "sat-label", h.label);
      label.title = h.label + ": " + h.statement;
      small.appendChild(label);
      head.append(b, small);
      heads.push(head);
    }
    items.forEach((item, i) => {
      const label = el_("div", "sat-evidence");
      label.innerHTML = item.card;  // escaped by the kernel (sat.widgets.markup.evidence_card)
      const row = [label];
      ["credibility", "relevance"].forEach((field, k) => {
        const wrap = el_("div", "sat-level sat-" + field + "-" + item.id);
        const s = levelTemplate.cloneNode(true);
        s.value = lv[i][k];
        s.disabled = !editable;
        s.title = field + " of " + item.id;
        s.addEventListener("change", () =>
          model.send({ event: "level", evidence: item.id, field, value: s.value }),
        );
        wrap.appendChild(s);
        levels.set(item.id + "\u0000" + field, s);
        row.push(wrap);
      });
      hyps.forEach((h, k) => {
        const wrap = el_("div", "sat-cell sat-cell-" + item.id + "-" + h.id);
        const s = ratingTemplate.cloneNode(true);
        s.disabled = !editable;
        s.title = item.id + " against " + h.id;
        wrap.appendChild(s);
        setRating(s, ratings[i][k]);
        s.addEventListener("change", () =>
          model.send({ event: "rate", evidence: item.id, hypothesis: h.id, value: s.value }),
        );
        s.addEventListener("keydown", (event) => keys(event, item.id, h.id));
        cells.set(item.id + "\u0000" + h.id, s);
        row.push(wrap);
      });
      rows.set(item.id, row);
      const head = el_("div", "sat-item-head sat-item-head-" + item.id);
      const b = el_("b", "", item.id);
      b.title = item.summary;
      head.append(b, el_("br"), el_("span", "sat-grid-type", item.type));
      itemHeads.set(item.id, head);
    });
    arrange();
  };

  const arrange = () => {
    const items = model.get("items");
    const shown = model.get("order").map((i) => items[i].id);
    const n = model.get("hypotheses").length;
    const parts = [];
    if (model.get("transposed")) {
      const side = [el_("b", "", "Hypothesis"), el_("b", "", "Cred."), el_("b", "", "Rel.")];
      parts.push(side[0], ...shown.map((e) => itemHeads.get(e)));
      for (const k of [1, 2]) parts.push(side[k], ...shown.map((e) => rows.get(e)[k]));
      for (let k = 3; k < 3 + n; k++) parts.push(heads[k], ...shown.map((e) => rows.get(e)[k]));
      root.style.gridTemplateColumns = `minmax(12em, 18em) repeat(${shown.length}, 4.8em)`;
    } else {
      parts.push(...heads);
      for (const e of shown) parts.push(...rows.get(e));
      root.style.gridTemplateColumns =
        `minmax(16em, 26em) 4.5em 4.5em repeat(${n}, minmax(4.8em, 6.5em))`;
    }
    root.replaceChildren(...parts);
  };

  const update = () => {
    const items = model.get("items");
    const hyps = model.get("hypotheses");
    const ratings = model.get("ratings");
    const lv = model.get("levels");
    items.forEach((item, i) => {
      hyps.forEach((h, k) => {
        const s = cells.get(item.id + "\u0000" + h.id);
        if (s) setRating(s, ratings[i][k]);
      });
      ["credibility", "relevance"].forEach((field, k) => {
        const s = levels.get(item.id + "\u0000" + field);
        if (s && s.value !== lv[i][k]) s.value = lv[i][k];
      });
    });
  };

  build();
  model.on("change:items", build);
  model.on("change:hypotheses", build);
  model.on("change:editable", build);
  model.on("change:transposed", arrange);
  model.on("change:order", arrange);
  model.on("change:ratings", update);
  model.on("change:levels", update);
  model.on("msg:custom", (msg) => {
    if (msg && msg.event === "reset") update();  // a refused choice: show the case again
  });
  return () => root.remove();
}

export default { render };
