// The design system's behaviours, bound by delegation so that fragments htmx
// swaps in work too, with no inline handlers (the page CSP allows none).
(function () {
  "use strict";
  var doc = document;

  // Toasts: one area per layout, fed by the HX-Trigger header
  // ({"toast": {"message": "...", "kind": "success|error"}}) or by the
  // qitaa_toast cookie a full-page action leaves behind.
  function toast(message, kind) {
    var area = doc.getElementById("toasts");
    if (!area || !message) return;
    var el = doc.createElement("div");
    el.className = "toast" + (kind === "error" ? " error" : "");
    el.setAttribute("role", kind === "error" ? "alert" : "status");
    var text = doc.createElement("span");
    text.className = "toast-text";
    text.textContent = message;
    var close = doc.createElement("button");
    close.type = "button";
    close.className = "toast-close";
    close.setAttribute("aria-label", area.dataset.closeLabel || "Close");
    close.textContent = "\u00d7";
    el.appendChild(text);
    el.appendChild(close);
    area.appendChild(el);
    setTimeout(function () { el.remove(); }, kind === "error" ? 9000 : 5000);
  }
  window.qitaaToast = toast;
  doc.body.addEventListener("toast", function (e) {
    var d = e.detail || {};
    toast(d.message || d.value, d.kind);
  });
  function flash() {
    var m = doc.cookie.match(/(?:^|;\s*)qitaa_toast=([^;]*)/);
    if (!m) return;
    doc.cookie = "qitaa_toast=; Max-Age=0; Path=/; SameSite=Lax";
    try {
      var d = JSON.parse(decodeURIComponent(m[1]));
      toast(d.message, d.kind);
    } catch (_) { /* a malformed cookie is dropped */ }
  }
  flash();

  // An htmx request that fails shows the server's message as a toast.
  doc.body.addEventListener("htmx:responseError", function (e) {
    var xhr = e.detail.xhr;
    if (xhr && xhr.getResponseHeader("HX-Trigger")) return;
    var area = doc.getElementById("toasts");
    toast((area && area.dataset.failed) || "Error", "error");
  });

  // Dialogs: [data-dialog-open="#id"] opens a <dialog>; [data-dialog-close]
  // closes its dialog; htmx fragments swapped into #modal open it.
  function openDialog(d) { if (d && !d.open) d.showModal(); }
  // A dialog sent back with its errors opens again as the page loads.
  doc.querySelectorAll("dialog[data-open-on-load]").forEach(openDialog);
  doc.addEventListener("click", function (e) {
    var opener = e.target.closest("[data-dialog-open]");
    if (opener) {
      e.preventDefault();
      openDialog(doc.querySelector(opener.dataset.dialogOpen));
      return;
    }
    var closer = e.target.closest("[data-dialog-close]");
    if (closer) {
      var d = closer.closest("dialog");
      if (d) d.close();
      return;
    }
    var t = e.target.closest(".toast-close");
    if (t) { t.closest(".toast").remove(); return; }
    if (e.target.closest("[data-print]")) { window.print(); return; }
    var remove = e.target.closest(".remove-fit");
    if (remove) {
      var row = remove.closest(".fit-row");
      if (row) row.remove();
      return;
    }
    var toggle = e.target.closest("[data-nav-toggle]");
    if (toggle) {
      var frame = doc.querySelector(".frame");
      if (frame) {
        var open = frame.classList.toggle("nav-open");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      }
      return;
    }
    if (e.target.closest(".scrim")) {
      var f = doc.querySelector(".frame");
      if (f) f.classList.remove("nav-open");
      return;
    }
    // A row with data-href opens its detail page (links and controls inside keep theirs).
    var tr = e.target.closest("tr[data-href]");
    if (tr && !e.target.closest("a, button, input, select, label, textarea, form")) {
      window.location.assign(tr.dataset.href);
    }
  });
  doc.body.addEventListener("htmx:afterSwap", function (e) {
    if (e.detail.target && e.detail.target.id === "modal") openDialog(e.detail.target);
  });
  doc.body.addEventListener("closeModal", function () {
    var d = doc.getElementById("modal");
    if (d && d.open) d.close();
  });

  // Confirm and ask dialogs instead of confirm() and prompt(): an element with
  // data-confirm (a question) or data-ask (a label for a required answer,
  // sent as the HX-Prompt header) opens #confirm-dialog first.
  var pending = null;
  function ask(el, onOk) {
    var d = doc.getElementById("confirm-dialog");
    if (!d) return onOk("");
    var q = el.dataset.ask || el.dataset.confirm || "";
    d.querySelector(".confirm-question").textContent = q;
    var field = d.querySelector(".confirm-answer");
    var input = field.querySelector("textarea");
    input.value = "";
    input.removeAttribute("aria-invalid");
    field.hidden = !el.dataset.ask;
    var ok = d.querySelector(".confirm-ok");
    ok.textContent = el.dataset.confirmLabel || ok.dataset.label;
    ok.className = "confirm-ok" + (el.classList.contains("danger") || el.dataset.tone === "danger" ? " danger" : "");
    pending = { el: el, onOk: onOk, needs: !!el.dataset.ask };
    d.showModal();
    if (el.dataset.ask) input.focus(); else ok.focus();
  }
  doc.addEventListener("click", function (e) {
    var ok = e.target.closest("#confirm-dialog .confirm-ok");
    if (!ok || !pending) return;
    var d = doc.getElementById("confirm-dialog");
    var input = d.querySelector(".confirm-answer textarea");
    if (pending.needs && !input.value.trim()) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    var p = pending;
    pending = null;
    d.close();
    p.onOk(input.value.trim());
  });
  doc.body.addEventListener("htmx:confirm", function (e) {
    var el = e.detail.elt;
    if (!el.dataset || !(el.dataset.confirm || el.dataset.ask)) return;
    e.preventDefault();
    ask(el, function (answer) {
      el._qitaaAnswer = answer;
      e.detail.issueRequest(true);
    });
  });
  doc.body.addEventListener("htmx:configRequest", function (e) {
    var el = e.detail.elt;
    if (el && el._qitaaAnswer !== undefined) {
      e.detail.headers["HX-Prompt"] = encodeURIComponent(el._qitaaAnswer);
      delete el._qitaaAnswer;
    }
  });
  // Plain forms (no htmx) with data-confirm ask the same way.
  doc.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.dataset || !form.dataset.confirm || form.hasAttribute("hx-post")) return;
    if (form._qitaaConfirmed) { form._qitaaConfirmed = false; return; }
    e.preventDefault();
    ask(form, function () {
      form._qitaaConfirmed = true;
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    });
  });

  // Styled file inputs: the chosen names, in the page's language.
  doc.addEventListener("change", function (e) {
    var input = e.target;
    if (input.type === "file") {
      var box = input.closest(".file-input");
      var names = box && box.querySelector(".file-names");
      if (names) {
        var list = Array.prototype.map.call(input.files, function (f) { return f.name; });
        names.textContent = list.length ? list.join(doc.documentElement.dir === "rtl" ? "، " : ", ") : names.dataset.none;
      }
    }
    // Bulk selection: the bar appears with the number of rows chosen.
    if (input.matches("input[data-select-all]")) {
      var table = input.closest("table");
      table.querySelectorAll("input[data-select-row]").forEach(function (c) { c.checked = input.checked; });
    }
    if (input.matches("input[data-select-all], input[data-select-row]")) {
      var scope = input.closest("[data-bulk]");
      if (scope) {
        var n = scope.querySelectorAll("input[data-select-row]:checked").length;
        var bar = scope.querySelector(".bulk-bar");
        if (bar) {
          bar.classList.toggle("on", n > 0);
          var c = bar.querySelector(".bulk-count");
          if (c) c.textContent = c.dataset.template.replace("{n}", String(n));
        }
      }
    }
  });
})();

// A select with data-autosubmit submits its form when it changes.
document.addEventListener("change", function (e) {
  if (e.target.matches && e.target.matches("select[data-autosubmit]") && e.target.form) {
    e.target.form.submit();
  }
});

// The component sheet's sample toast.
document.addEventListener("click", function (e) {
  var b = e.target.closest && e.target.closest("[data-toast-demo]");
  if (b && window.qitaaToast) window.qitaaToast(b.dataset.toastDemo, "success");
});

// Rows added from a <template> (data-add-row="#template", data-to="#rows"),
// and removed by their .remove-row button.
document.addEventListener("click", function (e) {
  var add = e.target.closest && e.target.closest("[data-add-row]");
  if (add) {
    var tpl = document.querySelector(add.dataset.addRow);
    var to = document.querySelector(add.dataset.to);
    if (tpl && to) {
      to.appendChild(tpl.content.cloneNode(true));
      var inputs = to.querySelectorAll("input");
      if (inputs.length) inputs[inputs.length - 5 > 0 ? inputs.length - 5 : 0].focus();
    }
    return;
  }
  var rm = e.target.closest && e.target.closest(".remove-row");
  if (rm) {
    var row = rm.closest(".var-row");
    if (row) row.remove();
  }
});

// A button with data-copy="#field" copies the field's text and says so; where
// the clipboard is closed to the page (plain http), the text is selected for
// the user to copy.
document.addEventListener("click", function (e) {
  var b = e.target.closest && e.target.closest("[data-copy]");
  if (!b) return;
  var field = document.querySelector(b.dataset.copy);
  if (!field) return;
  var done = function () { if (window.qitaaToast) window.qitaaToast(b.dataset.copied || "", "success"); };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value || field.textContent).then(done, function () { field.select(); });
  } else {
    field.select();
  }
});
