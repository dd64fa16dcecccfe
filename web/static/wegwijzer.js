/* Wegwijzer chat widget: one script tag, no framework, nothing stored.
 *
 * Embed on any site:
 *   <script src="https://bot.example/static/wegwijzer.js" defer
 *           data-language="nl" data-audience="young"
 *           data-exit-url="https://www.google.com/search?q=weer"></script>
 *
 * Attributes (all optional):
 *   data-language  nl | en             the first language (the person can switch)
 *   data-audience  young | parent      changes the welcome; the engine is the same
 *   data-bot-url   the bot server      default: where this script came from
 *   data-exit-url  the quick-exit site default: a weather search
 *   data-mode      widget | page       a floating widget, or a full-page chat
 *   data-target    a CSS selector      page mode: the element to fill (default: body)
 *
 * Privacy: no cookies, no web storage, no requests to anyone but the bot; a new random
 * conversation id per page load; everything typed or received is shown as text, never HTML.
 * The "what you can say" card copies its line in the browser only; nothing is sent.
 * Pages can also call Wegwijzer.mount(element, options) (the trainers' demo does).
 */
(function () {
  "use strict";

  // Filled in by the server from the service directory (see addons/web.py).
  var FALLBACK = /*FALLBACK_SERVICES*/[];
  // The widget's own style, filled in by the server that sends this script, so the widget is
  // styled even when its bot (data-bot-url) cannot be reached. Empty: load wegwijzer.css.
  var STYLE = /*WIDGET_CSS*/"";
  // The bot's own menus per audience (domain.yml), filled in by the server: no copy here.
  var MENUS = /*MENUS*/null;
  var DEFAULT_EXIT = "https://www.google.com/search?q=weer";
  var REPLY_TIMEOUT_MS = 12000;
  // The server's limit (bot/input_guard.py), filled in when the server sends this script.
  var MAX_LENGTH = /*MAX_MESSAGE_CHARS*/1000;
  var LANGUAGES = ["nl", "en"];

  var TEXTS = {
    nl: {
      open: "Praat met Wegwijzer",
      close: "Chat sluiten",
      title: "Wegwijzer",
      subtitle: "Hulp zoeken bij online misbruik",
      exit: "Snel weg",
      exitNote: "Snel weg: of druk 2 keer op Esc. Je browsergeschiedenis wordt niet gewist.",
      log: "Gesprek met Wegwijzer",
      label: "Typ je bericht",
      placeholder: "Typ hier wat er aan de hand is",
      send: "Verstuur",
      typing: "Wegwijzer typt…",
      you: "Jij",
      bot: "Wegwijzer",
      languages: "Taal",
      switched: "Ik praat nu Nederlands met je.",
      privacy: "Wegwijzer is een computerprogramma. Het bewaart niets. Stuur geen namen, foto's of adressen.",
      tooLong: "Je bericht is {count} tekens. Dat is te lang: hoogstens {max}. Er is nog niets verstuurd. Maak het korter, of stuur het in twee delen.",
      empty: "Typ eerst een bericht.",
      failed: "Dat lukte niet. Probeer het nog een keer.",
      down: "Wegwijzer is nu niet bereikbaar. Heb je nu hulp nodig? Deze hulp kun je altijd bellen:",
      call: "Bel",
      chat: "Chat",
      website: "Website",
      websiteAndChat: "Website en chat",
      open_true: "Nu open",
      open_false: "Nu gesloten",
      open_null: "Tijden: zie website",
      sayOpen: "Wat kun je zeggen als je belt of chat?",
      sayIntro: "Je kunt zo beginnen:",
      copy: "Kopieer de zin",
      copied: "Gekopieerd. Plak de zin in de chat, of lees hem voor als je belt.",
      copyFailed: "Kopiëren lukte niet. Selecteer de zin en kopieer hem zelf.",
      copyPrivate: "De zin komt uit wat Wegwijzer begreep, niet uit je eigen woorden. Kopiëren gebeurt alleen op je eigen apparaat: er wordt niets verstuurd of bewaard.",
      whatHappens: "Wat gebeurt er als je belt of chat?",
      welcome: {
        young: "Hoi! Ik ben Wegwijzer. Ik ben een computerprogramma, geen mens. Ik bewaar niets van wat je typt. Vertel in je eigen woorden wat er aan de hand is, of kies hieronder. Noem geen namen en stuur geen foto's.",
        parent: "Welkom. Ik ben Wegwijzer, een computerprogramma en geen mens. Ik bewaar niets van wat je typt. Maak je je zorgen om je kind of een ander kind? Vertel kort wat er speelt, of kies hieronder. Noem geen namen en stuur geen foto's.",
        demo: "Demo. Kies links een scenario of typ zelf. Dit is een computerprogramma; er wordt niets bewaard."
      }
    },
    en: {
      open: "Talk to Wegwijzer",
      close: "Close chat",
      title: "Wegwijzer",
      subtitle: "Finding help with online abuse",
      exit: "Quick exit",
      exitNote: "Quick exit: or press Esc twice. It does not erase your browser history.",
      log: "Conversation with Wegwijzer",
      label: "Type your message",
      placeholder: "Type what is going on",
      send: "Send",
      typing: "Wegwijzer is typing…",
      you: "You",
      bot: "Wegwijzer",
      languages: "Language",
      switched: "I will answer in English now.",
      privacy: "Wegwijzer is a computer program. It stores nothing. Do not send names, photos or addresses.",
      tooLong: "Your message is {count} characters. That is too long: at most {max}. Nothing has been sent yet. Make it shorter, or send it in two parts.",
      empty: "Type a message first.",
      failed: "That did not work. Please try again.",
      down: "Wegwijzer cannot be reached right now. Do you need help now? You can always call:",
      call: "Call",
      chat: "Chat",
      website: "Website",
      websiteAndChat: "Website and chat",
      open_true: "Open now",
      open_false: "Closed now",
      open_null: "Hours: see website",
      sayOpen: "What could you say when you call or chat?",
      sayIntro: "You could start like this:",
      copy: "Copy the sentence",
      copied: "Copied. Paste it into the chat, or read it out when you call.",
      copyFailed: "Copying did not work. Select the sentence and copy it yourself.",
      copyPrivate: "The sentence comes from what Wegwijzer understood, not from your own words. Copying happens only on your own device: nothing is sent or stored.",
      whatHappens: "What happens when you call or chat?",
      welcome: {
        young: "Hi! I'm Wegwijzer. I am a computer program, not a person. I store nothing you type. Tell me in your own words what is going on, or choose below. Please don't share names or photos.",
        parent: "Welcome. I'm Wegwijzer, a computer program, not a person. I store nothing you type. Are you worried about your child or another child? Tell me briefly what is going on, or choose below. Please don't share names or photos.",
        demo: "Demo. Pick a scenario or type freely. This is a computer program; nothing is stored."
      }
    }
  };

  /* ---------- small helpers ---------- */

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function newSender() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  // Only web and phone links leave the widget; anything else is dropped.
  function safeUrl(value) {
    if (typeof value !== "string") return null;
    try {
      var url = new URL(value);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function telUrl(phone) {
    var digits = String(phone).replace(/[^0-9+]/g, "");
    return digits ? "tel:" + digits : null;
  }

  // Copying stays in the browser: the Clipboard API on a secure page (https, localhost),
  // else the older copy command on a short-lived, hidden text box. Nothing is sent.
  function copyText(root, text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return copyByCommand(root, text);
      });
    }
    return copyByCommand(root, text);
  }

  function copyByCommand(root, text) {
    var box = el("textarea", { "class": "copy-buffer", readonly: true, tabindex: "-1",
                               "aria-hidden": "true" });
    box.value = text;
    root.appendChild(box);
    box.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (e) {
      copied = false;
    }
    box.remove();
    return copied ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  // When copying fails, the line is selected so the person can copy it themselves.
  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  var sayCards = 0;  // ids for the cards' controls, unique within this page

  /* ---------- the chat ---------- */

  function Chat(host, options) {
    this.botUrl = (options.botUrl || "").replace(/\/+$/, "");
    this.language = options.language === "en" ? "en" : "nl";
    this.audience = ["young", "parent", "demo"].indexOf(options.audience) >= 0 ? options.audience : "young";
    this.exitUrl = safeUrl(options.exitUrl) || DEFAULT_EXIT;
    this.mode = options.mode === "page" ? "page" : "widget";
    this.extraMetadata = {};
    this.sender = newSender();
    this.busy = false;
    this.lastEscape = 0;
    this.host = host;
    this.root = host.attachShadow({ mode: "open" });
    this.build();
    this.welcome();
    document.addEventListener("keydown", this.onKey.bind(this));
  }

  Chat.prototype.t = function (key) { return TEXTS[this.language][key]; };

  Chat.prototype.build = function () {
    var self = this;
    if (STYLE && window.CSSStyleSheet && "adoptedStyleSheets" in this.root) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
      this.root.adoptedStyleSheets = [sheet];
    } else {
      this.root.appendChild(el("link", { rel: "stylesheet", href: this.botUrl + "/static/wegwijzer.css" }));
    }
    this.frame = el("div", { "class": "ww ww-" + this.mode, lang: this.language });

    this.title = el("h2", { "class": "title" });
    this.subtitle = el("p", { "class": "subtitle" });
    this.langButtons = ["nl", "en"].map(function (code) {
      var button = el("button", { type: "button", "class": "lang", lang: code,
                                  text: code.toUpperCase(),
                                  "aria-label": code === "nl" ? "NL, Nederlands" : "EN, English" });
      button.addEventListener("click", function () { self.setLanguage(code); });
      return button;
    });
    this.langGroup = el("div", { "class": "langs", role: "group" }, this.langButtons);
    this.exitButton = el("button", { type: "button", "class": "exit" });
    this.exitButton.addEventListener("click", function () { self.quickExit(); });
    this.closeButton = null;
    if (this.mode === "widget") {
      this.closeButton = el("button", { type: "button", "class": "close", text: "×" });
      this.closeButton.addEventListener("click", function () { self.setOpen(false); });
    }
    var header = el("header", { "class": "header" }, [
      el("div", { "class": "heading" }, [this.title, this.subtitle]),
      this.langGroup, this.mode === "page" ? this.exitButton : null, this.closeButton
    ]);
    this.exitNote = el("p", { "class": "exit-note" });

    this.log = el("div", { "class": "log", role: "log", "aria-live": "polite", tabindex: "0" });
    this.spacer = el("div", { "class": "spacer", "aria-hidden": "true" });
    this.typing = el("p", { "class": "typing", role: "status", hidden: true }, [
      el("span", { "class": "dots", "aria-hidden": "true" }), el("span", { "class": "typing-text" })
    ]);
    // No maxlength: a long paste must never be cut without telling (see checkLength).
    this.input = el("input", { id: "ww-input", type: "text", autocomplete: "off",
                               "class": "input", "aria-describedby": "ww-limit" });
    this.limit = el("p", { id: "ww-limit", "class": "limit", "aria-live": "polite", hidden: true });
    this.input.addEventListener("input", function () { self.checkLength(); });
    this.label = el("label", { "for": "ww-input", "class": "visually-hidden" });
    this.sendButton = el("button", { type: "submit", "class": "send" });
    this.form = el("form", { "class": "compose", novalidate: true },
                   [this.label, this.input, this.sendButton]);
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
    this.privacy = el("p", { "class": "privacy" });

    this.panel = el("section", { "class": "panel", id: "ww-panel" },
                    [header, this.exitNote, this.log, this.typing, this.limit, this.form,
                     this.privacy]);
    if (this.mode === "widget") {
      this.launcher = el("button", { type: "button", "class": "launcher",
                                     "aria-expanded": "false", "aria-controls": "ww-panel" });
      this.launcher.addEventListener("click", function () { self.setOpen(self.panel.hidden); });
      this.frame.appendChild(this.panel);
      this.frame.appendChild(el("div", { "class": "bar" }, [this.exitButton, this.launcher]));
      this.panel.hidden = true;
    } else {
      this.frame.appendChild(this.panel);
    }
    this.root.appendChild(this.frame);
    this.relabel();
  };

  // Every label in the current language (also after a switch).
  Chat.prototype.relabel = function () {
    this.frame.setAttribute("lang", this.language);
    this.title.textContent = this.t("title");
    this.subtitle.textContent = this.t("subtitle");
    this.langGroup.setAttribute("aria-label", this.t("languages"));
    var language = this.language;
    this.langButtons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("lang") === language));
    });
    this.exitButton.textContent = this.t("exit");
    this.exitNote.textContent = this.t("exitNote");
    if (this.closeButton) this.closeButton.setAttribute("aria-label", this.t("close"));
    if (this.launcher) this.launcher.textContent = this.t("open");
    this.panel.setAttribute("aria-label", this.t("title"));
    this.log.setAttribute("aria-label", this.t("log"));
    this.typing.lastChild.textContent = this.t("typing");
    this.label.textContent = this.t("label");
    this.input.setAttribute("placeholder", this.t("placeholder"));
    this.sendButton.textContent = this.t("send");
    this.privacy.textContent = this.t("privacy");
  };

  Chat.prototype.setOpen = function (open) {
    if (!this.launcher) return;
    this.panel.hidden = !open;
    this.launcher.setAttribute("aria-expanded", String(open));
    (open ? this.input : this.launcher).focus();
  };

  Chat.prototype.setLanguage = function (language) {
    if (language === this.language) return;
    this.language = language;
    this.relabel();
    if (this.started) this.addBubble("bot", this.t("switched"));
    else this.welcome();
  };

  Chat.prototype.welcome = function () {
    this.clearLog();
    var texts = TEXTS[this.language];
    this.addBubble("bot", texts.welcome[this.audience]);
    var choices = ((MENUS || {})[this.audience] || {})[this.language];
    if (choices) {
      this.addButtons(choices.map(function (c) { return { title: c[0], payload: c[1] }; }));
    }
  };

  Chat.prototype.clearLog = function () {
    while (this.log.firstChild) this.log.removeChild(this.log.firstChild);
    this.started = false;
  };

  /* ---------- talking to the bot ---------- */

  Chat.prototype.submit = function () {
    var text = this.input.value.trim();
    if (!text) return this.notice(this.t("empty"));
    if (!this.checkLength()) return this.input.focus();
    this.input.value = "";
    this.send(text, text);
  };

  // True when the message fits; otherwise the person sees, by the box, how long it is and
  // what to do, and nothing is sent or cut.
  Chat.prototype.checkLength = function () {
    var count = this.input.value.trim().length;
    var fits = count <= MAX_LENGTH;
    this.limit.hidden = fits;
    this.limit.textContent = fits ? "" : this.t("tooLong").replace("{count}", String(count))
      .replace("{max}", String(MAX_LENGTH));
    return fits;
  };

  Chat.prototype.metadata = function () {
    var metadata = { language: this.language, audience: this.audience };
    Object.keys(this.extraMetadata).forEach(function (key) {
      metadata[key] = this.extraMetadata[key];
    }, this);
    return metadata;
  };

  // Sends one message; resolves with the bot's messages (or null when it failed).
  Chat.prototype.send = function (message, shown) {
    var self = this;
    this.started = true;
    this.removeButtons();
    this.addBubble("user", shown);
    this.setBusy(true);
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, REPLY_TIMEOUT_MS);
    return fetch(this.botUrl + "/webhooks/rest/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: this.sender, message: message, metadata: this.metadata() }),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      signal: controller.signal
    }).then(function (response) {
      if (response.status >= 500) throw new Error("server error " + response.status);
      return response.json().then(function (body) {
        if (!response.ok) {
          self.notice(body && body.message ? body.message : self.t("failed"));
          return null;
        }
        self.render(body);
        return body;
      });
    }).catch(function () {
      self.serverDown();
      return null;
    }).then(function (result) {
      clearTimeout(timer);
      self.setBusy(false);
      // The trainers' demo listens to explain each turn.
      self.host.dispatchEvent(new CustomEvent("wegwijzer:reply",
                                              { detail: { message: shown, reply: result } }));
      return result;
    });
  };

  Chat.prototype.setBusy = function (busy) {
    if (this.busy === busy) return;
    this.busy = busy;
    this.typing.hidden = !busy;
    this.sendButton.disabled = busy;
  };

  Chat.prototype.render = function (messages) {
    var self = this;
    var first = null;
    var list = Array.isArray(messages) ? messages : [];
    var language = replyLanguage(list) || this.language;
    this.setBusy(false);  // first, so the area has its final height when the reply is placed
    list.forEach(function (message) {
      var custom = message.custom || {};
      var bubble = null;
      if (custom.type === "explanation") return;  // for the trainers' panel, not the chat
      if (custom.type === "signpost") {
        bubble = self.addSignpost(message.text, custom);
      } else if (message.text) {
        bubble = self.addBubble("bot", message.text, null, language);
      }
      first = first || bubble;
      if (Array.isArray(message.buttons) && message.buttons.length) {
        self.addButtons(message.buttons);
      }
    });
    if (first) this.showFromStart(first);
  };

  // A reply is read from its start: its first message (113/112 when there is a crisis, as
  // the server sends that first) goes to the top of the conversation area, even when the
  // whole reply is longer than the area.
  Chat.prototype.showFromStart = function (node) {
    var log = this.log;
    var spacer = this.spacer;
    log.appendChild(spacer);  // keep it last: below a short reply it leaves room to scroll
    spacer.style.height = "0px";
    var offset = node.getBoundingClientRect().top - log.getBoundingClientRect().top;
    var below = log.scrollHeight - (log.scrollTop + offset);
    spacer.style.height = Math.max(0, log.clientHeight - below) + "px";
    log.scrollTo({ top: log.scrollTop + offset, behavior: "instant" });
  };

  // The person's own message and short notices: show the newest at the bottom.
  Chat.prototype.showLatest = function () {
    this.spacer.style.height = "0px";
    this.log.scrollTo({ top: this.log.scrollHeight, behavior: "instant" });
  };

  function knownLanguage(language) {
    return LANGUAGES.indexOf(language) >= 0 ? language : null;
  }

  function replyLanguage(messages) {
    for (var i = 0; i < messages.length; i++) {
      var language = knownLanguage((messages[i].custom || {}).language);
      if (language) return language;
    }
    return null;
  }

  Chat.prototype.serverDown = function () {
    var self = this;
    this.setBusy(false);
    var language = this.language;
    var bubble = this.addBubble("bot", this.t("down"), "down");
    var cards = el("div", { "class": "cards" });
    FALLBACK.forEach(function (service) {
      cards.appendChild(self.card({ name: service.name, phone: service.phone, url: service.url,
                                    why: service["for"][language], open_now: undefined }));
    });
    bubble.appendChild(cards);
    this.showFromStart(bubble);
  };

  /* ---------- what the person sees ---------- */

  // Every bubble says its own language, so a screen reader keeps earlier Dutch bubbles
  // Dutch after a switch to English. A reply's language is the one its signpost names.
  Chat.prototype.addBubble = function (who, text, kind, language) {
    var bubble = el("div", { "class": "message " + who + (kind ? " " + kind : ""),
                             lang: language || this.language }, [
      el("span", { "class": "visually-hidden", text: this.t(who === "user" ? "you" : "bot") + ": " }),
      el("p", { "class": "text", text: text })
    ]);
    this.log.appendChild(bubble);
    this.showLatest();
    return bubble;
  };

  Chat.prototype.notice = function (text) {
    this.addBubble("bot", text, "notice");
  };

  Chat.prototype.addSignpost = function (text, custom) {
    var self = this;
    var crisis = custom.situation === "crisis_suicide" || custom.situation === "emergency";
    var bubble = this.addBubble("bot", custom.intro || text, crisis ? "crisis" : "signpost",
                                knownLanguage(custom.language));
    var cards = el("div", { "class": "cards" });
    (custom.services || []).forEach(function (service) { cards.appendChild(self.card(service)); });
    if (custom.alternative) bubble.appendChild(el("p", { "class": "text", text: custom.alternative }));
    bubble.appendChild(cards);
    if (custom.say && typeof custom.say.line === "string") {
      bubble.appendChild(this.sayCard(custom.say, knownLanguage(custom.language) || this.language));
    }
    return bubble;
  };

  // "What you can say": closed until asked for. An example first sentence with a copy
  // button, and per service what happens when you call or chat (both from the bot).
  Chat.prototype.sayCard = function (say, language) {
    var texts = TEXTS[language];
    var id = "ww-say-" + (++sayCards);
    var line = el("p", { "class": "say-line", text: say.line });
    var status = el("p", { "class": "say-status", role: "status" });
    var copy = el("button", { type: "button", "class": "copy", text: texts.copy });
    copy.addEventListener("click", function () {
      copyText(copy.getRootNode(), say.line).then(function () {
        status.textContent = texts.copied;
      }, function () {
        selectText(line);
        status.textContent = texts.copyFailed;
      }).then(function () { copy.focus(); });
    });
    var notes = (say.services || []).filter(function (s) {
      return s && typeof s.what_happens === "string";
    }).map(function (s) {
      return el("li", {}, [el("strong", { text: s.name + ":" }), el("span", { text: " " + s.what_happens })]);
    });
    var body = el("div", { "class": "say-body", id: id, hidden: true }, [
      el("p", { "class": "say-intro", text: texts.sayIntro }), line,
      el("div", { "class": "say-actions" }, [copy]), status,
      el("p", { "class": "say-private", text: texts.copyPrivate }),
      notes.length ? el("h4", { "class": "say-heading", text: texts.whatHappens }) : null,
      notes.length ? el("ul", { "class": "say-notes" }, notes) : null
    ]);
    var toggle = el("button", { type: "button", "class": "say-toggle", "aria-expanded": "false",
                                "aria-controls": id, text: texts.sayOpen });
    toggle.addEventListener("click", function () {
      var open = body.hidden;
      body.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
    });
    return el("div", { "class": "say", lang: language }, [toggle, body]);
  };

  Chat.prototype.card = function (service) {
    var self = this;
    var actions = [];
    // Each button tells the bot it was tapped: the service id and the kind, nothing else.
    function action(attributes, kind) {
      var link = el("a", attributes);
      if (service.id) link.addEventListener("click", function () { self.reportTap(service.id, kind); });
      actions.push(link);
    }
    var tel = service.phone ? telUrl(service.phone) : null;
    if (tel) action({ href: tel, "class": "action call",
                      text: this.t("call") + " " + service.phone }, "call");
    // One button per real destination: a chat on the website itself is "Website en chat".
    var chat = safeUrl(service.chat_url);
    var site = safeUrl(service.url);
    if (chat && chat !== site) action({ href: chat, target: "_blank",
      rel: "noopener noreferrer", "class": "action", text: this.t("chat") }, "chat");
    if (site) action({ href: site, target: "_blank", rel: "noopener noreferrer",
      "class": "action", text: this.t(chat === site ? "websiteAndChat" : "website") }, "website");
    var details = [el("h3", { "class": "name", text: service.name })];
    if (service.why) details.push(el("p", { "class": "why", text: service.why }));
    if (service.open_now !== undefined) {
      var state = service.open_now === true ? "true" : service.open_now === false ? "false" : "null";
      details.push(el("p", { "class": "hours" }, [
        el("span", { "class": "badge open-" + state, text: this.t("open_" + state) }),
        service.hours ? el("span", { text: " " + service.hours }) : null
      ]));
    }
    details.push(el("div", { "class": "actions" }, actions));
    return el("article", { "class": "card", "data-service": service.id || null }, details);
  };

  Chat.prototype.addButtons = function (buttons) {
    var self = this;
    var group = el("div", { "class": "choices", role: "group" });
    buttons.forEach(function (button) {
      if (!button || typeof button.payload !== "string") return;
      var node = el("button", { type: "button", "class": "choice", text: button.title });
      node.addEventListener("click", function () {
        if (!self.busy) self.send(button.payload, button.title);
      });
      group.appendChild(node);
    });
    this.log.appendChild(group);
  };

  Chat.prototype.removeButtons = function () {
    var groups = this.log.querySelectorAll(".choices");
    Array.prototype.forEach.call(groups, function (group) { group.remove(); });
  };

  // An anonymous count of a tap on a service's call, chat or website button, so operators
  // can see whether signposts lead anywhere. It carries no conversation id, no cookie and no
  // referrer (fetch can drop the referrer; a beacon cannot), and survives leaving the page.
  Chat.prototype.reportTap = function (serviceId, kind) {
    fetch(this.botUrl + "/taps", {
      method: "POST",
      body: JSON.stringify({ service: serviceId, kind: kind }),
      credentials: "omit",
      referrerPolicy: "no-referrer",
      cache: "no-store",
      keepalive: true
    }).catch(function () {});
  };

  /* ---------- leaving and starting over ---------- */

  // Tells the server to forget the conversation; the quick exit says so, to be counted.
  Chat.prototype.forget = function (quickExit) {
    var request = { sender: this.sender };
    if (quickExit) request.reason = "quick_exit";
    var body = JSON.stringify(request);
    var url = this.botUrl + "/webhooks/rest/forget";
    // A beacon survives the page being replaced; text/plain needs no CORS preflight.
    if (!(navigator.sendBeacon && navigator.sendBeacon(url, body))) {
      fetch(url, { method: "POST", body: body, keepalive: true, credentials: "omit" })
        .catch(function () {});
    }
  };

  Chat.prototype.quickExit = function () {
    this.forget(true);
    this.clearLog();
    this.input.value = "";
    window.location.replace(this.exitUrl);
  };

  Chat.prototype.reset = function () {
    this.forget();
    this.sender = newSender();
    this.welcome();
  };

  Chat.prototype.onKey = function (event) {
    if (event.key !== "Escape") return;
    // Escape in a form field of the host page belongs to that field (a select, a clock);
    // in the widget, and anywhere else on the page, Escape twice leaves at once.
    var target = event.target;
    if (target !== this.host && target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
    var now = Date.now();
    if (now - this.lastEscape < 1500) this.quickExit();
    this.lastEscape = now;
  };

  /* ---------- starting ---------- */

  function mount(host, options) {
    return new Chat(host, options || {});
  }

  function autoMount(script) {
    if (!script || !script.src) return;
    var data = script.dataset;
    var options = {
      botUrl: data.botUrl || new URL(script.src).origin,
      language: data.language || document.documentElement.lang,
      audience: data.audience,
      exitUrl: data.exitUrl,
      mode: data.mode
    };
    var start = function () {
      var target = options.mode === "page" && data.target ? document.querySelector(data.target) : null;
      var host = el("div", { "class": "wegwijzer-host" });
      (target || document.body).appendChild(host);
      window.Wegwijzer.chat = mount(host, options);
      // The host page's static crisis numbers (see the README) stand in for the widget
      // until it runs; now the widget shows them itself.
      Array.prototype.forEach.call(document.querySelectorAll("[data-wegwijzer-fallback]"),
                                   function (block) { block.hidden = true; });
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }

  window.Wegwijzer = { mount: mount };
  if (!(document.currentScript && document.currentScript.hasAttribute("data-manual"))) {
    autoMount(document.currentScript);
  }
})();
