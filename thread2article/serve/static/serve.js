// thread2article review page. Plain script, served as a file: the Content-Security-Policy lets
// no inline script run. Every change goes to the server, which re-renders the article with the
// project's own writer; this script only swaps the HTML it sends back and moves the focus.
"use strict";

(function () {
  const tokenMeta = document.querySelector('meta[name="t2a-token"]');
  const token = tokenMeta ? tokenMeta.content : "";

  // Opening a file: choosing it is enough.
  const file = document.getElementById("file");
  if (file) {
    file.addEventListener("change", function () {
      if (file.files.length) file.form.requestSubmit();
    });
  }

  // A source's thread list: search as you type.
  const search = document.getElementById("q");
  if (search) {
    let timer = 0;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(async function () {
        const list = search.dataset.list;
        const query = search.value.trim();
        const response = await fetch(list + "?partial=1&q=" + encodeURIComponent(query));
        if (!response.ok) return;
        document.getElementById("thread-rows").innerHTML = await response.text();
        history.replaceState(null, "", list + (query ? "?q=" + encodeURIComponent(query) : ""));
      }, 200);
    });
  }

  const review = document.getElementById("review");
  if (!review) return;
  const base = review.dataset.base;
  const cycle = review.dataset.cycle.split(" ");
  const article = document.getElementById("article");
  const state = document.getElementById("state");
  const title = document.getElementById("title");
  const info = document.getElementById("boundary-info");
  const toast = document.getElementById("toast");

  function say(message, isError) {
    toast.textContent = message;
    toast.classList.toggle("error", Boolean(isError));
    toast.setAttribute("role", isError ? "alert" : "status");
  }

  // Requests run one after another, so the page always shows the answer to the last change.
  let queue = Promise.resolve();
  function send(action, body, afterwards) {
    const run = async function () {
      const response = await fetch(base + "/" + action, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-T2A-Token": token },
        body: JSON.stringify(body || {}),
        credentials: "same-origin",
      });
      let data = null;
      try {
        data = await response.json();
      } catch (error) {
        data = { error: "the server's answer could not be read" };
      }
      if (!response.ok) throw new Error(data.error || response.statusText);
      update(data);
      if (afterwards) afterwards(data);
    };
    queue = queue.then(run).catch(function (error) {
      say(error.message, true);
    });
    return queue;
  }

  function update(data) {
    hideTip();
    article.innerHTML = data.article;
    untitle();
    state.innerHTML = data.state;
    // The title field is the writer's: only a reset writes into it.
    title.placeholder = data.title;
    document.title = data.title + " · review · thread2article";
    review.dataset.version = String(Number(review.dataset.version || "0") + 1);
  }

  function boundaries() {
    return Array.from(article.querySelectorAll("button.boundary"));
  }

  // The marks carry a title for a page without script; here the tip says it, once.
  function untitle() {
    for (const mark of article.querySelectorAll(".boundary[title]")) mark.removeAttribute("title");
  }
  untitle();

  // A tip next to the mark, and the same words in the panel (read by screen readers).
  const tip = document.createElement("div");
  tip.id = "boundary-tip";
  tip.className = "tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.appendChild(tip);

  function describe(mark) {
    const data = mark.dataset;
    let detail = "";
    if (data.ruleDecision && data.ruleDecision !== data.decision) {
      detail += " (your choice; the rules chose " + data.ruleDecision + ")";
    }
    detail += " · rule: " + (data.rule || "none") + " · signals: " + (data.signals || "none");
    info.textContent = "Boundary " + data.number + ": " + data.decision + detail;
    const head = document.createElement("strong");
    head.textContent = data.decision;
    tip.replaceChildren(head, detail);
    tip.hidden = false;
    const box = mark.getBoundingClientRect();
    const width = Math.min(360, document.documentElement.clientWidth - 16);
    tip.style.maxWidth = width + "px";
    const left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.left = left + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
  }

  function hideTip() {
    tip.hidden = true;
  }

  function focusBoundary(after) {
    const mark = article.querySelector('button.boundary[data-after="' + CSS.escape(after) + '"]');
    if (mark) {
      mark.focus({ preventScroll: true });
      describe(mark);
    }
  }

  article.addEventListener("click", function (event) {
    const mark = event.target.closest("button.boundary");
    if (!mark) return;
    event.preventDefault();
    const at = cycle.indexOf(mark.dataset.decision);
    const next = cycle[(at + 1) % cycle.length];
    const after = mark.dataset.after;
    send("decide", { after: after, decision: next }, function () {
      focusBoundary(after);
    });
  });
  for (const kind of ["mouseover", "focusin"]) {
    article.addEventListener(kind, function (event) {
      const mark = event.target.closest(".boundary");
      if (mark) describe(mark);
    });
  }
  article.addEventListener("mouseout", function (event) {
    if (event.target.closest(".boundary") && document.activeElement !== event.target) hideTip();
  });
  article.addEventListener("focusout", hideTip);
  window.addEventListener("resize", hideTip);

  // j/k (or n/p) move between boundaries; Enter or Space on one changes it (it is a button).
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    const step = { j: 1, n: 1, k: -1, p: -1 }[event.key];
    if (!step) return;
    const marks = boundaries();
    if (!marks.length) return;
    event.preventDefault();
    const at = marks.indexOf(document.activeElement);
    const next = at < 0 ? (step > 0 ? 0 : marks.length - 1) : (at + step + marks.length) % marks.length;
    marks[next].focus();
    marks[next].scrollIntoView({ block: "center", behavior: "smooth" });
    describe(marks[next]);
  });

  // The title: sent as you type (after a short pause), and before any download.
  let titleTimer = 0;
  let titleSent = title.value;
  function flushTitle() {
    clearTimeout(titleTimer);
    if (title.value === titleSent) return queue;
    titleSent = title.value;
    return send("title", { title: title.value });
  }
  title.addEventListener("input", function () {
    clearTimeout(titleTimer);
    titleTimer = setTimeout(flushTitle, 300);
  });
  title.addEventListener("change", flushTitle);
  title.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      flushTitle();
    }
  });

  state.addEventListener("click", function (event) {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.id === "reset") {
      send("reset", {}, function (data) {
        title.value = data.title;
        titleSent = title.value;
      });
    } else if (button.classList.contains("marker")) {
      send("marker", {
        post: button.dataset.post,
        text: button.dataset.marker,
        keep: button.dataset.kept !== "true",
      });
    }
  });

  // Take it away: downloads are plain links (after any pending change); copies go through the
  // clipboard.
  for (const link of document.querySelectorAll("a.download")) {
    link.addEventListener("click", function (event) {
      if (link.dataset.ready === "1") {
        delete link.dataset.ready;
        return;
      }
      event.preventDefault();
      flushTitle().then(function () {
        link.dataset.ready = "1";
        link.click();
      });
    });
  }
  for (const button of document.querySelectorAll("button.copy")) {
    button.addEventListener("click", async function () {
      await flushTitle();
      try {
        const response = await fetch(base + "/export/" + button.dataset.export);
        if (!response.ok) throw new Error(response.statusText);
        await navigator.clipboard.writeText(await response.text());
        say("Copied: " + button.closest("tr").querySelector("th").textContent);
      } catch (error) {
        say("Could not copy (" + error.message + "); use Download instead.", true);
      }
    });
  }
})();
