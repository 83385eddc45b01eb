/* Search over Pagefind's index (built after rendering by localdigital/build/search.py).
   Progressive enhancement of the box in overrides/partials/search.html: without JavaScript
   the box is hidden and the listings are the way in. Loaded as a module; the Pagefind
   bundle is imported from the site's own pagefind/ folder on first use, and a query then
   downloads only the index chunks and result fragments it needs.
   Keys: "/", "s" or "f" open the search; arrows move between the box and the results;
   Enter opens the first result; Escape closes. */

const PAGE_SIZE = 10;
const DELAY = 80; // ms of quiet typing before a search runs

const root = document.getElementById("ld-search");
if (root) {
  setUp(root);
}

function setUp(root) {
  const toggle = document.getElementById("__search"); // the theme's checkbox: checked = search open (its CSS)
  const form = root.querySelector("form");
  const input = root.querySelector("input[type=search]");
  const output = root.querySelector(".md-search__output");
  const status = root.querySelector("[role=status]");
  const list = root.querySelector("ol");
  const opener = document.querySelector(".ld-search-open");
  const site = new URL("../../", import.meta.url); // this file is assets/javascripts/search.js
  let pagefind = null;
  let latest = 0;
  let timer = 0;
  let shown = [];
  let quietFocus = false;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", site).href).then(async (module) => {
        await module.options({ baseUrl: site.pathname, excerptLength: 24 });
        await module.init();
        return module;
      });
      pagefind.catch(() => { pagefind = null; });
    }
    return pagefind;
  }

  function isOpen() {
    return Boolean(toggle && toggle.checked);
  }

  function open() {
    if (toggle && !toggle.checked) {
      toggle.checked = true;
    }
    output.hidden = false;
    if (opener) { opener.setAttribute("aria-expanded", "true"); }
    load().catch(() => say("Search is not available at the moment. The listings on each section page still work."));
  }

  function close() {
    if (toggle) { toggle.checked = false; }
    output.hidden = true;
    if (opener) { opener.setAttribute("aria-expanded", "false"); }
  }

  function say(text) {
    status.textContent = text;
  }

  // Below the theme's 60em breakpoint the box lives in an overlay that closing hides.
  const narrow = window.matchMedia("(max-width: 59.984375em)");

  function focusInput() {
    quietFocus = true;
    input.focus();
    quietFocus = false;
  }

  function links() {
    return Array.from(list.querySelectorAll("a"));
  }

  // Pagefind's excerpt is HTML with <mark> around matches: keep only its text and the marks.
  function excerpt(html) {
    const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
    const fragment = document.createDocumentFragment();
    const paragraph = parsed.body.firstElementChild;
    for (const node of paragraph ? paragraph.childNodes : []) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        fragment.append(mark);
      } else {
        fragment.append(document.createTextNode(node.textContent));
      }
    }
    return fragment;
  }

  function item(data) {
    const type = (data.meta && data.meta.type) || (data.filters && data.filters.type && data.filters.type[0]) || "Page";
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link ld-search__link";
    link.href = data.url;
    const kind = document.createElement("span");
    kind.className = "ld-search__type";
    kind.textContent = type;
    const title = document.createElement("span");
    title.className = "ld-search__title";
    title.textContent = (data.meta && data.meta.title) || data.url;
    const text = document.createElement("span");
    text.className = "ld-search__excerpt";
    text.append(excerpt(data.excerpt || ""));
    link.append(kind, " ", title, " ", text);
    li.append(link);
    return li;
  }

  function more(ticket, term) {
    const li = document.createElement("li");
    li.className = "md-search-result__item ld-search__more";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ld-search__more-button";
    button.textContent = `Show ${Math.min(PAGE_SIZE, shown.length - list.querySelectorAll("a").length)} more`;
    button.addEventListener("click", async () => {
      const next = list.querySelectorAll("a").length;
      li.remove();
      await show(ticket, term, next);
      const all = links();
      if (all[next]) { all[next].focus(); }
    });
    li.append(button);
    return li;
  }

  async function show(ticket, term, from) {
    // Each result's fragment is fetched at once, and listed as soon as it and those above it are in.
    const pending = shown.slice(from, from + PAGE_SIZE).map((result) => result.data());
    for (const next of pending) {
      const data = await next;
      if (ticket !== latest) { return; }
      list.append(item(data));
    }
    const listed = list.querySelectorAll("a").length;
    if (listed < shown.length) { list.append(more(ticket, term)); }
    const count = shown.length === 1 ? "1 result" : `${shown.length} results`;
    say(`${count} for “${term}”` + (listed < shown.length ? `, showing ${listed}` : ""));
  }

  async function search(term) {
    const ticket = ++latest;
    if (!term) {
      shown = [];
      list.replaceChildren();
      say("");
      return;
    }
    let module;
    try {
      module = await load();
    } catch (error) {
      say("Search is not available at the moment. The listings on each section page still work.");
      return;
    }
    const found = await module.search(term);
    if (ticket !== latest) { return; }
    shown = found ? found.results : [];
    list.replaceChildren();
    if (!shown.length) {
      say(`No results for “${term}”`);
      return;
    }
    await show(ticket, term, 0);
  }

  input.addEventListener("focus", () => { if (!quietFocus) { open(); } });
  input.addEventListener("input", () => {
    open();
    const term = input.value.trim();
    window.clearTimeout(timer);
    if (pagefind && term) { pagefind.then((module) => module.preload(term)).catch(() => {}); }
    timer = window.setTimeout(() => { search(term); }, DELAY);
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = links()[0];
    if (first) { window.location.assign(first.href); }
  });
  form.addEventListener("reset", () => {
    window.setTimeout(() => { search(""); focusInput(); }, 0);
  });

  root.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      if (narrow.matches && opener) {
        opener.focus();
      } else {
        focusInput();
      }
    } else if (event.key === "ArrowDown" && (document.activeElement === input || at >= 0)) {
      event.preventDefault();
      if (!isOpen()) { open(); }
      const next = all[at + 1];
      if (next) { next.focus(); }
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      if (at === 0) { focusInput(); } else { all[at - 1].focus(); }
    }
  });

  // Leaving the search by Tab or a click elsewhere closes it.
  root.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !root.contains(event.relatedTarget)) { close(); }
  });
  if (toggle) {
    // The theme's overlay and back arrow are labels for the checkbox: they close the search.
    toggle.addEventListener("change", () => {
      if (toggle.checked) { open(); focusInput(); } else { close(); }
    });
  }
  if (opener) {
    opener.addEventListener("click", () => { open(); input.focus(); });
  }

  // "/", "s" or "f" anywhere but in a field opens the search, as in the theme.
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) { return; }
    if (!["/", "s", "f", "S", "F"].includes(event.key)) { return; }
    const active = document.activeElement;
    if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) { return; }
    event.preventDefault();
    open();
    input.focus();
  });
}
