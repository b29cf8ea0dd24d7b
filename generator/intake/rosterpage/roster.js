/*
 * The roster page: check a class's roster spreadsheet in the browser, then seal it with age to the
 * bureau, for a clerk who has Excel and a browser and nothing else.
 *
 * Nothing leaves the browser: the file is read with FileReader, checked here, encrypted here (age,
 * from vendor.js) and handed back as a download. No request is made after the page has loaded.
 *
 * The checks are the import's own (generator/intake/roster.py, cells.py, sheet.py): every column
 * name, alias, accepted form and message comes from roster-data.json, which the site build writes
 * from generator/intake/rosterrules.py. This file holds only the order of the checks and how a
 * spreadsheet is read (CSV as Python's csv module reads it, XLSX as openpyxl reads it), so that a
 * message here is the message `peixun seal-roster` and `peixun import-roster` print.
 * PeixunRoster (window) exposes the pure parts for the tests.
 */
(function () {
  "use strict";

  var MAGIC = "peixun-sealed-roster/1\n";

  // ------------------------------------------------------------------ text, as Python shows it
  // A cell is null, a string, a boolean, {num, raw, float} (an XLSX number) or {dt: [y, m, d, H, M, S]}.
  function fill(rules, key, values) {
    return rules.messages[key].replace(/\{(\w+)\}/g, function (_, k) { return String(values[k]); });
  }
  // Python's whitespace (str.isspace, and \s of its regular expressions): not quite JavaScript's \s
  var WS = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var STRIP = new RegExp("^" + WS + "+|" + WS + "+$", "g"), SPACES = new RegExp(WS + "+", "g");
  function pyStrip(s) { return s.replace(STRIP, ""); }
  function pad(n, w) { var s = String(n); while (s.length < w) s = "0" + s; return s; }
  function isNum(v) { return v !== null && typeof v === "object" && "num" in v; }
  function isDt(v) { return v !== null && typeof v === "object" && "dt" in v; }
  function floatRepr(x) {
    if (!isFinite(x)) return x > 0 ? "inf" : x < 0 ? "-inf" : "nan";
    var a = Math.abs(x);
    if (a !== 0 && (a >= 1e16 || a < 1e-4)) {
      var e = x.toExponential();  // shortest digits, like Python's repr
      return e.replace(/e([+-])(\d)$/, "e$10$2");
    }
    var s = String(x);
    return Number.isInteger(x) ? s + ".0" : s;
  }
  function pyStr(v) {
    if (v === null || v === undefined) return "None";
    if (typeof v === "string") return v;
    if (typeof v === "boolean") return v ? "True" : "False";
    if (isNum(v)) return v.float ? floatRepr(v.num) : v.raw;
    if (isDt(v)) {
      var d = v.dt;
      return pad(d[0], 4) + "-" + pad(d[1], 2) + "-" + pad(d[2], 2) + " " + pad(d[3], 2) + ":" + pad(d[4], 2) + ":" + pad(d[5], 2);
    }
    return String(v);
  }
  function blank(v) { return v === null || v === undefined || (typeof v === "string" && pyStrip(v) === ""); }
  function text(v) {  // cells.text
    if (isNum(v) && v.float && Number.isInteger(v.num)) return BigInt(v.num).toString();
    return pyStrip(pyStr(v));
  }
  function chars(s) { return Array.from(s); }
  function mask(value) {  // generator.rules.common.mask
    var c = chars(value), n = c.length;
    if (n <= 2) return c.slice(0, 1).join("") + "*".repeat(Math.max(n - 1, 0));
    var head = n >= 12 ? 4 : n === 11 ? 3 : 1, tail = n >= 12 ? 4 : n === 11 ? 4 : 1;
    return c.slice(0, head).join("") + "*".repeat(n - head - tail) + c.slice(n - tail).join("");
  }
  function columnLetter(index) {  // openpyxl.utils.get_column_letter
    var s = "";
    while (index > 0) { var r = (index - 1) % 26; s = String.fromCharCode(65 + r) + s; index = Math.floor((index - 1) / 26); }
    return s;
  }
  // Python's \d is any decimal digit (full-width ones too) and int() reads them: the same here
  function pyRegExp(pattern) {
    return new RegExp(pattern.replace(/\\d/g, "\\p{Nd}").replace(/\\s/g, WS), "u");
  }
  function digits(s) {
    var out = "";
    chars(s).forEach(function (ch) {
      var code = ch.codePointAt(0);
      if (code >= 0xff10 && code <= 0xff19) out += String(code - 0xff10);
      else if (/^\p{Nd}$/u.test(ch) && !/^[0-9]$/.test(ch)) out += ch.normalize("NFKC");
      else out += ch;
    });
    return out;
  }
  function pyInt(s) { return parseInt(digits(s), 10); }
  function upper(s) { return s.toUpperCase(); }
  function normaliseId(s) { return upper(s.replace(SPACES, "")); }

  // ------------------------------------------------------------------ problems
  function Problem(message, row, column, header) {
    this.message = message; this.row = row === undefined ? null : row;
    this.column = column === undefined ? null : column; this.header = header === undefined ? null : header;
  }
  function where(rules, p) {  // RowProblem.where
    var parts = [];
    if (p.row !== null) parts.push(fill(rules, "where_row", { row: p.row }));
    if (p.column !== null) {
      var letter = columnLetter(p.column);
      parts.push(p.header ? fill(rules, "where_column_header", { letter: letter, header: p.header })
        : fill(rules, "where_column", { letter: letter }));
    } else if (p.header) {
      parts.push(fill(rules, "where_header", { header: p.header }));
    }
    return parts.join(" ");
  }
  function shown(rules, p) {  // str(RowProblem)
    var w = where(rules, p);
    return w ? fill(rules, "located", { where: w, message: p.message }) : p.message;
  }
  function CellError(message) { this.message = message; }

  // ------------------------------------------------------------------ cells (generator/intake/cells.py)
  function Cells(rules) {
    var dateRe = pyRegExp(rules.date_pattern), timeRe = pyRegExp(rules.time_suffix);
    var countRe = pyRegExp(rules.count_pattern), idForm = pyRegExp(rules.resident_id.form);
    var yes = rules.yes, no = rules.no;
    var punct = rules.group_punctuation;
    function groupKey(s) { return chars(s).map(function (c) { return c in punct ? punct[c] : c; }).join(""); }
    var byText = {};
    Object.keys(rules.groups).forEach(function (g) { byText[groupKey(rules.groups[g])] = g; });
    var epoch = rules.excel_epoch.split("-").map(Number);
    var idm = rules.resident_id.messages;
    var earliest = rules.resident_id.earliest_birth;

    var DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    function validDate(y, m, d) {  // what datetime.date accepts
      if (!(y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1)) return false;
      return d <= DAYS[m - 1] + (m === 2 && leap(y) ? 1 : 0);
    }
    function leap(y) { return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; }
    function iso(y, m, d) { return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2); }
    function todayIso() { var t = new Date(); return iso(t.getFullYear(), t.getMonth() + 1, t.getDate()); }

    function readDate(v) {  // cells._parse_date
      if (isDt(v)) return iso(v.dt[0], v.dt[1], v.dt[2]);
      if (isNum(v) && v.num >= rules.serial_min && v.num < rules.serial_max) {
        var day = new Date(Date.UTC(epoch[0], epoch[1] - 1, epoch[2]) + Math.trunc(v.num) * 86400000);
        return iso(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
      }
      var raw = text(v).replace(timeRe, "");
      var m = dateRe.exec(raw);
      if (!m) throw new CellError(fill(rules, "date_unreadable", { found: raw }));
      var year = pyInt(m[1]);
      var month = m[2] !== undefined ? m[2] : m[4], dayText = m[2] !== undefined ? m[3] : m[5];
      var mo = pyInt(month), d = pyInt(dayText);
      if (!validDate(year, mo, d)) throw new CellError(fill(rules, "date_invalid", { found: raw, year: year, month: mo, day: d }));
      return iso(year, mo, d);
    }
    function parseDate(v) {  // cells.parse_date: a date within the records' plausible range
      var day = readDate(v);
      if (day < rules.earliest_date || day > rules.latest_date) {
        throw new CellError(fill(rules, "date_out_of_range", { found: day, earliest: rules.earliest_date, latest: rules.latest_date }));
      }
      return day;
    }
    function parseCount(v) {
      if (typeof v === "boolean") throw new CellError(fill(rules, "count_boolean", {}));
      var n;
      if (isNum(v) && Number.isInteger(v.num)) {
        n = v.num;
      } else {
        var raw = text(v);
        if (!countRe.test(raw)) throw new CellError(fill(rules, "count_unreadable", { found: raw }));
        n = Math.trunc(parseFloat(digits(raw)));
      }
      if (n < 0) throw new CellError(fill(rules, "count_negative", { found: n }));
      return n;
    }
    function parseYesNo(v) {
      if (typeof v === "boolean") return v;
      var raw = upper(text(v));
      if (yes.indexOf(raw) >= 0) return true;
      if (no.indexOf(raw) >= 0) return false;
      throw new CellError(fill(rules, "yes_no_unreadable", { found: text(v) }));
    }
    function parseGroup(v) {
      var raw = text(v);
      if (Object.prototype.hasOwnProperty.call(rules.groups, raw.toLowerCase())) return raw.toLowerCase();
      var found = byText[groupKey(raw)];
      if (found === undefined) {
        var known = rules.group_order.map(function (g) { return rules.groups[g]; }).join("、");
        throw new CellError(fill(rules, "group_unknown", { found: raw, known: known }));
      }
      return found;
    }
    function residentIdProblem(raw) {  // generator.rules.resident_id.validate_resident_id
      var number = upper(raw.replace(SPACES, ""));
      var n = chars(number).length;
      if (n !== 18) return idm.length.replace("{length}", String(n));
      if (!idForm.test(number)) return idm.form;
      var all18 = chars(number), plain = all18.map(digits);
      var y = parseInt(plain.slice(6, 10).join(""), 10), mo = parseInt(plain.slice(10, 12).join(""), 10);
      var d = parseInt(plain.slice(12, 14).join(""), 10);
      if (!validDate(y, mo, d)) return idm.birth_invalid.replace("{digits}", chars(number).slice(6, 14).join(""));
      var born = iso(y, mo, d);
      if (born < earliest || born > todayIso()) return idm.birth_impossible.replace("{born}", born);
      var sum = 0;
      for (var i = 0; i < 17; i++) sum += parseInt(plain[i], 10) * rules.resident_id.weights[i];
      var expected = rules.resident_id.check[sum % 11];
      if (all18[17] !== expected) return idm.check.replace("{expected}", expected);
      return null;
    }
    function parseIdNumber(v) {
      if (isNum(v)) throw new CellError(fill(rules, "id_number_cell", {}));
      var raw = text(v).replace(SPACES, "");
      var problem = residentIdProblem(raw);
      if (problem !== null) throw new CellError(fill(rules, "id_invalid", { masked: mask(raw), problem: problem }));
      return upper(raw);
    }
    return { date: parseDate, count: parseCount, yesNo: parseYesNo, group: parseGroup, id: parseIdNumber };
  }

  // ------------------------------------------------------------------ the rows (generator/intake/roster.py)
  function columnMap(rules, headers) {
    var found = {}, problems = [];
    var names = rules.columns.map(function (c) { return c.name; });
    headers.forEach(function (raw, i) {
      var index = i + 1;
      var name = Object.prototype.hasOwnProperty.call(rules.aliases, raw) ? rules.aliases[raw] : raw;
      if (names.indexOf(name) < 0) return;
      if (name in found) {
        problems.push(new Problem(fill(rules, "header_twice", { name: name, other: columnLetter(found[name]) }), 1, index, raw));
        return;
      }
      found[name] = index;
    });
    rules.columns.forEach(function (c) {
      if (c.required && !(c.name in found)) {
        problems.push(new Problem(fill(rules, "header_missing", { name: c.name, columns: names.join("、") }), 1, null, c.name));
      }
    });
    return { columns: found, problems: problems };
  }

  // context: {periods: int|null, certificate: bool}; returns {problems, trainees}
  function checkSheet(rules, sheet, context) {
    var C = rules.columns.map(function (c) { return c.name; });
    var NAME = C[0], ID = C[1], GROUP = C[2], GRADUATION = C[3], ATTENDED = C[4], PASSED = C[5], CERT = C[6], ISSUED = C[7];
    var cells = Cells(rules);
    var mapped = columnMap(rules, sheet.headers);
    var columns = mapped.columns, problems = mapped.problems;
    if (problems.length) return { problems: problems, trainees: 0 };
    if (!sheet.rows.length) return { problems: [new Problem(fill(rules, "no_trainees", {}))], trainees: 0 };
    var seenIds = {}, seenCerts = {}, trainees = 0;
    sheet.rows.forEach(function (entry) {
      var number = entry[0], values = entry[1], ok = true;
      function raw(name) {
        var index = columns[name];
        if (index === undefined || index > values.length) return null;
        var v = values[index - 1];
        return v === undefined ? null : v;
      }
      function fail(name, message) {
        ok = false;
        problems.push(new Problem(message, number, name in columns ? columns[name] : null, name));
      }
      function get(name, parse, required) {
        var v = raw(name);
        if (blank(v)) { if (required) fail(name, required); return null; }
        try { return parse(v); } catch (e) { if (e instanceof CellError) { fail(name, e.message); return null; } throw e; }
      }
      if (blank(raw(NAME))) fail(NAME, fill(rules, "name_blank", {}));
      var id = get(ID, cells.id, fill(rules, "id_blank", {}));
      if (id !== null) {
        var norm = normaliseId(id);
        if (Object.prototype.hasOwnProperty.call(seenIds, norm)) fail(ID, fill(rules, "id_repeated", { other: seenIds[norm] }));
        else seenIds[norm] = number;
      }
      var group = get(GROUP, cells.group, fill(rules, "group_blank", {}));
      var graduate = group !== null && rules.graduate_groups.indexOf(group) >= 0;
      if (graduate && !(GRADUATION in columns)) {
        fail(GROUP, fill(rules, "graduation_column_missing", { group: rules.groups[group], column: GRADUATION }));
      } else {
        get(GRADUATION, cells.date, graduate ? fill(rules, "graduation_blank", { group: rules.groups[group] }) : null);
      }
      var attended = get(ATTENDED, cells.count, fill(rules, "attended_blank", {}));
      if (attended !== null && context.periods !== null && context.periods !== undefined && attended > context.periods) {
        fail(ATTENDED, fill(rules, "attended_over", { attended: attended, periods: context.periods }));
      }
      // the assessment (roster._assessment)
      (function () {
        var passed = get(PASSED, cells.yesNo, null);
        var certificate = raw(CERT), hasNumber = !blank(certificate);
        var issued = get(ISSUED, cells.date, null);
        if (passed === null) {
          if (hasNumber || issued !== null) fail(PASSED, fill(rules, "certificate_without_passed", {}));
          return;
        }
        if (!passed) {
          if (hasNumber || issued !== null) fail(hasNumber ? CERT : ISSUED, fill(rules, "certificate_but_failed", {}));
          return;
        }
        if (!hasNumber) {
          if (issued !== null) fail(CERT, fill(rules, "issued_without_number", {}));
          return;
        }
        if (issued === null && !blank(raw(ISSUED))) return;
        if (issued === null) { fail(ISSUED, fill(rules, "number_without_issued", {})); return; }
        if (!context.certificate) { fail(CERT, fill(rules, "certificate_kind_unknown", {})); return; }
        var key = normaliseId(text(certificate));
        if (Object.prototype.hasOwnProperty.call(seenCerts, key)) { fail(CERT, fill(rules, "certificate_repeated", { other: seenCerts[key] })); return; }
        seenCerts[key] = number;
      })();
      if (ok && id !== null && group !== null && attended !== null) trainees += 1;
    });
    return { problems: problems, trainees: problems.length ? 0 : trainees };
  }

  // ------------------------------------------------------------------ reading (generator/intake/sheet.py)
  // ------------------------------------------------------------------ caps (generator/intake/sheet.py)
  function grouped(n) { return Number(n).toLocaleString("en-US"); }
  function capProblem(rules, cap, limit, row, found) {  // sheet.cap_problem
    var label = rules.cap_labels[cap];
    var seen = found === undefined || found === null ? "" : fill(rules, "cap_found", { found: grouped(found), unit: label[1] });
    return new Problem(fill(rules, "cap_exceeded", { label: label[0], limit: grouped(limit), unit: label[1], seen: seen }),
      row === undefined ? null : row);
  }
  function cappedRows(rules, rows, encoding) {  // sheet._capped_rows, over [row number, cells] in order
    var caps = rules.caps, kept = [], filled = 0, cells = 0;
    for (var i = 0; i < rows.length; i++) {
      var number = rows[i][0];
      if (number > rules.excel_max_rows) return { problem: capProblem(rules, "rows", rules.excel_max_rows, rules.excel_max_rows + 1) };
      var values = rows[i][1].slice();
      while (values.length && blank(values[values.length - 1])) values.pop();
      if (!values.length) continue;
      if (values.length > caps.columns) return { problem: capProblem(rules, "columns", caps.columns, number) };
      filled += 1;
      cells += values.filter(function (v) { return !blank(v); }).length;
      if (filled > caps.rows) return { problem: capProblem(rules, "rows", caps.rows, number) };
      if (cells > caps.cells) return { problem: capProblem(rules, "cells", caps.cells, number) };
      kept.push([number, values]);
    }
    return fromRows(rules, kept, encoding);
  }
  // sheet.zip_problem: the package judged from its zip directory before anything is inflated
  function zipProblem(rules, bytes) {
    var caps = rules.caps, members = [];
    PeixunVendor.unzipSync(bytes, { filter: function (f) { members.push(f); return false; } });
    if (members.length > caps.members) return capProblem(rules, "members", caps.members, null, members.length);
    var total = members.reduce(function (sum, m) { return sum + m.originalSize; }, 0);
    if (total > caps.uncompressed) return capProblem(rules, "uncompressed", caps.uncompressed, null, total);
    for (var i = 0; i < members.length; i++) {
      var m = members[i], packed = Math.max(m.size, 1);
      if (m.originalSize > rules.ratio_floor_bytes && m.originalSize > caps.ratio * packed) {
        return capProblem(rules, "ratio", caps.ratio, null, Math.floor(m.originalSize / packed));
      }
    }
    return null;
  }
  function sharedStringsProblem(rules, files) {  // sheet._shared_string_parts and _count_shared_strings
    var names = Object.keys(files), found = {};
    names.forEach(function (n) { if (/sharedstrings\.xml$/.test(n.toLowerCase())) found[n] = true; });
    if (files["[Content_Types].xml"]) {
      all(xml(files["[Content_Types].xml"]), "*").forEach(function (e) {
        var part = e.getAttribute("PartName");
        if (e.getAttribute("ContentType") === rules.shared_strings_type && part) {
          var name = part.replace(/^\/+/, "");
          if (name in files) found[name] = true;
        }
      });
    }
    var parts = Object.keys(found).sort();
    for (var i = 0; i < parts.length; i++) {
      var count = Math.min(all(xml(files[parts[i]]), "si").length, rules.caps.shared_strings + 1);
      if (count > rules.caps.shared_strings) {
        return capProblem(rules, "shared_strings", rules.caps.shared_strings, null, count);
      }
    }
    return null;
  }

  function fromRows(rules, rows, encoding) {
    var filled = rows.filter(function (r) { return !r[1].every(blank); });
    if (!filled.length) return { problem: new Problem(fill(rules, "sheet_empty", {})) };
    var marks = new RegExp("[" + rules.header_marks + "]+$", "u");
    var headers = filled[0][1].map(function (c) {
      return c === null || c === undefined ? "" : pyStrip(pyStrip(pyStr(c)).replace(/^\ufeff+/, "").replace(marks, ""));
    });
    return { sheet: { headers: headers, rows: filled.slice(1), encoding: encoding } };
  }

  function decodeStrict(label, bytes) {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  }
  function firstBadByte(label, bytes) {
    var decoder = new TextDecoder(label, { fatal: true });
    for (var i = 0; i < bytes.length; i++) {
      try { decoder.decode(bytes.subarray(i, i + 1), { stream: true }); } catch (e) { return i; }
    }
    return bytes.length;
  }
  function decodeCsv(rules, bytes) {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(3)), encoding: "UTF-8（带 BOM）" };
    }
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      try { return { text: decodeStrict(bytes[0] === 0xff ? "utf-16le" : "utf-16be", bytes.subarray(2)), encoding: "UTF-16" }; }
      catch (e) { return { problem: new Problem(fill(rules, "utf16_unreadable", {})) }; }
    }
    try { return { text: decodeStrict("utf-8", bytes), encoding: "UTF-8" }; } catch (e) { /* next */ }
    try { return { text: decodeStrict("gb18030", bytes), encoding: "GBK" }; } catch (e) {
      var at = firstBadByte("gb18030", bytes), line = 1;
      for (var i = 0; i < at; i++) if (bytes[i] === 0x0a) line += 1;
      return { problem: new Problem(fill(rules, "encoding_unknown", {}), line) };
    }
  }

  // Python's csv.reader (excel dialect, not strict) over io.StringIO(text, newline=""): lines end at
  // \r\n, \r or \n, each line's characters then its end are fed to the same state machine as _csv.c's
  var EOL = null;
  function csvRecords(textIn, delimiter) {
    var records = [], fields = [], field = "", state = "start_record";
    function save() { fields.push(field); field = ""; }
    function feed(c) {
      var newline = c === "\n" || c === "\r";
      switch (state) {
        case "start_record":
          if (c === EOL) return;
          if (newline) { state = "eat_crnl"; return; }
          state = "start_field";
          /* falls through */
        case "start_field":
          if (newline || c === EOL) { save(); state = c === EOL ? "start_record" : "eat_crnl"; }
          else if (c === '"') state = "in_quoted";
          else if (c === delimiter) save();
          else { field += c; state = "in_field"; }
          return;
        case "in_field":
          if (newline || c === EOL) { save(); state = c === EOL ? "start_record" : "eat_crnl"; }
          else if (c === delimiter) { save(); state = "start_field"; }
          else field += c;
          return;
        case "in_quoted":
          if (c === EOL) return;
          if (c === '"') state = "quote_in_quoted";
          else field += c;
          return;
        case "quote_in_quoted":
          if (c === '"') { field += c; state = "in_quoted"; }
          else if (c === delimiter) { save(); state = "start_field"; }
          else if (newline || c === EOL) { save(); state = c === EOL ? "start_record" : "eat_crnl"; }
          else { field += c; state = "in_field"; }
          return;
        case "eat_crnl":
          if (c === EOL) state = "start_record";
          return;
      }
    }
    var lines = textIn.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) || [];
    lines.forEach(function (line) {
      for (var i = 0; i < line.length; i++) feed(line[i]);
      feed(EOL);
      if (state === "start_record") { records.push(fields); fields = []; }
    });
    if (field.length || state === "in_quoted") { save(); records.push(fields); }  // end of data inside quotes
    return records;
  }

  function readCsv(rules, bytes) {
    if (bytes.length > rules.caps.file) return { problem: capProblem(rules, "file", rules.caps.file, null, bytes.length) };
    var decoded = decodeCsv(rules, bytes);
    if (decoded.problem) return decoded;
    var t = decoded.text, first = t.split("\n", 1)[0];
    var delimiter = ",", best = -1;
    if (chars(rules.csv_delimiters).some(function (d) { return first.indexOf(d) >= 0; })) {
      chars(rules.csv_delimiters).forEach(function (d) {
        var count = first.split(d).length - 1;
        if (count > best) { best = count; delimiter = d; }
      });
    }
    if (delimiter === "，") return { problem: new Problem(fill(rules, "csv_chinese_comma", {}), 1) };
    var rows = csvRecords(t, delimiter).map(function (cells, i) { return [i + 1, cells]; });
    return cappedRows(rules, rows, decoded.encoding);
  }

  // -- XLSX: the zip parts read with fflate, the XML with the browser's DOMParser, as openpyxl reads them
  // the built-in number formats that openpyxl knows and that are dates or times (the others are not dates)
  var BUILTIN_FORMATS = { 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
    20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0" };
  function isDateFormat(fmt) {  // openpyxl.styles.numbers.is_date_format
    if (fmt === null || fmt === undefined) return false;
    fmt = fmt.split(";")[0].replace(/".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]/g, "");
    return /(^|[^_\\])[dmhysDMHYS]/.test(fmt);
  }
  function isTimedeltaFormat(fmt) {
    if (fmt === null || fmt === undefined) return false;
    return /\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?/i.test(fmt.split(";")[0]);
  }
  function xml(bytes) {
    var doc = new DOMParser().parseFromString(new TextDecoder("utf-8").decode(bytes), "application/xml");
    if (doc.getElementsByTagName("parsererror").length) throw new Error("XMLSyntaxError");
    return doc;
  }
  function kids(node, name) {
    var out = [];
    for (var c = node.firstElementChild; c; c = c.nextElementSibling) if (c.localName === name) out.push(c);
    return out;
  }
  function all(node, name) { return Array.prototype.slice.call(node.getElementsByTagNameNS("*", name)); }
  function stringItem(si) {  // the text of <si> or <is>: its <t> and the <t> of its runs, never phonetic runs
    var out = "";
    for (var c = si.firstElementChild; c; c = c.nextElementSibling) {
      if (c.localName === "t") out += c.textContent;
      else if (c.localName === "r") kids(c, "t").forEach(function (t) { out += t.textContent; });
    }
    return out;
  }
  function resolve(base, target) {
    if (target.charAt(0) === "/") return target.slice(1);
    var parts = base.split("/"); parts.pop();
    target.split("/").forEach(function (p) { if (p === "..") parts.pop(); else if (p !== ".") parts.push(p); });
    return parts.join("/");
  }
  function cellRef(ref) {
    var m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref || "");
    if (!m) return null;
    var col = 0;
    m[1].toUpperCase().split("").forEach(function (ch) { col = col * 26 + ch.charCodeAt(0) - 64; });
    return { col: col, row: parseInt(m[2], 10) };
  }
  function fromExcel(value, epoch1904) {  // openpyxl.utils.datetime.from_excel, to whole seconds
    var day = Math.floor(value), fraction = value - day;
    var ms = Math.round(fraction * 86400 * 1000);
    if (!epoch1904 && value > 0 && value < 60) day += 1;
    var base = epoch1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
    var t = new Date(base + day * 86400000 + ms);
    if (isNaN(t.getTime())) throw new Error("OverflowError");
    return { dt: [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()] };
  }
  function number(raw) {
    var isFloat = /[.eE]/.test(raw);
    var num = Number(raw);
    if (raw === "" || isNaN(num)) throw new Error("ValueError");
    return { num: num, raw: isFloat ? raw : BigInt(raw).toString(), float: isFloat };
  }

  function readXlsx(rules, bytes) {
    if (bytes.length > rules.caps.file) return { problem: capProblem(rules, "file", rules.caps.file, null, bytes.length) };
    var files, capped;
    try {
      capped = zipProblem(rules, bytes);
      if (capped) return { problem: capped };
      files = PeixunVendor.unzipSync(bytes);
    } catch (e) {
      return { problem: new Problem(fill(rules, "xlsx_unreadable", { error: "BadZipFile" })) };
    }
    try {
      capped = sharedStringsProblem(rules, files);
      if (capped) return { problem: capped };
    } catch (e) {
      return { problem: new Problem(fill(rules, "xlsx_unreadable", { error: "ParseError" })) };
    }
    try {
      var book = xml(files["xl/workbook.xml"]);
      var epoch1904 = all(book, "workbookPr").some(function (p) {
        var v = p.getAttribute("date1904"); return v === "1" || v === "true";
      });
      var rels = xml(files["xl/_rels/workbook.xml.rels"]);
      var targets = {};
      all(rels, "Relationship").forEach(function (r) {
        if (/\/worksheet$/.test(r.getAttribute("Type") || "")) targets[r.getAttribute("Id")] = r.getAttribute("Target");
      });
      var sheetPath = null;
      all(book, "sheet").some(function (s) {
        var id = s.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id");
        if (id && targets[id]) { sheetPath = resolve("xl/workbook.xml", targets[id]); return true; }
        return false;
      });
      if (!sheetPath || !files[sheetPath]) throw new Error("IndexError");
      var shared = [];
      var ssName = Object.keys(files).filter(function (f) { return /^xl\/sharedStrings\.xml$/i.test(f); })[0];
      if (ssName) all(xml(files[ssName]), "si").forEach(function (si) { shared.push(stringItem(si)); });
      var dateStyles = {}, deltaStyles = {};
      if (files["xl/styles.xml"]) {
        var styles = xml(files["xl/styles.xml"]), custom = {};
        all(styles, "numFmt").forEach(function (f) { custom[f.getAttribute("numFmtId")] = f.getAttribute("formatCode"); });
        var xfs = all(styles, "cellXfs")[0];
        (xfs ? kids(xfs, "xf") : []).forEach(function (xf, index) {
          var id = xf.getAttribute("numFmtId") || "0";
          var fmt = id in custom ? custom[id] : (BUILTIN_FORMATS[id] || null);
          if (isDateFormat(fmt)) dateStyles[index] = true;
          if (isTimedeltaFormat(fmt)) deltaStyles[index] = true;
        });
      }
      var sheet = xml(files[sheetPath]);
      // the declared <dimension> is the file's claim, not a fact: rows and cells are taken as they are
      var maxCol = null;
      var rows = [], rowCounter = 0;
      var data = all(sheet, "sheetData")[0];
      (data ? kids(data, "row") : []).some(function (rowNode) {
        var r = rowNode.getAttribute("r");
        rowCounter = r ? parseInt(r, 10) : rowCounter + 1;
        if (rowCounter > rules.excel_max_rows) { rows.push([rowCounter, []]); return true; }  // refused, not read on
        var values = [], colCounter = 0;
        kids(rowNode, "c").forEach(function (c) {
          var at = cellRef(c.getAttribute("r"));
          colCounter = at ? at.col : colCounter + 1;
          if (maxCol !== null && colCounter > maxCol) return;
          var type = c.getAttribute("t") || "n", style = parseInt(c.getAttribute("s") || "0", 10);
          var vNode = kids(c, "v")[0], raw = vNode ? vNode.textContent : null, value = null;
          if (type === "inlineStr") {
            var is = kids(c, "is")[0];
            value = is ? stringItem(is) : null;
          } else if (raw) {
            if (type === "n") {
              value = number(raw);
              if (dateStyles[style]) {
                value = deltaStyles[style] ? { num: value.num, raw: value.raw, float: value.float } : fromExcel(value.num, epoch1904);
              }
            } else if (type === "s") value = shared[parseInt(raw, 10)];
            else if (type === "b") value = parseInt(raw, 10) !== 0;
            else if (type === "d") {
              var m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?/.exec(raw);
              value = m ? { dt: [+m[1], +m[2], +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0)] } : raw;
            } else value = raw;  // str, e
            if (value === undefined) throw new Error("IndexError");
          }
          values[colCounter - 1] = value;
        });
        var width = maxCol !== null ? maxCol : values.length;
        var full = [];
        for (var i = 0; i < width; i++) full.push(values[i] === undefined ? null : values[i]);
        rows.push([rowCounter, full]);  // rows missing from the file are blank: nothing to keep
        return false;
      });
      return cappedRows(rules, rows, null);
    } catch (e) {
      var name = e && /^[A-Za-z]+Error$/.test(e.message) ? e.message : "KeyError";
      return { problem: new Problem(fill(rules, "xlsx_unreadable", { error: name })) };
    }
  }

  function suffixOf(name) {
    var m = /(\.[^./\\]*)$/.exec(name || "");
    return m ? m[1].toLowerCase() : "";
  }
  function unsupported(rules, suffix) {
    if (suffix === ".xls") return new Problem(fill(rules, "xls_unsupported", {}));
    if ([".xlsx", ".xlsm", ".csv", ".txt"].indexOf(suffix) < 0) {
      return new Problem(fill(rules, "type_unsupported", { suffix: suffix || fill(rules, "no_suffix", {}) }));
    }
    return null;
  }
  function readSheet(rules, bytes, name) {
    var suffix = suffixOf(name);
    var problem = unsupported(rules, suffix);
    if (problem) return { problem: problem };
    return suffix === ".xlsx" || suffix === ".xlsm" ? readXlsx(rules, bytes) : readCsv(rules, bytes);
  }

  // The whole check of one file: the lines `peixun seal-roster` prints after "FILE: ".
  function checkFile(rules, bytes, name, context) {
    var read = readSheet(rules, bytes, name);
    if (read.problem) return { lines: [shown(rules, read.problem)], trainees: 0, encoding: null };
    var result = checkSheet(rules, read.sheet, context);
    return { lines: result.problems.map(function (p) { return shown(rules, p); }), trainees: result.trainees,
      encoding: read.sheet.encoding };
  }

  // ------------------------------------------------------------------ sealing (generator/intake/sealed_roster.py)
  function pack(classId, suffix, bytes) {  // sealed_roster.pack: the same envelope `peixun seal-roster` writes
    var header = JSON.stringify({ "class": classId, "format": suffix }).replace(/":/g, '": ').replace(/,"/g, ', "')
      .replace(/[\u007f-\uffff]/g, function (c) { return "\\u" + pad(c.charCodeAt(0).toString(16), 4); });
    var head = new TextEncoder().encode(MAGIC + header + "\n");
    var out = new Uint8Array(head.length + bytes.length);
    out.set(head, 0); out.set(bytes, head.length);
    return out;
  }
  function seal(recipients, classId, suffix, bytes) {
    var e = new PeixunVendor.Encrypter();
    recipients.forEach(function (r) { e.addRecipient(r); });
    return e.encrypt(pack(classId, suffix, bytes));
  }

  window.PeixunRoster = { checkFile: checkFile, readSheet: readSheet, checkSheet: checkSheet, pack: pack, seal: seal,
    csvRecords: csvRecords, shown: shown };

  // ------------------------------------------------------------------ the page
  var root = document.getElementById("px-roster");
  if (!root) return;
  var data = null, file = null, bytes = null, downloadUrl = null;
  function $(id) { return document.getElementById(id); }
  function say(node, message) { node.textContent = message; node.hidden = !message; }

  function classOf(id) {
    return data.classes.filter(function (c) { return c.id === id; })[0] || null;
  }
  function reset() {
    $("px-roster-problems").innerHTML = ""; $("px-roster-result").hidden = true;
    if (downloadUrl) { URL.revokeObjectURL(downloadUrl); downloadUrl = null; }
  }
  function check() {
    reset();
    var id = $("px-roster-class").value.trim();
    var cls = classOf(id);
    var status = $("px-roster-status");
    if (!id || !bytes) { say(status, !id ? "请先填写班次编号。" : "请选择花名册文件。"); return; }
    if (!cls) { say(status, "本站没有班次 " + id + "：请核对班次编号（如 P2026-001-01）。班次文件须先提交并合并，才能提交花名册。"); return; }
    if (cls.frozen) { say(status, fill({ messages: data.messages }, "frozen", { class_id: cls.id, paid: cls.paid_on })); return; }
    var result = checkFile(data.rules, bytes, file.name, { periods: cls.periods, certificate: cls.certificate });
    var list = $("px-roster-problems");
    if (result.lines.length) {
      say(status, "花名册 " + file.name + " 有 " + result.lines.length + " 处问题，未加密。请在 Excel 中逐条修改后重新选择文件：");
      result.lines.forEach(function (line) { var li = document.createElement("li"); li.textContent = line; list.appendChild(li); });
      $("px-roster-seal").disabled = true;
      return;
    }
    if (!data.recipients.length) {
      say(status, "检查通过：" + result.trainees + " 名参训人员。但本站没有公布花名册加密公钥，暂不能加密，请联系" + data.issuer + "。");
      return;
    }
    say(status, "检查通过：" + result.trainees + " 名参训人员" + (result.encoding ? "（文件编码 " + result.encoding + "）" : "") +
      "。可以加密。");
    $("px-roster-seal").disabled = false;
  }
  function sealNow() {
    var id = $("px-roster-class").value.trim(), cls = classOf(id);
    if (!cls || !bytes) return;
    var status = $("px-roster-status");
    $("px-roster-seal").disabled = true;
    say(status, "正在加密……");
    seal(data.recipients, cls.id, suffixOf(file.name), bytes).then(function (sealed) {
      if (sealed.length > data.max_bytes) {
        say(status, "文件过大：加密后 " + sealed.length + " 字节，超过上限 " + data.max_bytes + " 字节。请删除多余的工作表、图片和格式，只保留花名册各列后重试");
        return;
      }
      downloadUrl = URL.createObjectURL(new Blob([sealed], { type: "application/octet-stream" }));
      var link = $("px-roster-download");
      link.href = downloadUrl; link.setAttribute("download", cls.id + ".age");
      link.textContent = "下载 " + cls.id + ".age";
      $("px-roster-path").textContent = "records/sealed/" + cls.year + "/" + cls.id + ".age";
      var upload = $("px-roster-upload");
      if (data.repo) {
        upload.href = "https://github.com/" + data.repo + "/upload/main/records/sealed/" + cls.year;
        upload.hidden = false;
      }
      $("px-roster-result").hidden = false;
      say(status, "已加密：只有" + data.issuer + "能解密。请下载后按下面的步骤上传。");
    }).catch(function (err) {
      say(status, "加密失败（" + (err && err.message ? err.message : err) + "）。请刷新页面后重试。");
    });
  }
  function pick() {
    reset();
    var input = $("px-roster-file");
    file = input.files && input.files[0] ? input.files[0] : null;
    bytes = null;
    $("px-roster-seal").disabled = true;
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () { bytes = new Uint8Array(reader.result); check(); };
    reader.onerror = function () { say($("px-roster-status"), "无法读取所选文件。"); };
    reader.readAsArrayBuffer(file);
  }
  function start(loaded) {
    data = loaded;
    var list = $("px-roster-classes");
    data.classes.forEach(function (c) {
      var o = document.createElement("option"); o.value = c.id; o.textContent = c.label; list.appendChild(o);
    });
    $("px-roster-file").addEventListener("change", pick);
    // choosing the same file again after fixing it in Excel must read it again
    $("px-roster-file").addEventListener("click", function () { this.value = ""; });
    $("px-roster-class").addEventListener("change", function () { if (bytes) check(); });
    $("px-roster-check").addEventListener("click", check);
    $("px-roster-seal").addEventListener("click", sealNow);
    document.documentElement.setAttribute("data-roster-ready", "true");
  }
  fetch("roster-data.json", { cache: "no-cache" }).then(function (r) {
    if (!r.ok) throw new Error(r.status + " " + r.statusText);
    return r.json();
  }).then(start).catch(function (err) {
    say($("px-roster-status"), "无法载入本页所需的数据（" + err.message + "）。请刷新页面。");
  });
})();
