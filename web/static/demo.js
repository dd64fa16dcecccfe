/* The trainers' demo: scenarios, a demo clock, and per turn what the bot understood.
 *
 * Everything shown in the explanation panel comes from the bot's own reply: the
 * `explanation` message (language, intents, safety screen, facets) that the server adds
 * for demo traffic, and the signpost's rule, services and explanation. Nothing is
 * recomputed here. The demo sends audience "demo", so its clock never touches real
 * conversations, and like every conversation it is stored nowhere.
 */
(function () {
  "use strict";

  var PLAY_PAUSE_MS = 1200;
  var CRISIS = { crisis_suicide: true, emergency: true };
  var $ = function (id) { return document.getElementById(id); };

  var scenarios = [];
  var scenario = null;
  var step = 0;
  var playing = false;
  var turn = 0;
  var expected = null;  // what the scenario expects of the turn being answered

  var host = $("chat");
  var chat = window.Wegwijzer.mount(host, {
    botUrl: window.location.origin, language: "nl", audience: "demo", mode: "page"
  });

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function row(list, term, value) {
    list.appendChild(el("dt", term));
    var dd = el("dd");
    if (typeof value === "string") dd.textContent = value;
    else dd.appendChild(value);
    list.appendChild(dd);
  }

  /* ---------- scenarios ---------- */

  function loadScenarios() {
    return fetch("/demo/scenarios.json", { credentials: "omit", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        scenarios = data.scenarios;
        var select = $("scenario");
        scenarios.forEach(function (s, index) {
          var option = el("option", s.title.nl + " (" + s.language.toUpperCase() + ")");
          option.value = String(index);
          select.appendChild(option);
        });
        choose(0);
      });
  }

  function choose(index) {
    scenario = scenarios[index];
    playing = false;
    step = 0;
    turn = 0;
    $("turns").textContent = "";
    $("persona").textContent = scenario.persona.nl;
    chat.reset();
    chat.setLanguage(scenario.language);
    if (scenario.clock) setClock(scenario.clock); else realTime();
    showProgress();
  }

  function showProgress() {
    var total = scenario.steps.length;
    $("progress").textContent = step < total
      ? "Stap " + (step + 1) + " van " + total + ": “" + scenario.steps[step].say + "”"
      : "Klaar: alle " + total + " stappen zijn gespeeld.";
    $("next").disabled = step >= total;
    $("play").disabled = step >= total;
  }

  function next() {
    if (!scenario || step >= scenario.steps.length || chat.busy) return Promise.resolve();
    var current = scenario.steps[step];
    step += 1;
    showProgress();
    expected = { scenario: scenario.id, step: step - 1, expect: current.expect };
    return chat.send(current.say, current.say);
  }

  function play() {
    playing = true;
    var go = function () {
      if (!playing || step >= scenario.steps.length) { playing = false; return; }
      next().then(function () { setTimeout(go, PLAY_PAUSE_MS); });
    };
    go();
  }

  /* ---------- the demo clock ---------- */

  // The date of the chosen weekday in the current week, as "YYYY-MM-DDTHH:MM".
  function clockValue(weekday, time) {
    var date = new Date();
    date.setDate(date.getDate() + ((weekday - date.getDay() + 7) % 7));
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) +
      "T" + time;
  }

  function setClock(value) {
    var moment = new Date(value);
    $("clock-day").value = String(moment.getDay());
    $("clock-time").value = value.slice(11, 16);
    chat.extraMetadata.clock = value;
    $("clock-state").textContent = "De demo doet alsof het " +
      $("clock-day").selectedOptions[0].textContent + " " + value.slice(11, 16) +
      " is. Stuur een bericht om het effect te zien.";
  }

  function realTime() {
    delete chat.extraMetadata.clock;
    $("clock-state").textContent = "De demo gebruikt de echte tijd.";
  }

  /* ---------- the explanation panel ---------- */

  function explain(message, reply) {
    turn += 1;
    var item = el("li", null, "turn");
    item.appendChild(el("h3", "Bericht " + turn + ": “" + message + "”"));
    var list = el("dl");
    item.appendChild(list);
    if (!reply) {
      row(list, "Antwoord", "De bot gaf geen antwoord (niet bereikbaar of geweigerd).");
      return add(item);
    }
    var understood = find(reply, "explanation") || {};
    var signposts = reply.filter(function (m) { return m.custom && m.custom.type === "signpost"; })
      .map(function (m) { return m.custom; });

    row(list, "Taal", understood.language || "?");
    var intents = el("ol", null, "intents");
    (understood.intents || []).forEach(function (intent) {
      var li = el("li", intent.name + " ");
      var meter = el("meter");
      meter.min = 0; meter.max = 1; meter.value = intent.confidence;
      meter.setAttribute("aria-label", intent.name);
      li.appendChild(meter);
      li.appendChild(el("span", " " + Math.round(intent.confidence * 100) + "%"));
      intents.appendChild(li);
    });
    row(list, "Herkend (top 3)", intents);
    row(list, "Veiligheidscheck", understood.safety
      ? "afgegaan: " + understood.safety + " (gaat altijd voor)" : "niet afgegaan");
    var facets = understood.facets || {};
    var found = [];
    if (facets.age !== null && facets.age !== undefined) found.push("leeftijd " + facets.age);
    (facets.topics || []).forEach(function (t) { found.push("onderwerp " + t); });
    if (facets.role) found.push("rol " + facets.role);
    row(list, "Kenmerken", found.length ? found.join(", ") : "geen");
    if (understood.answered_by === "fallback") {
      row(list, "Let op", "Antwoord uit de noodroute (actieserver niet bereikbaar).");
    }
    if (!signposts.length) row(list, "Regel", "geen: een gespreksantwoord, geen verwijzing");
    signposts.forEach(function (signpost) {
      var crisis = CRISIS[signpost.situation] ? " (crisis, eerst)" : "";
      row(list, "Regel", signpost.rule + " voor situatie " + signpost.situation + crisis);
      var services = el("ol", null, "services");
      signpost.services.forEach(function (service) {
        var state = service.open_now === true ? "open" : service.open_now === false
          ? "gesloten" : "tijden onbekend";
        var li = el("li", service.name + " ");
        li.appendChild(el("span", state, "state state-" + state.split(" ")[0]));
        li.dataset.service = service.id;
        services.appendChild(li);
      });
      row(list, "Diensten", services);
      if (signpost.say) {
        row(list, "Wat je kunt zeggen", signpost.say.opening + ": “" + signpost.say.line +
            "” (uit de kenmerken, niet uit het bericht)");
      }
      var why = signpost.explanation || {};
      (why.skipped || []).forEach(function (skip) { row(list, "Overgeslagen", skip.reason); });
      if (why.moment) row(list, "Tijd gebruikt", why.moment.replace("T", " "));
    });
    if (expected) {
      row(list, "Scenario verwacht", describe(expected.expect));
      row(list, "Uitkomst", verdict(expected, reply));
    }
    expected = null;
    add(item);
  }

  // Whether the reply did what the scenario expects, checked by the server with the same
  // check as the scenario tests; filled in when the answer comes.
  function verdict(expected, reply) {
    var node = el("span", "wordt gecontroleerd…", "verdict");
    fetch("/demo/check", {
      method: "POST", credentials: "omit", cache: "no-store",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ scenario: expected.scenario, step: expected.step, reply: reply })
    }).then(function (response) { return response.json(); }).then(function (result) {
      node.textContent = result.ok ? "klopt" : "klopt niet: " + (result.problems || []).join("; ");
      node.className = "verdict " + (result.ok ? "verdict-ok" : "verdict-wrong");
    }).catch(function () { node.textContent = "kon niet worden gecontroleerd"; });
    return node;
  }

  function describe(expect) {
    var parts = [];
    if (expect.crisis) parts.push(expect.crisis + " eerst");
    if (expect.rule) parts.push("regel " + expect.rule);
    if (expect.services) parts.push("diensten " + expect.services.join(", "));
    if (expect.says) parts.push("antwoord met “" + expect.says + "”");
    return parts.join("; ");
  }

  function find(reply, type) {
    for (var i = 0; i < reply.length; i++) {
      if (reply[i].custom && reply[i].custom.type === type) return reply[i].custom;
    }
    return null;
  }

  function add(item) {
    $("turns").appendChild(item);
    item.scrollIntoView({ block: "nearest" });
  }

  /* ---------- wiring ---------- */

  host.addEventListener("wegwijzer:reply", function (event) {
    explain(event.detail.message, event.detail.reply);
  });
  $("scenario").addEventListener("change", function (e) { choose(Number(e.target.value)); });
  $("next").addEventListener("click", next);
  $("play").addEventListener("click", play);
  $("reset").addEventListener("click", function () { choose(Number($("scenario").value)); });
  $("clock-set").addEventListener("click", function () {
    setClock(clockValue(Number($("clock-day").value), $("clock-time").value || "12:00"));
  });
  $("clock-saturday").addEventListener("click", function () { setClock(clockValue(6, "23:30")); });
  $("clock-real").addEventListener("click", realTime);
  $("present").addEventListener("click", function () {
    var root = document.documentElement;  // on <html>, so everything sized in rem grows
    var on = !root.classList.contains("presenting");
    root.classList.toggle("presenting", on);
    this.setAttribute("aria-pressed", String(on));
    if (on) host.setAttribute("data-contrast", "high");
    else host.removeAttribute("data-contrast");
  });

  loadScenarios();
})();
