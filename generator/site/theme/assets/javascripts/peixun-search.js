/*
 * The site's search page, on Pagefind's chunked index (written by `peixun build` into pagefind/):
 * a search loads only the index chunks and the result fragments it needs, so a phone's first
 * search costs about the same at 20 projects and at 2,500. Written for this site, no library.
 *
 *   <form data-px-search="BASE">: BASE is the site root relative to this page; ?q= runs a search
 *   on load, so a search can be linked and the form works without this script's help. The
 *   runtime and titles.json (page id -> [URL, title]) load when the page opens: a result is listed
 *   as soon as the index chunk answers, and its excerpt follows when its fragment arrives.
 */
(function () {
  "use strict";

  var MAX = 20; // results listed
  var EXCERPTS = 8; // fragments fetched for excerpts, the first results only
  var form = document.querySelector("form[data-px-search]");
  if (!form) { return; }
  var input = form.querySelector("input[name=q]");
  var status = document.querySelector(".px-search-status");
  var list = document.querySelector(".px-search-results");
  var base = new URL(form.getAttribute("data-px-search"), window.location.href);
  var engine = null;
  var latest = 0;

  function say(text) { status.textContent = text; }

  function fetchTitles() {
    return window.fetch(new URL("pagefind/titles.json", base).href, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .catch(function () { return {}; });
  }

  function load() {
    if (!engine) {
      var runtime = import(new URL("pagefind/pagefind.js", base).href).then(function (pagefind) {
        // no worker: the chunks are small, and the page's own network conditions apply to them
        return pagefind.options({ baseUrl: base.pathname, excerptLength: 24, noWorker: true }).then(function () {
          return pagefind.init();
        }).then(function () { return pagefind; });
      });
      engine = Promise.all([runtime, fetchTitles()]);
    }
    return engine;
  }

  // Pagefind's excerpt is escaped page text with <mark> around the matches: only text and <mark>
  // are taken from it, parsed inertly
  function excerpt(html) {
    var p = document.createElement("p");
    p.className = "px-search-excerpt";
    var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    Array.prototype.forEach.call(doc.body.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function item(url, title) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = url;
    a.textContent = title || url;
    li.appendChild(a);
    return li;
  }

  function siteUrl(path) {
    return new URL(String(path).replace(/^\/+/, ""), base).href;
  }

  function run(query) {
    var ticket = ++latest;
    query = query.trim();
    list.removeAttribute("data-px-query");
    if (!query) {
      list.textContent = "";
      say("");
      return;
    }
    say("正在搜索……");
    load().then(function (loaded) {
      var pagefind = loaded[0];
      var titles = loaded[1];
      return pagefind.search(query).then(function (search) {
        if (ticket !== latest || !search) { return; }
        list.textContent = "";
        var results = search.results.slice(0, MAX);
        if (!results.length) {
          say("没有找到与“" + query + "”相关的页面。");
          list.setAttribute("data-px-query", query);
          return;
        }
        say("找到 " + search.results.length + " 个相关页面" +
          (search.results.length > MAX ? "，列出前 " + MAX + " 个" : "") + "。");
        results.forEach(function (result, index) {
          var known = titles[result.id];
          var li = known ? item(siteUrl(known[0]), known[1]) : document.createElement("li");
          li.hidden = !known;
          list.appendChild(li);
          if (index >= EXCERPTS && known) { return; }
          result.data().then(function (data) {
            if (ticket !== latest) { return; }
            if (!known) {
              var filled = item(data.url, data.meta && data.meta.title);
              list.replaceChild(filled, li);
              li = filled;
            }
            li.appendChild(excerpt(data.excerpt || ""));
          });
        });
        list.setAttribute("data-px-query", query);
      });
    }).catch(function () {
      if (ticket === latest) { say("搜索索引载入失败，请稍后再试。"); }
    });
  }

  var timer = null;
  function later() {
    window.clearTimeout(timer);
    var query = input.value;
    if (query.trim()) { // the index chunks start loading with the keystroke, the search waits for a pause
      load().then(function (loaded) { return loaded[0].preload(query.trim()); }).catch(function () { /* said later */ });
    }
    timer = window.setTimeout(function () {
      var url = window.location.pathname + (query.trim() ? "?q=" + encodeURIComponent(query.trim()) : "");
      window.history.replaceState(null, "", url);
      run(query);
    }, 80);
  }
  input.addEventListener("input", function (event) {
    if (!event.isComposing) { later(); } // pinyin being composed is not a query yet
  });
  input.addEventListener("compositionend", later);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    run(input.value);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  } else {
    load().catch(function () { /* said when a search is made */ });
  }
})();
