/*
 * The online 征集表 (application form) of Wuxi's project-based skills training pilot.
 *
 * The form is rendered from the application's JSON Schema (application.schema.json); the limits
 * the validator applies (price caps, catalog standards, eligible groups, periods) come from
 * limits.json, written from the records at build time. Nothing leaves the browser: the draft is
 * kept in localStorage and the result is a YAML file to download or to propose on the Git host.
 * Plain ES2017, no libraries, so that the page works offline and on any phone browser.
 */
(function () {
  "use strict";

  var DRAFT_KEY = "peixun-apply-draft-v1";
  var WIDGETS = {
    "description.industry_status": "textarea", "description.skill_demand": "textarea",
    "description.goals": "textarea", "employment_service": "textarea",
    "contact.phone": "tel", "contact.email": "email"
  };
  var PLACEHOLDERS = {
    "id": "自动生成，如 A2026-3RXC-0420K7QD", "institution": "18 位统一社会信用代码，可从列表选择", "district": "如 滨湖区",
    "contact.phone": "如 0510-82829088，或 11 位手机号", "contact.email": "如 office@example.cn",
    "catalog.occupation_code": "如 4-10-01-05，可从列表选择", "planned.expected_employment_rate": "如 0.6 或 60%",
    "declaration.scan_sha256": "64 位十六进制；也可在下方选择扫描件自动计算", "employers.*.uscc": "18 位统一社会信用代码",
    "budget.unit_price": "元/人", "budget.breakdown.*.amount": "元/人"
  };
  // help texts written for YAML editors ("须加引号") say something else on this page, which quotes for the user
  var HELP = {
    "id": "申报编号即文件名。已按单位和日期自动生成，一般不必修改",
    "industry_chain": "征集方向选“其他”时必填：填写服务的产业集群或产业链（按政策所列名称）",
    "contact.phone": "手机 11 位，或带区号的座机",
    "catalog.occupation_code": "目录内工种必填，按指导目录填写，如 4-10-01-05",
    "qualification.number": "按证书填写"
  };
  var QUOTED = ["institution", "contact.phone", "catalog.occupation_code", "employers.*.uscc"];
  var MONEY = ["budget.unit_price", "budget.breakdown.*.amount"];
  var FORCE_REQUIRED = ["evaluation", "employment_service"];
  var USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  var MOBILE = /^(?:\+?86[- ]?)?1[3-9]\d{9}$/;
  var LANDLINE = /^0\d{2,3}-?[2-9]\d{6,7}$/;
  var EMAIL = /^[A-Za-z0-9.!#$%&'*+\/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

  var schema = null;
  var limits = null;
  var state = { values: {}, touched: {}, showAll: false };
  var form = document.getElementById("app-form");
  var downloadUrl = null;

  // ------------------------------------------------------------------ small helpers
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function idOf(path) { return "f-" + path.replace(/\./g, "-"); }
  function pattern(path) { return path.replace(/\.\d+(?=\.|$)/g, ".*"); }
  function getPath(obj, path) {
    return path.split(".").reduce(function (o, k) { return o === undefined || o === null ? undefined : o[k]; }, obj);
  }
  function setPath(obj, path, value) {
    var keys = path.split(".");
    var last = keys.pop();
    var node = keys.reduce(function (o, k, i) {
      if (o[k] === undefined || o[k] === null) o[k] = /^\d+$/.test(keys[i + 1] || last) ? [] : {};
      return o[k];
    }, obj);
    node[last] = value;
  }
  function str(value) { return typeof value === "string" ? value.trim() : ""; }
  function today() { return new Date().toISOString().slice(0, 10); }
  function cents(text) {
    var m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(str(text));
    return m ? parseInt(m[1], 10) * 100 + parseInt(((m[2] || "") + "00").slice(0, 2), 10) : null;
  }
  function yuan(c) { return c % 100 ? (c / 100).toFixed(2) : String(c / 100); }
  function isDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }
  function label(table, key) { return (limits.labels[table] || {})[key] || key; }

  // ------------------------------------------------------------------ schema
  function resolve(node) {
    var out = Object.assign({}, node);
    if (node.anyOf) {
      var branches = node.anyOf.filter(function (b) { return b.type !== "null"; });
      var rest = Object.assign({}, node);
      delete rest.anyOf;
      out = Object.assign(resolve(branches[0]), rest, { nullable: branches.length < node.anyOf.length });
    }
    if (out.$ref) {
      var name = out.$ref.split("/").pop();
      var outer = Object.assign({}, out);
      delete outer.$ref;
      out = Object.assign({}, schema.$defs[name], outer, { defName: name });
    }
    return out;
  }
  function kindOf(node) {
    if (node.properties) return "object";
    if (node.type === "array") return resolve(node.items).properties ? "rows" : "checks";
    if (node.enum) return "select";
    if (node.type === "boolean") return "yesno";
    if (node.type === "integer" || node.type === "number") return node.type;
    if (node.format === "date") return "date";
    return "text";
  }
  function orderOf(node) { return (node.defName && limits.order[node.defName]) || Object.keys(node.properties); }
  function childOf(node, key) { return resolve(node.properties[key]); }
  function requiredIn(node, key) { return (node.required || []).indexOf(key) >= 0; }
  function enumLabels(node) { return node.enumDescriptions || node.enum; }

  // ------------------------------------------------------------------ records in force
  function inForce(items, day) {
    var live = items.filter(function (p) {
      return p.effective_from <= day && (!p.effective_until || day <= p.effective_until);
    });
    return live.length ? live[live.length - 1] : null;  // sorted by effective_from, id
  }
  function submittedOn() { var d = str(state.values.submitted_on); return isDate(d) ? d : today(); }
  function policy() { return inForce(limits.policies, submittedOn()); }
  function catalog() { return inForce(limits.catalogs, submittedOn()); }
  function inCatalog() { return getPath(state.values, "catalog.in_catalog") === "true"; }
  function occupation() {
    var cat = catalog();
    var code = str(getPath(state.values, "catalog.occupation_code"));
    return cat ? cat.occupations.filter(function (o) { return o.code === code; })[0] || null : null;
  }
  function institution() {
    var uscc = str(state.values.institution).toUpperCase();
    return limits.institutions.filter(function (i) { return i.uscc === uscc; })[0] || null;
  }
  function cap() {
    if (inCatalog()) {
      var occ = occupation();
      var level = getPath(state.values, "catalog.level");
      if (!occ || !level || !(level in occ.standards)) return null;
      var c = cents(occ.standards[level]);
      return { cents: c, basis: "目录标准：" + occ.name + "（" + occ.code + "）" + label("level", level) + " " + yuan(c) + " 元" };
    }
    var p = policy();
    var category = state.values.category;
    if (!p || !category) return null;
    var amount = cents(p.caps[category]);
    return { cents: amount, basis: "新开发" + label("category", category) + "项目上限 " + yuan(amount) + " 元" };
  }
  // A proposed id can't collide with another applicant's: it carries the institution (the last
  // four characters of its code), the day and a random suffix, e.g. A2026-3RXC-0420K7QD.
  function randomSuffix() {
    var alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    var bytes = new Uint8Array(4);
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(bytes);
    else for (var i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    return Array.prototype.map.call(bytes, function (b) { return alphabet[b % alphabet.length]; }).join("");
  }
  function nextId() {
    var day = submittedOn();
    var uscc = str(state.values.institution).toUpperCase().replace(/[^0-9A-Z]/g, "");
    var who = uscc.length >= 4 ? uscc.slice(-4) : "NEW";
    var id;
    do {
      id = "A" + day.slice(0, 4) + "-" + who + "-" + day.slice(5, 7) + day.slice(8, 10) + randomSuffix();
    } while (limits.application_ids.indexOf(id) >= 0);
    return id;
  }
  function refreshProposedId() {
    var current = str(state.values.id);
    // the applicant's own id stays; only an empty or proposed one follows the institution and date
    if (state.touched.id || (current && !/^A\d{4}-(?:NEW|[0-9A-Z]{4})-\d{4}[A-Z2-9]{4}$/.test(current))) return;
    var input = document.getElementById(idOf("id"));
    if (input && document.activeElement === input) return;  // never under the applicant's cursor
    state.values.id = nextId();
    if (input) input.value = state.values.id;
  }

  // The fewest practical periods that, with the theory kept, meet the total and the share at once
  // (generator/periods.py, practical_minimum: the validator and `peixun new` give the same figure).
  function practicalMinimum(theory, minTotal, share) {
    if (share >= 1) return Math.max(minTotal - theory, 0);
    return Math.max(Math.ceil(share * theory / (1 - share) - 1e-9), minTotal - theory, 0);
  }
  window.peixunForm = { practicalMinimum: practicalMinimum };

  // ------------------------------------------------------------------ rendering
  function render() {
    form.textContent = "";
    limits.sections.forEach(function (section) {
      var box = el("fieldset", { "class": "section" });
      box.appendChild(el("legend", {}, section.title));
      section.fields.forEach(function (key) {
        renderField(box, childOf(schema, key), key, requiredIn(schema, key), section.fields.length === 1);
      });
      form.appendChild(box);
    });
    addDatalists();
    afterChange(false);
  }

  function renderField(parent, node, path, required, flat) {
    var kind = kindOf(node);
    if (kind === "object") {
      var box = parent;
      if (!flat) {
        box = el("fieldset", { "data-path": path });
        box.appendChild(el("legend", {}, node.title));
        parent.appendChild(box);
      }
      orderOf(node).forEach(function (key) {
        renderField(box, childOf(node, key), path + "." + key, requiredIn(node, key), false);
      });
      return;
    }
    if (kind === "rows") { renderRows(parent, node, path, flat); return; }
    var wrap = el("div", { "class": "field", "data-field": path });
    var id = idOf(path);
    var mandatory = (required && !node.nullable) || FORCE_REQUIRED.indexOf(path) >= 0;
    var caption = el(kind === "checks" || kind === "yesno" ? "span" : "label",
      kind === "checks" || kind === "yesno" ? { "class": "label", id: id + "-label" } : { "for": id }, node.title);
    if (mandatory) caption.classList.add("required");
    wrap.appendChild(caption);
    var help = HELP[pattern(path)] || (/[a-z_]{3,}/.test(node.description || "") ? "" : node.description);
    if (help) wrap.appendChild(el("span", { "class": "help" }, help));
    wrap.appendChild(control(kind, node, path, id));
    if (path === "declaration.scan_sha256") wrap.appendChild(scanPicker());
    wrap.appendChild(el("p", { "class": "info", id: "info-" + id }));
    wrap.appendChild(el("p", { "class": "msg", id: "msg-" + id, role: "status" }));
    parent.appendChild(wrap);
  }

  function control(kind, node, path, id) {
    var value = getPath(state.values, path);
    var input;
    if (kind === "select") {
      input = el("select", { id: id, name: path, "data-path": path });
      input.appendChild(el("option", { value: "" }, "请选择"));
      var names = enumLabels(node);
      node.enum.forEach(function (v, i) { input.appendChild(el("option", { value: v }, names[i])); });
      input.value = value || "";
      return input;
    }
    if (kind === "yesno" || kind === "checks") {
      var group = el("div", { "class": "choices", role: kind === "yesno" ? "radiogroup" : "group", "aria-labelledby": id + "-label", id: id });
      var options = kind === "yesno" ? [["true", "是"], ["false", "否"]] : choices(node);
      options.forEach(function (opt) {
        var box = el("input", { type: kind === "yesno" ? "radio" : "checkbox", name: path, value: opt[0], "data-path": path });
        box.checked = kind === "yesno" ? value === opt[0] : (value || []).indexOf(opt[0]) >= 0;
        var text = el("label", {});
        text.appendChild(box);
        text.appendChild(document.createTextNode(opt[1]));
        group.appendChild(text);
      });
      return group;
    }
    var widget = WIDGETS[pattern(path)];
    input = el(widget === "textarea" ? "textarea" : "input", { id: id, name: path, "data-path": path });
    if (widget !== "textarea") input.setAttribute("type", kind === "date" ? "date" : widget || "text");
    if (kind === "integer") input.setAttribute("inputmode", "numeric");
    if (kind === "number") input.setAttribute("inputmode", "decimal");
    var hint = PLACEHOLDERS[pattern(path)];
    if (hint) input.setAttribute("placeholder", hint);
    if (["institution", "district", "industry_chain", "catalog.occupation_code"].indexOf(path) >= 0) {
      input.setAttribute("list", "list-" + path.replace(/\./g, "-"));
    }
    input.value = value || "";
    return input;
  }

  function choices(node) {
    var items = resolve(node.items);
    var values = items.enum || limits.enums.group;  // the schema's items may carry only the labels
    var p = policy();
    return values.map(function (v) { return [v, label("group", v)]; }).filter(function (opt) {
      return !p || p.eligible_groups.indexOf(opt[0]) >= 0;  // only groups the policy admits
    });
  }

  function renderRows(parent, node, path, flat) {
    var items = resolve(node.items);
    var box = el(flat ? "div" : "fieldset", { "class": "rows", "data-path": path, id: idOf(path) });
    if (!flat) box.appendChild(el("legend", {}, node.title));
    if (node.description && !/[a-z_]{3,}/.test(node.description)) box.appendChild(el("span", { "class": "help" }, node.description));
    var list = getPath(state.values, path);
    if (!Array.isArray(list) || !list.length) { list = [{}]; setPath(state.values, path, list); }
    list.forEach(function (row, i) {
      var card = el("div", { "class": "row" });
      var head = el("div", { "class": "row-head" }, "第 " + (i + 1) + " 项");
      if (list.length > 1) {
        head.appendChild(el("button", { type: "button", "class": "button link", "data-remove": path, "data-index": String(i) }, "删除"));
      }
      card.appendChild(head);
      orderOf(items).forEach(function (key) {
        renderField(card, childOf(items, key), path + "." + i + "." + key, requiredIn(items, key), false);
      });
      box.appendChild(card);
    });
    box.appendChild(el("button", { type: "button", "class": "button small", "data-add": path }, "添加一项"));
    box.appendChild(el("p", { "class": "info", id: "info-" + idOf(path) }));
    box.appendChild(el("p", { "class": "msg", id: "msg-" + idOf(path), role: "status" }));
    parent.appendChild(box);
  }

  function scanPicker() {
    var wrap = el("div", { "class": "help" });
    wrap.appendChild(el("label", { "for": "scan-file" }, "或选择签字盖章页扫描件，在本机计算 SHA-256（文件不会上传）："));
    var file = el("input", { type: "file", id: "scan-file", accept: ".pdf,.jpg,.jpeg,.png" });
    wrap.appendChild(file);
    file.addEventListener("change", function () {
      var picked = file.files && file.files[0];
      if (!picked) return;
      if (!window.crypto || !window.crypto.subtle) {
        setText("info-" + idOf("declaration.scan_sha256"), "此浏览器无法在本页计算，请用 sha256sum 或 certutil -hashfile 计算后粘贴");
        return;
      }
      picked.arrayBuffer().then(function (buf) { return window.crypto.subtle.digest("SHA-256", buf); }).then(function (digest) {
        var hex = Array.prototype.map.call(new Uint8Array(digest), function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
        setPath(state.values, "declaration.scan_sha256", hex);
        document.getElementById(idOf("declaration.scan_sha256")).value = hex;
        state.touched["declaration.scan_sha256"] = true;
        afterChange(true);
      });
    });
    return wrap;
  }

  function addDatalists() {
    var lists = {
      "institution": limits.institutions.map(function (i) { return [i.uscc, i.name]; }),
      "district": limits.districts.map(function (d) { return [d, ""]; }),
      "industry_chain": (policy() || { industry_chains: [] }).industry_chains.map(function (c) { return [c, ""]; }),
      "catalog.occupation_code": (catalog() || { occupations: [] }).occupations.map(function (o) { return [o.code, o.name]; })
    };
    Object.keys(lists).forEach(function (path) {
      var list = el("datalist", { id: "list-" + path.replace(/\./g, "-") });
      lists[path].forEach(function (opt) { list.appendChild(el("option", { value: opt[0] }, opt[1] || null)); });
      form.appendChild(list);
    });
  }

  function setText(id, text) { var node = document.getElementById(id); if (node) node.textContent = text || ""; }

  // ------------------------------------------------------------------ checks (mirror peixun validate)
  function check() {
    var found = [];
    function add(path, level, text) { found.push({ path: path, level: level, text: text }); }
    walk(schema, "", state.values, add);
    rules(add);
    return found;
  }

  function hidden(path) {
    return (path === "catalog.occupation_code" || path === "catalog.level") && !inCatalog();
  }

  function walk(node, path, value, add) {
    orderOf(node).forEach(function (key) {
      var child = childOf(node, key);
      var sub = path ? path + "." + key : key;
      var raw = value ? value[key] : undefined;
      var required = (requiredIn(node, key) && !child.nullable) || FORCE_REQUIRED.indexOf(sub) >= 0;
      var kind = kindOf(child);
      if (hidden(sub)) return;
      if (kind === "object") { walk(child, sub, raw || {}, add); return; }
      if (kind === "rows") {
        (raw || []).forEach(function (row, i) { walk(resolve(child.items), sub + "." + i, row, add); });
        return;
      }
      if (kind === "checks") {
        if ((child.minItems || 0) > (raw || []).length) add(sub, "error", "请至少选择一项");
        return;
      }
      var text = str(raw);
      if (!text) { if (required) add(sub, "error", "必填：请填写" + child.title); return; }
      scalar(child, kind, sub, text, add);
    });
  }

  function scalar(node, kind, path, text, add) {
    if (kind === "integer") {
      if (!/^\d+$/.test(text)) { add(path, "error", "请填写整数"); return; }
      if (node.minimum !== undefined && +text < node.minimum) add(path, "error", "不能小于 " + node.minimum);
    } else if (kind === "number") {
      var number = numberOf(path, text);
      if (number === null) { add(path, "error", "请填写数字"); return; }
      if (MONEY.indexOf(pattern(path)) >= 0 && cents(text) === null) add(path, "error", "金额最多两位小数，如 1000 或 999.50");
      if (node.minimum !== undefined && number < node.minimum) add(path, "error", "不能小于 " + node.minimum);
      if (node.maximum !== undefined && number > node.maximum) add(path, "error", "应在 0 到 1 之间（也可写作百分数，如 60%）");
    } else if (kind === "date") {
      if (!isDate(text)) add(path, "error", "日期应写作 YYYY-MM-DD");
    } else if (kind === "select") {
      if (node.enum.indexOf(text) < 0) add(path, "error", "请从列表中选择");
    } else if (node.pattern && !new RegExp(node.pattern).test(normal(path, text))) {
      add(path, "error", node.description ? "格式不正确：" + node.description : "格式不正确");
    }
  }

  function numberOf(path, text) {
    if (path === "planned.expected_employment_rate" && /^\d+(\.\d+)?%$/.test(text)) {
      return Number((parseFloat(text) / 100).toFixed(4));
    }
    return /^\d+(\.\d+)?$/.test(text) ? Number(text) : null;
  }
  function normal(path, text) { return path === "declaration.scan_sha256" ? text.toLowerCase() : text; }

  function usccProblem(code) {
    if (!/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/.test(code)) {
      return "统一社会信用代码应为 18 位数字和大写字母（不含 I、O、S、V、Z），第 3-8 位为数字";
    }
    var sum = 0;
    for (var i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(code[i]) * (Math.pow(3, i) % 31);
    var expected = USCC_ALPHABET[(31 - sum % 31) % 31];
    return code[17] === expected ? null : "统一社会信用代码校验位应为“" + expected + "”，请按证书核对";
  }

  function rules(add) {
    var v = state.values;
    var p = policy();
    var id = str(v.id);
    if (id && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) add("id", "error", "编号只能包含字母、数字和连字符，如 " + nextId());
    else if (limits.application_ids.indexOf(id) >= 0) add("id", "error", "编号 " + id + " 已被使用，请换一个，如 " + nextId());
    if (!p) add("submitted_on", "error", "该日期没有生效的政策文件，无法申报");
    var uscc = str(v.institution).toUpperCase();
    if (uscc) {
      var bad = usccProblem(uscc);
      if (bad) add("institution", "error", bad);
      else if (!institution()) add("institution", "warning", "该单位尚未登记：请在同一个合并请求中提交培训主体文件 records/institutions/" + uscc + ".yaml（maintainers 中须有提交人的账号），由市人社局审核后合并");
    }
    catalogRules(v, add);
    if (p && v.field && v.field !== "other" && p.priority_fields.indexOf(v.field) < 0) {
      add("field", "error", "该征集方向不在政策重点领域之内，请改选，或选“其他”并注明产业链");
    }
    var chain = str(v.industry_chain);
    if (v.field === "other" && !chain) add("industry_chain", "error", "征集方向为其他，须填写服务的产业集群或产业链");
    if (chain && p && p.industry_chains.length && p.industry_chains.indexOf(chain) < 0) {
      add("industry_chain", "error", "请按政策所列名称填写：" + p.industry_chains.join("、"));
    }
    var phone = str(getPath(v, "contact.phone"));
    if (phone && !MOBILE.test(phone) && !LANDLINE.test(phone)) {
      add("contact.phone", "error", "不是有效的大陆手机或座机号码：手机 11 位，以 1 开头；座机带区号，如 0510-82829088");
    }
    var email = str(getPath(v, "contact.email"));
    if (email && !EMAIL.test(email)) add("contact.email", "error", "邮箱地址格式不正确，如 office@example.cn");
    (v.target_groups || []).forEach(function (g) {
      if (p && p.eligible_groups.indexOf(g) < 0) add("target_groups", "error", "“" + label("group", g) + "”不是政策规定的培训对象");
    });
    periodRules(v, p, add);
    if (!(v.employers || []).some(function (e) { return /^\d+$/.test(str(e.positions)) && +e.positions > 0; })) {
      add("employers", "error", "缺少岗位需求：请填写至少一家岗位数量大于 0 的用人单位");
    }
    (v.employers || []).forEach(function (e, i) {
      var problem = str(e.uscc) && usccProblem(str(e.uscc).toUpperCase());
      if (problem) add("employers." + i + ".uscc", "error", problem);
    });
    budgetRules(v, add);
    declarationRules(v, add);
    nameRule(v, add);
  }

  function catalogRules(v, add) {
    if (!inCatalog()) return;
    var code = str(getPath(v, "catalog.occupation_code"));
    var level = getPath(v, "catalog.level");
    var cat = catalog();
    var occ = occupation();
    if (!code) add("catalog.occupation_code", "error", "目录内工种须填写工种编码，如 4-10-01-05");
    else if (cat && !occ) add("catalog.occupation_code", "error", "工种编码 " + code + " 不在指导目录 " + cat.id + "（" + cat.edition + "）中；目录外的新开发项目请选“否”");
    if (!level) add("catalog.level", "error", "目录内工种须选择等级");
    else if (occ && !(level in occ.standards)) {
      add("catalog.level", "error", occ.name + "在目录中没有该等级，目录所列等级为：" + Object.keys(occ.standards).map(function (l) { return label("level", l); }).join("、"));
    }
    if (occ && v.category && v.category !== occ.category) {
      add("category", "error", "指导目录中" + occ.name + "属于" + label("category", occ.category) + "，请改为该类别");
    }
  }

  function periodRules(v, p, add) {
    var modules = v.curriculum || [];
    var theory = 0;
    var practical = 0;
    modules.forEach(function (m) { theory += +str(m.theory_periods) || 0; practical += +str(m.practical_periods) || 0; });
    var total = theory + practical;
    setText("info-" + idOf("curriculum"), "总课时 " + total + "（理论 " + theory + "，实操 " + practical +
      (total ? "，实操占 " + Math.round(practical * 1000 / total) / 10 + "%" : "") + "）");
    if (!p || !total) return;
    var share = Number(p.min_practical_share);
    var needed = practicalMinimum(theory, p.min_total_periods, share);
    if (total < p.min_total_periods) {
      add("curriculum", "warning", "总课时 " + total + "，低于 " + p.min_total_periods + " 课时" +
        (needed > practical ? "：理论保持 " + theory + " 课时时，实操至少 " + needed + " 课时" : "") + "（通知 四(四)）");
    }
    if (practical < share * total) {
      add("curriculum", "warning", "实操课时占 " + Math.round(practical * 1000 / total) / 10 + "%，低于 " +
        Math.round(share * 100) + "%：请把实操课时增加到至少 " + needed + " 课时（理论 " + theory +
        " 课时不变；总课时不低于 " + p.min_total_periods + "、实操占比同时满足）（通知 四(四)）");
    }
  }

  function budgetRules(v, add) {
    var limit = cap();
    var price = cents(getPath(v, "budget.unit_price"));
    setText("info-" + idOf("budget.unit_price"), limit ? "单价上限（" + limit.basis + "）" : "选择类别或目录工种和等级后显示单价上限");
    if (limit && price !== null && price > limit.cents) {
      add("budget.unit_price", "error", "申报单价 " + yuan(price) + " 元超过" + limit.basis + "。请把单价降到 " + yuan(limit.cents) + " 元以内（通知 四(三)）");
    }
    var items = getPath(v, "budget.breakdown") || [];
    var sum = 0;
    var readable = true;
    items.forEach(function (item) { var c = cents(item.amount); if (c === null) readable = false; else sum += c; });
    setText("info-" + idOf("budget.breakdown"), "明细合计 " + yuan(sum) + " 元" + (price !== null ? "，申报单价 " + yuan(price) + " 元" : ""));
    if (readable && price !== null && sum !== price) {
      var gap = price - sum;
      add("budget.breakdown", "error", "费用预算明细合计 " + yuan(sum) + " 元，与申报单价 " + yuan(price) + " 元不一致（明细" +
        (gap > 0 ? "少 " + yuan(gap) : "多 " + yuan(-gap)) + " 元）");
    }
  }

  function declarationRules(v, add) {
    var inst = institution();
    var signer = str(getPath(v, "declaration.signed_by")).replace(/\s+/g, "");
    if (inst && signer && signer !== inst.legal_representative.replace(/\s+/g, "")) {
      add("declaration.signed_by", "error", "应由法定代表人“" + inst.legal_representative + "”签名");
    }
    var signed = str(getPath(v, "declaration.signed_on"));
    var submitted = str(v.submitted_on);
    if (isDate(signed) && isDate(submitted) && signed > submitted) {
      add("declaration.signed_on", "error", "签署日期晚于提交日期 " + submitted + "：申报单位意见须在提交前签署");
    }
  }

  function nameRule(v, add) {
    var name = str(v.project_name);
    if (!name) return;
    var occ = occupation();
    if (inCatalog() && occ && name.indexOf(occ.name) < 0) {
      add("project_name", "warning", "目录内项目请以目录名称“" + occ.name + "”命名");
    } else if (!inCatalog() && !limits.action_verbs.some(function (verb) { return name.slice(-verb.length) === verb; })) {
      add("project_name", "warning", "新开发项目请以名词加动词命名，如“工业无人机装调”（附件 备注）");
    }
  }

  // ------------------------------------------------------------------ after every change
  function afterChange(save) {
    var inCat = inCatalog();
    ["catalog.occupation_code", "catalog.level"].forEach(function (path) {
      var box = form.querySelector('[data-field="' + path + '"]');
      if (box) box.classList.toggle("hidden", !inCat);
    });
    var occ = occupation();
    if (inCat && occ && state.values.category !== occ.category) {
      state.values.category = occ.category;
      var select = document.getElementById(idOf("category"));
      if (select) select.value = occ.category;
    }
    setText("info-" + idOf("catalog.occupation_code"), inCat && occ ? occ.name + "：" + Object.keys(occ.standards).map(function (l) {
      return label("level", l) + " " + occ.standards[l] + " 元";
    }).join("，") : "");
    var inst = institution();
    setText("info-" + idOf("institution"), inst ? inst.name + " · " + label("institution_type", inst.type) + " · 法定代表人 " + inst.legal_representative : "");
    show(check());
    if (save) saveDraft();
  }

  function touched(path) {
    if (state.showAll) return true;
    return Object.keys(state.touched).some(function (t) { return t === path || t.indexOf(path + ".") === 0; });
  }

  function show(found) {
    form.querySelectorAll(".msg").forEach(function (m) { m.textContent = ""; m.className = "msg"; });
    form.querySelectorAll("[aria-invalid]").forEach(function (n) { n.removeAttribute("aria-invalid"); });
    var visible = found.filter(function (f) { return touched(f.path); });
    visible.forEach(function (f) {
      var msg = document.getElementById("msg-" + idOf(f.path));
      if (!msg) return;
      msg.textContent = msg.textContent ? msg.textContent + "；" + f.text : f.text;
      msg.className = "msg " + (msg.classList.contains("error") || f.level === "error" ? "error" : "warning");
      var input = document.getElementById(idOf(f.path));
      if (input && f.level === "error") input.setAttribute("aria-invalid", "true");
    });
    var errors = found.filter(function (f) { return f.level === "error"; });
    var status = document.getElementById("status");
    if (state.showAll) {
      status.textContent = errors.length ? errors.length + " 处需修改" : "已通过检查";
      status.className = "status" + (errors.length ? " bad" : "");
    } else {
      // before 生成 YAML, only fields already filled in are judged: nothing is red before typing
      var shown = visible.filter(function (f) { return f.level === "error"; }).length;
      status.textContent = shown ? "已填写的内容中有 " + shown + " 处需修改" : (Object.keys(state.touched).length ? "已填写的内容没有问题" : "");
      status.className = "status" + (shown ? " bad" : "");
    }
    var result = document.getElementById("result");
    if (!result.hidden) { if (errors.length) result.hidden = true; else produce(); }
    if (state.showAll) summarise(errors);
    return errors;
  }

  function summarise(errors) {
    var box = document.getElementById("summary");
    var list = document.getElementById("summary-list");
    list.textContent = "";
    errors.forEach(function (f) {
      var item = el("li", {});
      var link = el("a", { href: "#" + idOf(f.path) }, titleOf(f.path) + "：" + f.text);
      item.appendChild(link);
      list.appendChild(item);
    });
    box.hidden = !errors.length;
  }

  function titleOf(path) {
    var node = schema;
    var names = [];
    path.split(".").forEach(function (key) {
      if (/^\d+$/.test(key)) { names.push("第 " + (+key + 1) + " 项"); node = resolve(node.items); return; }
      node = childOf(node, key);
      names.push(node.title);
    });
    return names.join(" · ");
  }

  // ------------------------------------------------------------------ YAML
  function Plain(text) { this.text = text; }

  function collect(node, path, value) {
    var out = {};
    orderOf(node).forEach(function (key) {
      var child = childOf(node, key);
      var sub = path ? path + "." + key : key;
      var raw = value ? value[key] : undefined;
      var kind = kindOf(child);
      if (hidden(sub)) { out[key] = null; return; }
      if (kind === "object") { out[key] = collect(child, sub, raw || {}); return; }
      if (kind === "rows") {
        out[key] = (raw || []).map(function (row, i) { return collect(resolve(child.items), sub + "." + i, row); });
        return;
      }
      if (kind === "checks") { out[key] = (raw || []).slice(); return; }
      var text = str(raw);
      if (!text) { out[key] = null; return; }
      if (kind === "yesno") out[key] = text === "true";
      else if (kind === "integer") out[key] = new Plain(String(parseInt(text, 10)));
      else if (kind === "number") out[key] = new Plain(String(numberOf(sub, text)));
      else if (kind === "date") out[key] = new Plain(text);
      else if (sub === "institution" || pattern(sub) === "employers.*.uscc") out[key] = text.toUpperCase();
      else out[key] = normal(sub, text);
    });
    return out;
  }

  function needsQuotes(s) {
    return s === "" || /^\s|\s$/.test(s) || /^[-?:,\[\]{}#&*!|>'"%@`]/.test(s) || /:\s|\s#|:$/.test(s) ||
      /[\u0000-\u001f\u007f\u2028\u2029\ufeff]/.test(s) || /^[-+.]?\d/.test(s) ||
      /^(true|false|null|yes|no|on|off|y|n|~)$/i.test(s) || /^\.(inf|nan)$/i.test(s);
  }

  function scalarText(value, path) {
    if (value === null || value === undefined) return "";
    if (value instanceof Plain) return value.text;
    if (typeof value === "boolean") return String(value);
    var s = String(value);
    return QUOTED.indexOf(pattern(path)) >= 0 || needsQuotes(s) ? JSON.stringify(s) : s;
  }

  function emit(lines, prefix, indent, key, value, path) {
    if (Array.isArray(value)) {
      if (!value.length) { lines.push(prefix + key + ": []"); return; }
      lines.push(prefix + key + ":");
      var pad = " ".repeat(indent + 2);
      value.forEach(function (item, i) {
        if (item && typeof item === "object" && !(item instanceof Plain)) {
          Object.keys(item).forEach(function (k, j) {
            emit(lines, j === 0 ? pad + "- " : pad + "  ", indent + 4, k, item[k], path + "." + i + "." + k);
          });
        } else {
          lines.push(pad + "- " + scalarText(item, path + "." + i));
        }
      });
      return;
    }
    if (value && typeof value === "object" && !(value instanceof Plain)) {
      lines.push(prefix + key + ":");
      Object.keys(value).forEach(function (k) {
        emit(lines, " ".repeat(indent + 2), indent + 2, k, value[k], path + "." + k);
      });
      return;
    }
    var text = scalarText(value, path);
    lines.push(prefix + key + ":" + (text ? " " + text : ""));
  }

  function toYaml(data) {
    var lines = ["# yaml-language-server: $schema=" + limits.schema_ref];
    limits.header_comment.split("\n").forEach(function (l) { lines.push("# " + l); });
    Object.keys(data).forEach(function (key) {
      var note = limits.comments[key];
      if (note) note.split("\n").forEach(function (l) { lines.push("# " + l); });
      emit(lines, "", 0, key, data[key], key);
    });
    return lines.join("\n") + "\n";
  }

  function produce() {
    var data = collect(schema, "", state.values);
    var yaml = toYaml(data);
    var year = str(state.values.submitted_on).slice(0, 4);
    var path = "records/applications/" + year + "/" + str(state.values.id) + ".yaml";
    document.getElementById("yaml-output").value = yaml;
    document.getElementById("result-path").textContent = path;
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = URL.createObjectURL(new Blob([yaml], { type: "application/x-yaml;charset=utf-8" }));
    var download = document.getElementById("download");
    download.href = downloadUrl;
    download.setAttribute("download", str(state.values.id) + ".yaml");
    var filename = path.split("/").map(encodeURIComponent).join("/");
    var propose = document.getElementById("propose");
    propose.hidden = !limits.repo;
    if (limits.repo) {
      propose.href = "https://github.com/" + limits.repo + "/new/" + limits.branch +
        "?filename=" + filename + "&value=" + encodeURIComponent(yaml);
    }  // no Git host configured: the button stays hidden; download or copy the YAML instead
    return yaml;
  }

  // ------------------------------------------------------------------ events and draft
  function onInput(event) {
    var target = event.target;
    var path = target.getAttribute && target.getAttribute("data-path");
    if (!path) return;
    if (target.type === "checkbox") {
      var boxes = form.querySelectorAll('input[type=checkbox][data-path="' + path + '"]');
      setPath(state.values, path, Array.prototype.filter.call(boxes, function (b) { return b.checked; }).map(function (b) { return b.value; }));
    } else if (target.type === "radio") {
      if (target.checked) setPath(state.values, path, target.value);
    } else {
      setPath(state.values, path, target.value);
    }
    state.touched[path] = true;
    if ((path === "institution" || path === "submitted_on") && event.type === "input") refreshProposedId();
    if (path === "submitted_on" || path === "catalog.in_catalog") refreshLists();
    afterChange(true);
  }

  function refreshLists() {
    form.querySelectorAll("datalist").forEach(function (d) { d.remove(); });
    addDatalists();
  }

  function onClick(event) {
    var target = event.target;
    var add = target.getAttribute("data-add");
    var remove = target.getAttribute("data-remove");
    if (!add && !remove) return;
    var path = add || remove;
    var list = getPath(state.values, path) || [];
    if (add) list.push({});
    else list.splice(parseInt(target.getAttribute("data-index"), 10), 1);
    setPath(state.values, path, list);
    render();
    saveDraft();
    if (add) {
      var inputs = form.querySelectorAll('[data-path^="' + path + "." + (list.length - 1) + '."]');
      if (inputs.length) inputs[0].focus();
    }
  }

  // Saved on every change, not debounced: a few kilobytes cost nothing, and a tab closed right
  // after the last keystroke must not lose it.
  function saveDraft() {
    try { window.localStorage.setItem(DRAFT_KEY, JSON.stringify({ values: state.values, saved: new Date().toISOString() })); }
    catch (e) { setText("status", "草稿无法保存到本机（浏览器禁止了本地存储）"); }
  }

  function loadDraft() {
    try {
      var draft = JSON.parse(window.localStorage.getItem(DRAFT_KEY) || "null");
      return draft && typeof draft.values === "object" ? draft.values : null;
    } catch (e) { return null; }
  }

  function generate() {
    state.showAll = true;
    var errors = show(check());
    var result = document.getElementById("result");
    if (errors.length) {
      result.hidden = true;
      document.getElementById("summary").scrollIntoView({ block: "start" });
      return;
    }
    document.getElementById("summary").hidden = true;
    produce();
    result.hidden = false;
    result.scrollIntoView({ block: "start" });
  }

  function start(loaded) {
    schema = loaded[0];
    limits = loaded[1];
    schema.defName = limits.root;  // the root's field order, like every definition's, comes from the models
    state.values = loadDraft() || { id: "", submitted_on: today(), catalog: { in_catalog: "true" } };
    if (!str(state.values.id)) state.values.id = nextId();
    render();
    form.addEventListener("input", onInput);
    form.addEventListener("change", onInput);
    form.addEventListener("click", onClick);
    document.getElementById("generate").addEventListener("click", generate);
    document.getElementById("copy").addEventListener("click", function () {
      var area = document.getElementById("yaml-output");
      area.select();
      if (navigator.clipboard) navigator.clipboard.writeText(area.value).catch(function () { document.execCommand("copy"); });
      else document.execCommand("copy");
    });
    document.getElementById("clear-draft").addEventListener("click", function () {
      if (!window.confirm("清空草稿并重新开始？")) return;
      try { window.localStorage.removeItem(DRAFT_KEY); } catch (e) { /* storage blocked: nothing to clear */ }
      state.values = { id: "", submitted_on: today(), catalog: { in_catalog: "true" } };
      state.values.id = nextId();
      state.touched = {};
      state.showAll = false;
      document.getElementById("result").hidden = true;
      document.getElementById("summary").hidden = true;
      render();
    });
    document.documentElement.setAttribute("data-ready", "true");
  }

  function fetchJson(name) {
    return fetch(name, { cache: "no-cache" }).then(function (r) {
      if (!r.ok) throw new Error(name + "：" + r.status);
      return r.json();
    });
  }

  Promise.all([fetchJson("application.schema.json"), fetchJson("limits.json")]).then(start).catch(function (err) {
    var box = document.getElementById("load-error");
    box.textContent = "表单加载失败（" + err.message + "）。请刷新页面重试。";
    box.hidden = false;
  });
})();
